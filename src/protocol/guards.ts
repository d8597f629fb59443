/**
 * A small toolkit of shape checks, so that each message's shape is declared once and its type
 * is derived from that declaration (`Guarded<typeof guard>`) rather than written twice.
 */

/** A check that narrows `unknown` to T. */
export type Guard<T> = (value: unknown) => value is T;

/** The type a guard narrows to. */
export type Guarded<G> = G extends (value: unknown) => value is infer T ? T : never;

type Shape = Record<string, Guard<unknown>>;

/** Required fields as given, optional ones marked `?`. */
export type ObjectOf<R extends Shape, O extends Shape> = { [K in keyof R]: Guarded<R[K]> } & { [K in keyof O]?: Guarded<O[K]> };

// Realm-agnostic: Firefox may hand over messages as objects of another global.
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Object]';
}

/** Exactly these keys, no more: nothing can ride along. */
export function hasKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

export const isString = (value: unknown): value is string => typeof value === 'string';
export const isNumber = (value: unknown): value is number => typeof value === 'number';
export const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
export const isNull = (value: unknown): value is null => value === null;

/** One of these exact values. */
export function literal<const T extends readonly (string | number | boolean)[]>(...values: T): Guard<T[number]> {
  return (value): value is T[number] => values.includes(value as T[number]);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every((item) => guard(item));
}

export function orNull<T>(guard: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || guard(value);
}

export function oneOf<G extends readonly Guard<unknown>[]>(...guards: G): Guard<Guarded<G[number]>> {
  return (value): value is Guarded<G[number]> => guards.some((guard) => guard(value));
}

/**
 * An object with exactly the `required` fields and any of the `optional` ones, each passing its
 * guard: what a receiver accepts from another context.
 */
export function exactObject<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Guard<ObjectOf<R, O>> {
  const allowed = new Set([...Object.keys(required), ...Object.keys(optional ?? {})]);
  return (value): value is ObjectOf<R, O> => {
    if (!isPlainObject(value)) return false;
    const own = Object.keys(value);
    if (!own.every((key) => allowed.has(key))) return false;
    for (const [key, guard] of Object.entries(required)) if (!own.includes(key) || !guard(value[key])) return false;
    for (const [key, guard] of Object.entries(optional ?? {})) if (own.includes(key) && !guard(value[key])) return false;
    return true;
  };
}

/**
 * An object whose `required` fields pass their guards, and whose `optional` ones are absent,
 * undefined or pass theirs; other keys are let through. For answers of our own background,
 * checked for their type rather than for what could ride along.
 */
export function objectWith<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Guard<ObjectOf<R, O>> {
  return (value): value is ObjectOf<R, O> =>
    isPlainObject(value) &&
    Object.entries(required).every(([key, guard]) => guard(value[key])) &&
    Object.entries(optional ?? {}).every(([key, guard]) => value[key] === undefined || guard(value[key]));
}

/** Draft and attachment ids: UUIDs made by the extension, bounded anyway. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9-]{1,100}$/.test(value);
}

/** A string of at most `max` characters. */
export function stringUpTo(max: number): Guard<string> {
  return (value): value is string => typeof value === 'string' && value.length <= max;
}
