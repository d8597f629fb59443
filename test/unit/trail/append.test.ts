// @vitest-environment node
// Pure module: no DOM needed.
import { describe, expect, it } from 'vitest';
import { appendStep, DEFAULT_TRAIL_LIMITS } from '../../../src/trail/append';
import type { TrailStep } from '../../../src/trail/step';

const T0 = Date.UTC(2026, 5, 2, 12, 0);
const click = (at: number, label = 'Rechercher'): TrailStep => ({ kind: 'click', at, label });
const page = (at: number, path = '/cpp/facture', title = 'Factures émises'): TrailStep => ({ kind: 'page', at, title, path });

function build(steps: TrailStep[], now?: number): TrailStep[] {
  return steps.reduce<TrailStep[]>((trail, step) => appendStep(trail, step, now ?? step.at), []);
}

describe('appendStep', () => {
  it('appends in order without changing the input', () => {
    const trail: TrailStep[] = [page(T0)];
    const frozen = Object.freeze([...trail]);
    const next = appendStep(frozen, click(T0 + 5000), T0 + 5000);
    expect(next).toEqual([page(T0), click(T0 + 5000)]);
    expect(frozen).toEqual([page(T0)]);
    expect(next).not.toBe(frozen);
  });

  it('defaults to 50 steps and two hours', () => {
    expect(DEFAULT_TRAIL_LIMITS).toEqual({ maxSteps: 50, maxAgeMs: 7_200_000 });
  });

  it('keeps the 50 newest steps', () => {
    const steps = Array.from({ length: 60 }, (_, i) => click(T0 + i * 2000, `B${i}`));
    const trail = build(steps);
    expect(trail).toHaveLength(50);
    expect(trail[0]).toEqual(steps[10]);
    expect(trail.at(-1)).toEqual(steps[59]);
  });

  it('drops steps older than two hours', () => {
    const old = click(T0, 'Ancien');
    const edge = click(T0 + 1000, 'Limite');
    const now = T0 + 1000 + DEFAULT_TRAIL_LIMITS.maxAgeMs;
    expect(appendStep([old, edge], click(now, 'Nouveau'), now)).toEqual([edge, click(now, 'Nouveau')]);
  });

  it('does not add a step already older than the age limit', () => {
    const now = T0 + DEFAULT_TRAIL_LIMITS.maxAgeMs + 1;
    expect(appendStep([click(T0 + 10_000, 'Récent')], click(T0, 'Ancien'), now)).toEqual([click(T0 + 10_000, 'Récent')]);
  });

  it('applies custom limits', () => {
    const limits = { maxSteps: 2, maxAgeMs: 10_000 };
    let trail: TrailStep[] = [];
    for (const [i, label] of ['A', 'B', 'C'].entries()) trail = appendStep(trail, click(T0 + i * 2000, label), T0 + i * 2000, limits);
    expect(trail.map((s) => (s.kind === 'click' ? s.label : ''))).toEqual(['B', 'C']);
    expect(appendStep(trail, click(T0 + 15_000, 'D'), T0 + 15_000, limits)).toEqual([click(T0 + 15_000, 'D')]);
  });

  it('collapses a double click into the first click', () => {
    expect(build([click(T0), click(T0 + 300)])).toEqual([click(T0)]);
    expect(build([click(T0), click(T0 + 1000)])).toEqual([click(T0)]);
  });

  it('keeps the same click repeated more than one second later', () => {
    expect(build([click(T0), click(T0 + 1001)])).toEqual([click(T0), click(T0 + 1001)]);
  });

  it('does not chain collapsed repeats: the window counts from the kept step', () => {
    expect(build([click(T0), click(T0 + 800), click(T0 + 1600)])).toEqual([click(T0), click(T0 + 1600)]);
  });

  it('keeps different clicks in quick succession', () => {
    expect(build([click(T0, 'A'), click(T0 + 100, 'B')])).toHaveLength(2);
  });

  it('collapses a repeated form submission and a re-shown error message', () => {
    const submit: TrailStep = { kind: 'submit', at: T0, form: 'Dépôt' };
    const error: TrailStep = { kind: 'error', at: T0 + 2000, text: 'Dépôt impossible' };
    const trail = build([submit, { ...submit, at: T0 + 500 }, error, { ...error, at: T0 + 2200 }]);
    expect(trail).toEqual([submit, error]);
  });

  it('does not collapse steps of different kinds with the same text', () => {
    const trail = build([
      { kind: 'submit', at: T0, form: 'Valider' },
      { kind: 'click', at: T0 + 10, label: 'Valider' },
    ]);
    expect(trail).toHaveLength(2);
  });

  it('keeps a reloaded page once, with the time of the reload', () => {
    const trail = build([click(T0, 'Accueil'), page(T0 + 1000), page(T0 + 60_000)]);
    expect(trail).toEqual([click(T0, 'Accueil'), page(T0 + 60_000)]);
  });

  it('keeps a page visited again after other steps', () => {
    const trail = build([page(T0), click(T0 + 1000), page(T0 + 2000)]);
    expect(trail).toHaveLength(3);
  });

  it('keeps two screens sharing a sanitized path when their labels differ', () => {
    const trail = build([page(T0, '/cpp/facture?execution=', 'Recherche'), page(T0 + 3000, '/cpp/facture?execution=', 'Résultats')]);
    expect(trail).toHaveLength(2);
  });

  it('keeps two pages with the same title on different paths', () => {
    expect(build([page(T0, '/a'), page(T0 + 100, '/b')])).toHaveLength(2);
  });

  it('compares the heading and section of a reloaded page too', () => {
    const base = { kind: 'page', title: 'Chorus Pro', path: '/cpp/' } as const;
    expect(build([{ ...base, at: T0, section: ['A'] }, { ...base, at: T0 + 5000, section: ['B'] }])).toHaveLength(2);
    expect(build([{ ...base, at: T0, heading: 'A' }, { ...base, at: T0 + 5000, heading: 'B' }])).toHaveLength(2);
    expect(build([{ ...base, at: T0, heading: 'A' }, { ...base, at: T0 + 5000, heading: 'A' }])).toEqual([{ ...base, at: T0 + 5000, heading: 'A' }]);
  });

  it('compares a repeat with the last step still fresh, not an expired one', () => {
    const now = T0 + DEFAULT_TRAIL_LIMITS.maxAgeMs + 500;
    expect(appendStep([click(T0)], click(now), now)).toEqual([click(now)]);
  });

  it('a page read again (same time and path: its heading drawn since) replaces its step where it stands', () => {
    const first: TrailStep = { kind: 'page', at: T0, title: 'Portail Chorus Pro', path: '/?id=cpp_tickets' };
    const readAgain: TrailStep = { ...first, title: 'Mes tickets - Portail Chorus Pro', heading: 'Mes tickets' };
    const trail = build([first, click(T0 + 100, 'Filtrer')]);
    expect(appendStep(trail, readAgain, T0 + 900)).toEqual([readAgain, click(T0 + 100, 'Filtrer')]);
  });

  it('a page at the same time on another path, or on the same path at another time, is a step of its own', () => {
    const shown = page(T0, '/?id=cpp_accueil');
    expect(build([shown, page(T0, '/?id=cpp_support')])).toHaveLength(2);
    expect(build([shown, click(T0 + 100), page(T0 + 200, '/?id=cpp_accueil')])).toHaveLength(3);
  });
});
