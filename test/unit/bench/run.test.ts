// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { clickLines, lineChosen, type ClickIteration } from '../../../bench/run';

describe('lineChosen', () => {
  it('keeps every line of a complete run', () => {
    for (const id of ['pageLoad.task.added', 'pageLoad.noError.task.added', 'pageLoad.firefox.noError.task.added', 'memory.added', 'click.ready', 'content.gzip']) expect(lineChosen(id, {})).toBe(true);
  });

  it('keeps only the chosen page’s page-load lines, in the chosen browsers', () => {
    const noError = { only: ['page-load' as const], pages: ['no-error' as const] };
    expect(lineChosen('pageLoad.noError.task.added', noError)).toBe(true);
    expect(lineChosen('pageLoad.firefox.noError.task.watching', noError)).toBe(true);
    expect(lineChosen('pageLoad.task.added', noError)).toBe(false);
    expect(lineChosen('memory.firefox.added', noError)).toBe(false);
    expect(lineChosen('click.ready', noError)).toBe(false);
    // Sizes belong to no phase: always read.
    expect(lineChosen('content.gzip', noError)).toBe(true);
    expect(lineChosen('pageLoad.firefox.noError.task.added', { ...noError, browsers: ['chromium'] })).toBe(false);
  });

  it('counts the click after the background stopped as a click line of its browser', () => {
    expect(lineChosen('click.cold.ready', { only: ['click'], browsers: ['chromium'] })).toBe(true);
    expect(lineChosen('click.cold.ready.firefox', { only: ['click'], browsers: ['chromium'] })).toBe(false);
    expect(lineChosen('click.cold.inserted.firefox', { only: ['under-load'] })).toBe(false);
  });

  it('leaves the other phases’ lines alone when pages are chosen', () => {
    expect(lineChosen('click.ready', { pages: ['error'] })).toBe(true);
  });
});

describe('clickLines', () => {
  const click = (readyMs: number, captureMs: number, iframeMs: number, blankMs: number): ClickIteration => ({
    click: { readyMs, insertedMs: 10, shownMs: readyMs - 20, screenshot: { format: 'png', bytes: 1000, width: 1280, height: 800 } },
    captureMs,
    iframeMs,
    blankMs,
  });
  const samples = [click(130, 40, 80, 60), click(120, 40, 80, 60), click(150, 50, 90, 50)];
  const lines = clickLines('chromium', samples, { phases: [], readyLabel: 'click → ready', insertedNote: 'from the click', captureLabel: 'bare capture' });
  const byId = (id: string) => lines.find((line) => line.id === id);

  it('judges the click against the bare capture and a blank frame', () => {
    const budgeted = lines.filter((line) => line.budget).map((line) => [line.id, line.budget?.floor]);
    expect(budgeted).toEqual([
      ['click.ready', 'bare capture + blank frame 100 ms'],
      ['click.ratio.blank', 'bare capture + blank frame 100 ms'],
    ]);
    const ratio = byId('click.ratio.blank');
    expect(ratio?.kind === 'series' && ratio.stats.median).toBe(1.3);
    expect(ratio?.budget?.max).toBe(1.3);
  });

  it('still prints the ratio on the sidebar page without its scripts, with no budget', () => {
    const ratio = byId('click.ratio');
    // Per click: 130 / 120, 120 / 120, 150 / 140.
    expect(ratio?.kind === 'series' && ratio.stats.median).toBeCloseTo(150 / 140, 3);
    expect(ratio?.budget).toBeUndefined();
  });

  it('names Firefox in its lines and holds it to its own ratio', () => {
    const firefox = clickLines('firefox', samples, { phases: [], readyLabel: 'click → ready', insertedNote: 'from the click', captureLabel: 'bare capture' });
    const ratio = firefox.find((line) => line.id === 'click.ratio.blank.firefox');
    expect(ratio?.label.startsWith('Firefox: ')).toBe(true);
    expect(ratio?.budget?.max).toBe(2);
  });
});
