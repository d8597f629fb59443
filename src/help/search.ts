/**
 * Local search over the bundled knowledge base, for the help sidebar. The entries' patterns,
 * the portal's own messages each entry answers, rank first when the error text on the page
 * or the user's query contains one; the text search (the error's words, and the query,
 * typo-tolerant as typed) ranks the rest and breaks ties; the page's section boosts the
 * entries that apply there. Everything is accent- and case-insensitive.
 */
import MiniSearch from 'minisearch';
import type { SearchResult } from 'minisearch';
import type { Locale } from '../i18n';
import { helpEntries } from './knowledge-base';
import type { HelpEntry, HelpEntryId } from './knowledge-base';
import { portalFacts } from './kb/portal-facts';
import { compilePatterns, fold, MAX_INPUT_LENGTH, paddedWords, patternMatches, type PatternIndex } from './patterns';

export type HelpField = 'title' | 'summary' | 'steps' | 'keywords' | 'sections' | 'patterns';

const HELP_FIELDS: readonly HelpField[] = ['title', 'summary', 'steps', 'keywords', 'sections', 'patterns'];

export interface HelpSearchInput {
  /** The error message(s) shown on the page. */
  errorText?: string | readonly string[];
  /** Where the page is in the portal: breadcrumb items, or the active menu entry and tab. */
  section?: string | readonly string[];
  /** What the user typed. */
  query?: string;
}

export interface HelpResult {
  entry: HelpEntry;
  /** Higher is better; only comparable within one search. 0 for a fallback. */
  score: number;
  /** The entry's fields that matched, in HELP_FIELDS order; empty for a fallback. */
  matchedFields: HelpField[];
  /** True when nothing matched and the entry is a general suggestion. */
  fallback: boolean;
}


/** Built once per locale by createHelpIndex; pass it to searchHelp. */
export interface HelpIndex {
  readonly locale: Locale;
  readonly entries: readonly HelpEntry[];
  readonly engine: MiniSearch<HelpEntry>;
  readonly patterns: PatternIndex;
  /** Each entry's sections, normalized and padded like ErrorPattern.padded. */
  readonly sections: ReadonlyMap<HelpEntryId, readonly string[]>;
}

/** Shown when nothing matches: what helps whatever the problem. */
const FALLBACK_IDS: readonly HelpEntryId[] = ['what-support-needs', 'claudia', 'attachment-rules', 'which-route', 'livechat'];

// How much each signal counts once scaled to 0–1 within a search. A pattern, one of the
// portal's messages, found whole is the strongest evidence: it outweighs any text search,
// which only orders what the patterns leave equal. The same words scattered over an entry
// count much less.
const PATTERN_WEIGHT = 8;
const QUERY_PATTERN_WEIGHT = 3;
const ERROR_WORDS_WEIGHT = 1;
const QUERY_WEIGHT = 3;
/** A matching section multiplies an entry's relevance by up to 1 + this: it decides between close matches. */
const SECTION_BOOST = 1;
/** An entry matching the section alone still shows, below strong matches. */
const SECTION_ONLY_WEIGHT = 0.25;
/** Within the section signal, a whole section name beats words of it found in a title. */
const SECTION_WORDS_WEIGHT = 0.5;

const QUERY_BOOSTS: Partial<Record<HelpField, number>> = { title: 4, keywords: 3, summary: 1.5, patterns: 1.5, sections: 1, steps: 1 };
const ERROR_WORD_BOOSTS: Partial<Record<HelpField, number>> = { patterns: 4, keywords: 2, title: 2, summary: 1, steps: 0.5, sections: 0.5 };
/**
 * How much an inexact match of a typed word counts against an exact one (1). A word being
 * typed is more often a prefix than a typo: "paye" should find "payée" before "page".
 */
const TYPED_MATCH_WEIGHTS = { prefix: 0.6, fuzzy: 0.3 };
const SECTION_WORD_FIELDS: HelpField[] = ['sections', 'title', 'keywords'];
const SECTION_WORD_BOOSTS: Partial<Record<HelpField, number>> = { title: 2, keywords: 1.5, sections: 1 };


// Words that say nothing about the topic, in both languages: the portal's language may differ
// from the extension's, so a French error can be searched in the English index and vice versa.
const STOP_WORDS = new Set(
  (
    'au aux avec ce ces cet cette dans de des du elle en est et etre ete il ils je la le les leur leurs lui ma mais me mes moi mon ne nos notre nous ' +
    'on ou par pas pour qu que qui sa se ses si son sont sur ta te tes toi ton tu un une vos votre vous ' +
    'an and are as at be been by can for from has have how if in into is it its my no not of on or that the this to was were what when where which with you your'
  ).split(' '),
);

/**
 * One indexed or searched term: folded, stop words and single letters (elided "l'", "d'")
 * dropped, and a final plural "s" removed so that "factures" finds "facture".
 */
function processTerm(term: string): string | null {
  const folded = fold(term);
  if (folded.length < 2 || STOP_WORDS.has(folded)) return null;
  return folded.length > 3 && folded.endsWith('s') ? folded.slice(0, -1) : folded;
}

/** How MiniSearch reads the id and each field of an entry: lists become one line per item. */
function fieldText(entry: HelpEntry, field: string): string {
  const value = entry[field as keyof HelpEntry];
  return Array.isArray(value) ? value.join('\n') : (value ?? '');
}

function buildIndex(locale: Locale): HelpIndex {
  const entries = helpEntries(locale);
  const engine = new MiniSearch<HelpEntry>({ fields: [...HELP_FIELDS], extractField: fieldText, processTerm });
  engine.addAll(entries);
  const sections = new Map<HelpEntryId, string[]>();
  for (const entry of entries) sections.set(entry.id, (entry.sections ?? []).map(paddedWords));
  return { locale, entries, engine, patterns: compilePatterns(portalFacts), sections };
}

const indexes = new Map<Locale, HelpIndex>();

/** The index of one language, built on first use and kept. */
export function createHelpIndex(locale: Locale): HelpIndex {
  let index = indexes.get(locale);
  if (!index) {
    index = buildIndex(locale);
    indexes.set(locale, index);
  }
  return index;
}

/** Per-entry scores of one signal and the fields that produced them. */
interface Signal {
  scores: Map<HelpEntryId, number>;
  fields: Map<HelpEntryId, Set<HelpField>>;
}

function emptySignal(): Signal {
  return { scores: new Map(), fields: new Map() };
}

function addToSignal(signal: Signal, id: HelpEntryId, score: number, fields: Iterable<HelpField>): void {
  signal.scores.set(id, (signal.scores.get(id) ?? 0) + score);
  const known = signal.fields.get(id) ?? new Set<HelpField>();
  for (const field of fields) known.add(field);
  signal.fields.set(id, known);
}

function fieldsOf(result: SearchResult): HelpField[] {
  return Object.values(result.match).flat() as HelpField[];
}

function signalOf(results: SearchResult[]): Signal {
  const signal = emptySignal();
  for (const result of results) addToSignal(signal, result.id as HelpEntryId, result.score, fieldsOf(result));
  return signal;
}

/** Each score divided by the best one, so that signals of different scales can be weighed. */
function scaled(signal: Signal): Map<HelpEntryId, number> {
  const best = Math.max(0, ...signal.scores.values());
  return new Map([...signal.scores].map(([id, score]) => [id, best > 0 ? score / best : 0]));
}

function joined(text: string | readonly string[] | undefined): string {
  return (typeof text === 'string' ? text : (text ?? []).join('\n')).slice(0, MAX_INPUT_LENGTH);
}

function patternSignal(index: HelpIndex, text: string): Signal {
  const signal = emptySignal();
  for (const { id, score } of patternMatches(index.patterns, text)) addToSignal(signal, id, score, ['patterns']);
  return signal;
}

/**
 * Section names found in the captured items count by depth: a breadcrumb runs from the
 * broadest space to the page itself, so its last item says best where the user is.
 */
function sectionSignal(index: HelpIndex, sectionItems: readonly string[]): Signal {
  const signal = emptySignal();
  const captured = sectionItems.map(paddedWords);
  for (const [id, sections] of index.sections) {
    const depths = captured.flatMap((item, depth) => (sections.some((section) => item.includes(section)) ? [(depth + 1) / captured.length] : []));
    if (depths.length > 0) addToSignal(signal, id, Math.max(...depths), ['sections']);
  }
  const words = signalOf(index.engine.search(sectionItems.join('\n'), { fields: SECTION_WORD_FIELDS, boost: SECTION_WORD_BOOSTS }));
  for (const [id, score] of scaled(words)) addToSignal(signal, id, SECTION_WORDS_WEIGHT * score, words.fields.get(id) ?? []);
  return signal;
}

function fallbackResults(index: HelpIndex, limit: number): HelpResult[] {
  const entries = FALLBACK_IDS.flatMap((id) => index.entries.filter((entry) => entry.id === id));
  return entries.slice(0, limit).map((entry) => ({ entry, score: 0, matchedFields: [], fallback: true }));
}

/**
 * The entries that best answer the captured error, the page's section and the user's query,
 * best first, ties by id. When nothing matches (or nothing is given), general suggestions
 * flagged `fallback: true`.
 */
export function searchHelp(index: HelpIndex, input: HelpSearchInput, limit = 5): HelpResult[] {
  const errorText = joined(input.errorText);
  const query = joined(input.query);
  const sectionItems = (typeof input.section === 'string' ? [input.section] : (input.section ?? []))
    .filter((item) => item.trim())
    .map((item) => item.slice(0, MAX_INPUT_LENGTH));

  const signals: { signal: Signal; weight: number }[] = [];
  if (errorText.trim()) signals.push({ signal: patternSignal(index, errorText), weight: PATTERN_WEIGHT });
  // A typed question may quote a portal message, but its words also name topics: there a
  // pattern weighs as much as the text search, not above it.
  if (query.trim()) signals.push({ signal: patternSignal(index, query), weight: QUERY_PATTERN_WEIGHT });
  if (errorText.trim()) {
    const words = index.engine.search(errorText, { boost: ERROR_WORD_BOOSTS, combineWith: 'OR' });
    signals.push({ signal: signalOf(words), weight: ERROR_WORDS_WEIGHT });
  }
  if (query.trim()) {
    const words = index.engine.search(query, { boost: QUERY_BOOSTS, combineWith: 'OR', prefix: true, fuzzy: 0.2, weights: TYPED_MATCH_WEIGHTS });
    signals.push({ signal: signalOf(words), weight: QUERY_WEIGHT });
  }
  const section = sectionItems.length > 0 ? sectionSignal(index, sectionItems) : emptySignal();
  const sectionScores = scaled(section);

  const relevance = new Map<HelpEntryId, number>();
  for (const { signal, weight } of signals) {
    for (const [id, score] of scaled(signal)) relevance.set(id, (relevance.get(id) ?? 0) + weight * score);
  }

  const results: HelpResult[] = [];
  for (const entry of index.entries) {
    const matched = relevance.get(entry.id) ?? 0;
    const sectionScore = sectionScores.get(entry.id) ?? 0;
    const score = matched > 0 ? matched * (1 + SECTION_BOOST * sectionScore) : SECTION_ONLY_WEIGHT * sectionScore;
    if (score <= 0) continue;
    const fields = new Set<HelpField>(section.fields.get(entry.id));
    for (const { signal } of signals) for (const field of signal.fields.get(entry.id) ?? []) fields.add(field);
    results.push({ entry, score, matchedFields: HELP_FIELDS.filter((field) => fields.has(field)), fallback: false });
  }
  if (results.length === 0) return fallbackResults(index, limit);
  results.sort((a, b) => b.score - a.score || (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0));
  return results.slice(0, limit);
}
