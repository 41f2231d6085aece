// Shared shape of benchmark suites. A suite measures, it never asserts: `npm run bench`
// runs every suite (or `-- --only a,b`), then writes bench/results/<suite>.json and .md and
// regenerates bench/RESULTS.md from all result files present.
export interface BenchRow {
  /** What was measured, e.g. "Ed25519 verify (node:crypto)". */
  metric: string
  /** The figure. */
  value: number
  /** Its unit, e.g. "ops/s", "ms", "MB". */
  unit: string
  /** Free-form: parameters, comparison ratio, target. */
  note?: string
}

export interface BenchSuite {
  name: string
  title: string
  run: (opts: { quick: boolean }) => Promise<BenchRow[]>
}

/** Runs fn repeatedly for about `ms` milliseconds and returns operations per second. */
export function opsPerSecond(fn: () => void, ms = 500): number {
  let n = 0
  const start = performance.now()
  let now = start
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) fn()
    n += 16
    now = performance.now()
  }
  return n / ((now - start) / 1000)
}

export { percentile } from '../src/util/stats.js'

/** A sorted copy (ascending), for percentile(). */
export const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b)

/** The arithmetic mean; 0 for an empty list. */
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)

export function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
