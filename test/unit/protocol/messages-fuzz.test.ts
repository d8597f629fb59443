/**
 * Property-based checks of the message parsers: whatever arrives (another extension, a page
 * talking to a content script's window, a bug of ours), a parser never throws, and accepts
 * only the exact shapes of the protocol — one key more, one key less, one value of another
 * type, and the answer is null (or false for the answer checks).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isCapture, isWholePageOutcome, parsePagePart } from '../../../src/capture/screenshot';
import { isSidebarState } from '../../../src/context/sidebar-state';
import { parseBackgroundMessage, type BackgroundMessage } from '../../../src/protocol/background';
import { isSidebarStatus, parseContentMessage } from '../../../src/protocol/content';
import { parseSidebarPortMessage } from '../../../src/protocol/sidebar-port';
import { isTrail } from '../../../src/trail/step';
import type { TrailStep } from '../../../src/trail/step';

const RUNS = { numRuns: 500 };
const PART_TOKEN = '0b6f8a2c-4d1e-4f3a-9c5b-7e2d1a0f3b4c';

/** Every value a message may carry once cloned between contexts, and many it cannot. */
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string(), fc.constantFrom('type', 'send', 'step', 'trail', '__proto__', 'constructor', 'toString', 'then')),
});

const CONTENT_TYPES = ['sidebar/hide', 'sidebar/close', 'sidebar/status'] as const;
const BARE_BACKGROUND_TYPES = ['sidebar/load', 'sidebar/close', 'requests/list', 'requests/retry'] as const;
const ALL_TYPES = [...CONTENT_TYPES, ...BARE_BACKGROUND_TYPES, 'request/send', 'page/report', 'trail/changed'] as const;

/** One text without control characters (path steps are on one line). */
const lineOf = (maxLength: number, minLength = 0) =>
  fc.string({ unit: 'grapheme', minLength, maxLength }).filter((text) => text.length >= minLength && text.length <= maxLength && !/\p{Cc}/u.test(text));

const at = fc.nat({ max: 2 ** 40 });
const validStep: fc.Arbitrary<TrailStep> = fc.oneof(
  fc.record({ kind: fc.constant('click' as const), at, label: lineOf(80, 1) }),
  fc.record({ kind: fc.constant('submit' as const), at, form: lineOf(80, 1) }),
  fc.record({ kind: fc.constant('error' as const), at, text: lineOf(300, 1) }),
  fc.record(
    { kind: fc.constant('page' as const), at, title: lineOf(200), heading: lineOf(200), section: fc.array(lineOf(80, 1), { maxLength: 8 }), path: lineOf(2000) },
    { requiredKeys: ['kind', 'at', 'title', 'path'] },
  ),
);

const validFile = fc.record({ name: fc.string({ maxLength: 200 }), type: fc.string({ maxLength: 100 }), dataUrl: fc.string({ maxLength: 300 }) });
const validSend = fc.record({
  channel: fc.constantFrom('portal' as const, 'backend' as const),
  request: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }),
  files: fc.array(validFile, { maxLength: 10 }),
});

const validBackgroundMessage: fc.Arbitrary<BackgroundMessage> = fc.oneof(
  fc.constantFrom(...BARE_BACKGROUND_TYPES).map((type) => ({ type })),
  validSend.map((send) => ({ type: 'request/send' as const, send })),
  // Its required keys only: "one key less" drops one of them (the optional error state is tested apart).
  fc.array(validStep, { minLength: 1, maxLength: 3 }).map((steps) => ({ type: 'page/report' as const, steps })),
);

/** A JSON-like value that is not `like`'s type: a string for a number, an array for an object… */
function otherTypeThan(like: unknown): fc.Arbitrary<unknown> {
  return anyValue.filter((value) => typeof value !== typeof like || Array.isArray(value) !== Array.isArray(like) || (value === null) !== (like === null));
}

/** Never throws, and says why when it does. */
function quietly<T>(parse: (value: unknown) => T, value: unknown): T {
  try {
    return parse(value);
  } catch (error) {
    throw new Error(`the parser threw on ${fc.stringify(value)}: ${String(error)}`, { cause: error });
  }
}

describe('the message parsers never throw', () => {
  test.each([
    ['parseContentMessage', parseContentMessage],
    ['parseBackgroundMessage', parseBackgroundMessage],
    ['parseSidebarPortMessage', parseSidebarPortMessage],
    ['isSidebarStatus', isSidebarStatus],
    ['isCapture', isCapture],
    ['isSidebarState', isSidebarState],
    ['isTrail', isTrail],
    ['parsePagePart', (value: unknown) => parsePagePart(value, PART_TOKEN)],
    ['isWholePageOutcome', isWholePageOutcome],
  ] as [string, (value: unknown) => unknown][])('%s, on anything', (_name, parse) => {
    fc.assert(
      fc.property(anyValue, (value) => {
        quietly(parse, value);
      }),
      RUNS,
    );
  });

  test('on anything under a known type name, or in place of a known message’s fields', () => {
    const shaped = fc.oneof(
      fc.record({ type: fc.constantFrom(...ALL_TYPES), send: anyValue, step: anyValue, trail: anyValue }, { requiredKeys: ['type'] }),
      fc.record({ type: fc.constantFrom(...ALL_TYPES) }).chain((base) => fc.dictionary(fc.string(), anyValue).map((extra) => ({ ...extra, ...base }))),
    );
    fc.assert(
      fc.property(shaped, (value) => {
        const parsers: ((value: unknown) => unknown)[] = [parseContentMessage, parseBackgroundMessage, parseSidebarPortMessage, (part) => parsePagePart(part, PART_TOKEN)];
        for (const parse of parsers) quietly(parse, value);
      }),
      RUNS,
    );
  });
});

describe('the parsers accept the exact shapes, and give back the same content', () => {
  test('content messages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CONTENT_TYPES), (type) => {
        expect(parseContentMessage({ type })).toEqual({ type });
      }),
    );
  });

  test('background messages', () => {
    fc.assert(
      fc.property(validBackgroundMessage, (message) => {
        expect(parseBackgroundMessage(message)).toEqual(message);
      }),
      RUNS,
    );
  });

  test('the path sequence pushed to an open sidebar', () => {
    fc.assert(
      fc.property(fc.array(validStep, { maxLength: 5 }), (trail) => {
        expect(parseSidebarPortMessage({ type: 'trail/changed', trail })).toEqual({ type: 'trail/changed', trail });
      }),
      RUNS,
    );
  });
});

describe('anything not exact is refused', () => {
  const validMessages = fc.oneof(
    validBackgroundMessage.map((message) => ({ message: message as Record<string, unknown>, parse: parseBackgroundMessage as (value: unknown) => unknown })),
    fc.constantFrom(...CONTENT_TYPES).map((type) => ({ message: { type } as Record<string, unknown>, parse: parseContentMessage as (value: unknown) => unknown })),
    fc.array(validStep, { maxLength: 3 }).map((trail) => ({ message: { type: 'trail/changed', trail } as Record<string, unknown>, parse: parseSidebarPortMessage as (value: unknown) => unknown })),
  );

  test('one key more', () => {
    fc.assert(
      fc.property(validMessages, fc.string(), anyValue, ({ message, parse }, key, value) => {
        fc.pre(!Object.hasOwn(message, key));
        expect(quietly(parse, { ...message, [key]: value })).toBeNull();
      }),
      RUNS,
    );
  });

  test('one key less', () => {
    fc.assert(
      fc.property(validMessages, fc.nat(), ({ message, parse }, pick) => {
        const keys = Object.keys(message);
        const { [keys[pick % keys.length]!]: _dropped, ...rest } = message;
        expect(quietly(parse, rest)).toBeNull();
      }),
      RUNS,
    );
  });

  test('one field of another type', () => {
    const mutated = validMessages.chain(({ message, parse }) =>
      fc.constantFrom(...Object.keys(message)).chain((key) => otherTypeThan(message[key]).map((value) => ({ value: { ...message, [key]: value }, parse }))),
    );
    fc.assert(
      fc.property(mutated, ({ value, parse }) => {
        expect(quietly(parse, value)).toBeNull();
      }),
      RUNS,
    );
  });

  test('a step, a file or a send request with one key more, or a value of another type, inside a valid message', () => {
    const inner = fc.oneof(
      fc.tuple(validStep, fc.string(), anyValue).map(([step, key, value]) => ({ outer: 'step', inner: { ...step } as Record<string, unknown>, key, value })),
      fc.tuple(validSend, fc.string(), anyValue).map(([send, key, value]) => ({ outer: 'send', inner: send as Record<string, unknown>, key, value })),
    );
    fc.assert(
      fc.property(inner, fc.boolean(), ({ outer, inner, key, value }, replaceExisting) => {
        const existing = Object.keys(inner);
        const target = replaceExisting ? existing[Math.abs(hash(key)) % existing.length]! : key;
        // An optional field of a step set to undefined is the same as the field left out.
        fc.pre(value !== undefined && (replaceExisting ? !sameKind(inner[target], value) : !Object.hasOwn(inner, key)));
        const message = outer === 'step' ? { type: 'page/report', steps: [{ ...inner, [target]: value }] } : { type: 'request/send', send: { ...inner, [target]: value } };
        expect(quietly(parseBackgroundMessage, message)).toBeNull();
      }),
      RUNS,
    );
  });

  test('what merely looks like a message: inherited keys, arrays, boxed strings, JSON text', () => {
    fc.assert(
      fc.property(validMessages, ({ message, parse }) => {
        expect(quietly(parse, Object.create(message))).toBeNull();
        expect(quietly(parse, [message])).toBeNull();
        expect(quietly(parse, Object.entries(message))).toBeNull();
        expect(quietly(parse, JSON.stringify(message))).toBeNull();
        expect(quietly(parse, new Map(Object.entries(message)))).toBeNull();
      }),
      RUNS,
    );
  });

  test('a type name of one receiver is refused by the others', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_TYPES), (type) => {
        const bare = { type };
        expect(parseContentMessage(bare) !== null).toBe((CONTENT_TYPES as readonly string[]).includes(type));
        expect(parseBackgroundMessage(bare) !== null).toBe((BARE_BACKGROUND_TYPES as readonly string[]).includes(type));
        expect(parseSidebarPortMessage(bare)).toBeNull();
      }),
    );
  });

  test('the answer checks refuse what is not an answer', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        fc.pre(!(typeof value === 'object' && value !== null && typeof (value as { open?: unknown }).open === 'boolean'));
        expect(isSidebarStatus(value)).toBe(false);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.string(), fc.double(), (dataUrl, capturedAt) => {
        expect(isCapture({ dataUrl, capturedAt })).toBe(/^data:image\/(png|jpeg);base64,/.test(dataUrl));
      }),
      RUNS,
    );
  });
});

/** Same JSON kind: both strings, both numbers, both arrays, both plain objects… */
function sameKind(a: unknown, b: unknown): boolean {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : Object.prototype.toString.call(value));
  return kind(a) === kind(b);
}

function hash(text: string): number {
  let value = 0;
  for (const char of text) value = (value * 31 + char.codePointAt(0)!) | 0;
  return value;
}
