/**
 * The help entries' patterns, the portal's messages each entry answers, compiled once and
 * matched against a text. Kept apart from the text search (search.ts) so that the request's
 * suggestion can name the same topic without loading the search engine.
 */
import type { HelpEntryId, HelpEntryPortalFacts } from './kb/types';

/** In a pattern, the variable part of a message (a number, a name, a few words). */
export const PATTERN_GAP = '…';

interface CompiledPattern {
  /** The pattern as written, to show why an entry was chosen. */
  source: string;
  /** Matches the pattern's words, whole, in text made by paddedWords. */
  regex: RegExp;
  /** Longer phrases are more specific, so they count for more; a gap counts for none. */
  words: number;
}

export type PatternIndex = ReadonlyMap<HelpEntryId, readonly CompiledPattern[]>;

/** After an entry's longest matching pattern, each further one adds this share of its words. */
const FURTHER_PATTERN_SHARE = 0.5;
/** Words a gap of a pattern spans at most: a number, a name, a short phrase. */
const MAX_GAP_WORDS = 8;
/** Texts are bounded so that a huge pasted page cannot make matching slow. */
export const MAX_INPUT_LENGTH = 2000;

/** Lowercase, without accents or ligatures. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** Folded words separated by single spaces, with spaces at both ends for whole-word matching. */
export function paddedWords(text: string): string {
  return ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern as a whole-word expression over paddedWords text, its gaps spanning a few words. */
function compilePattern(pattern: string): CompiledPattern {
  const parts = pattern
    .split(PATTERN_GAP)
    .map((part) => paddedWords(part).trim())
    .filter((part) => part !== '');
  const gap = `(?: [^ ]+){0,${MAX_GAP_WORDS}}`;
  return { source: pattern, regex: new RegExp(` ${parts.map(escapeRegExp).join(`${gap} `)} `), words: parts.join(' ').split(' ').length };
}

export function compilePatterns(facts: Partial<Record<HelpEntryId, Pick<HelpEntryPortalFacts, 'patterns'>>>): PatternIndex {
  const index = new Map<HelpEntryId, CompiledPattern[]>();
  for (const [id, { patterns }] of Object.entries(facts) as [HelpEntryId, Pick<HelpEntryPortalFacts, 'patterns'>][]) {
    index.set(id, (patterns ?? []).map(compilePattern));
  }
  return index;
}

export interface PatternMatch {
  id: HelpEntryId;
  /** The words of its longest matching pattern, plus a share of the others'. */
  score: number;
  /** The longest matching pattern, as written. */
  pattern: string;
}

/** The entries with a matching pattern, in the index's order. */
export function patternMatches(index: PatternIndex, text: string): PatternMatch[] {
  const matches: PatternMatch[] = [];
  const padded = paddedWords(text.slice(0, MAX_INPUT_LENGTH));
  for (const [id, patterns] of index) {
    const matched = patterns.filter((pattern) => pattern.regex.test(padded));
    if (matched.length === 0) continue;
    const longest = matched.reduce((best, pattern) => (pattern.words > best.words ? pattern : best));
    const others = matched.reduce((sum, pattern) => sum + pattern.words, 0) - longest.words;
    matches.push({ id, score: longest.words + FURTHER_PATTERN_SHARE * others, pattern: longest.source });
  }
  return matches;
}

/** The entry whose patterns match the text best (the first listed on a tie); undefined when none does. */
export function bestPatternMatch(index: PatternIndex, text: string): PatternMatch | undefined {
  return patternMatches(index, text).reduce<PatternMatch | undefined>((best, match) => (best && best.score >= match.score ? best : match), undefined);
}
