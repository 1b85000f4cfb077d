/** Percentiles of a set of latency samples, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of `samples` (which it sorts in place). */
export function summariseLatencies(samples: Float64Array): LatencySummary {
  samples.sort();
  const count = samples.length;
  const at = (p: number) => (count === 0 ? NaN : samples[Math.min(count - 1, Math.ceil(p * count) - 1)]!);
  let sum = 0;
  for (const value of samples) sum += value;
  return {
    count,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(count === 0 ? NaN : samples[count - 1]!),
    mean: round(count === 0 ? NaN : sum / count),
  };
}

/** Joins sample arrays from several workers into one. */
export function concatSamples(parts: readonly Float64Array[]): Float64Array {
  const all = new Float64Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The median of a list of figures (trials). */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
