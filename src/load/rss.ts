// RSS of a set of processes, sampled from /proc/<pid>/status: baseline before a run, peak during,
// and after; "returned" when the after-sample is within 10% (or 10 MB) of the baseline.
import { readFileSync } from 'node:fs'

export interface RssReport { name: string, baselineMb: number, peakMb: number, afterMb: number, returned: boolean }

/**
 * VmRSS and its two parts, in MB: RssAnon (the process's private memory: V8 heap, malloc) and
 * RssFile (pages of the Node binary and libraries mapped in: shared with every other node process
 * on the box and reclaimable by the kernel, but counted in RSS). Undefined once the process is gone.
 */
export function processMemory(pid: number): { rss: number, anon: number, file: number } | undefined {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') }
}

export function rssMb(pid: number): number | undefined {
  const m = processMemory(pid)
  return m === undefined || Number.isNaN(m.rss) ? undefined : Math.round(m.rss * 10) / 10
}

/** Within 10% (or 10 MB, for small processes) of the baseline. */
export const backToBaseline = (mb: number, baselineMb: number): boolean => mb <= baselineMb + Math.max(baselineMb * 0.1, 10)

interface Proc { name: string, pid: number, last: number, baseline: number, peak: number, after: number }

export class RssSampler {
  private readonly procs: Proc[] = []
  private timer: NodeJS.Timeout | undefined

  add(name: string, pid: number): void {
    this.procs.push({ name, pid, last: 0, baseline: 0, peak: 0, after: 0 })
  }

  sample(): void {
    for (const p of this.procs) {
      const r = rssMb(p.pid)
      if (r === undefined) continue
      p.last = r
      p.peak = Math.max(p.peak, r)
    }
  }

  markBaseline(): void { for (const p of this.procs) { p.baseline = p.last; p.peak = p.last } }
  markAfter(): void { for (const p of this.procs) p.after = p.last }

  start(everyMs: number): void {
    this.timer = setInterval(() => this.sample(), everyMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Sum and max of the last samples, for progress lines. */
  brief(): string {
    const last = this.procs.map((p) => p.last)
    return `total ${Math.round(last.reduce((a, b) => a + b, 0))} MB, largest ${Math.max(0, ...last)} MB`
  }

  report(): RssReport[] {
    return this.procs.map((p) => ({
      name: p.name, baselineMb: p.baseline, peakMb: p.peak, afterMb: p.after,
      returned: backToBaseline(p.after, p.baseline)
    }))
  }

  /** Every process back within the band of its baseline (last samples)? Gone processes count as back. */
  allBack(): boolean { return this.procs.every((p) => rssMb(p.pid) === undefined || backToBaseline(p.last, p.baseline)) }
}
