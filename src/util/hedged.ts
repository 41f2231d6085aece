// Hedged requests: ask the first candidate; if it has not answered after `hedgeMs` (or failed),
// ask the next one too, and so on; the first success wins. For idempotent requests only (a
// transaction sent to two validators is one request to consensus: both answer its receipt).
// A partitioned or frozen validator then costs `hedgeMs`, not a whole request timeout.

export interface HedgeOptions {
  /** How long one candidate has the floor before the next is asked as well. */
  hedgeMs: number
}

export async function hedged<P, T>(candidates: P[], call: (c: P) => Promise<T>, opts: HedgeOptions): Promise<T> {
  if (candidates.length === 0) throw new Error('none known')
  return await new Promise<T>((resolve, reject) => {
    let next = 0
    let pending = 0
    let done = false
    let lastErr: unknown
    let timer: NodeJS.Timeout | undefined
    const launch = (): void => {
      if (done || next >= candidates.length) return
      const c = candidates[next++]
      pending++
      clearTimeout(timer)
      timer = setTimeout(launch, opts.hedgeMs)
      call(c).then((v) => {
        if (done) return
        done = true
        clearTimeout(timer)
        resolve(v)
      }, (err: unknown) => {
        pending--
        lastErr = err
        if (done) return
        if (next < candidates.length) launch()
        else if (pending === 0) { done = true; clearTimeout(timer); reject(lastErr) }
      })
    }
    launch()
  })
}
