/** Summary statistics of one bench line: median, min and max over its runs. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  /** Number of runs summarised. */
  n: number;
}

export function summarise(samples: readonly number[]): Stats {
  const finite = samples.filter((value) => Number.isFinite(value));
  if (finite.length === 0) throw new Error('no samples to summarise');
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** Element-wise a[i] / b[i]: ratios are taken within one run (same iteration), never across runs. */
export function pairwiseRatios(numerators: readonly number[], denominators: readonly number[]): number[] {
  if (numerators.length !== denominators.length) throw new Error('ratio of series of different lengths');
  return numerators.map((value, i) => value / denominators[i]!);
}

export function pairwiseDifferences(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error('difference of series of different lengths');
  return a.map((value, i) => value - b[i]!);
}

/** The 95th percentile (nearest rank); NaN without samples. */
export function p95(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.95) - 1)] ?? NaN;
}
