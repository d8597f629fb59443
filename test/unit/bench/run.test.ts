// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lineChosen } from '../../../bench/run';

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
