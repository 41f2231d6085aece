// Summary statistics shared by the benchmarks, the load generator and the simulators.

/** Nearest-rank percentile `p` (0-100) of an ascending list; NaN for an empty one. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
