// Load and observation during a run. Each running terminal loops on access requests (paper A,
// agreed by PBFT) and/or hash-chain authentications to another terminal (paper B), through its
// control socket; the chain monitor polls the validators' heads to see every committed block
// and when it was committed (the block timestamp).
import type { Cluster, Host } from './cluster.js'
import type { AuthOutcome } from '../auth/auth-service.js'
import type { HeaderSummary } from '../chain/ledger-component.js'
import { setTimeout as sleep } from 'node:timers/promises'

export interface Op {
  host: string
  kind: 'access' | 'auth'
  /** ms since the start of the timeline. */
  start: number
  end: number
  ok: boolean
  /** Why it failed: the refusal reason from the node, or the error (timeout, node unreachable). */
  reason: string
  /** The node's own latency figure (ms), when it answered. */
  latencyMs?: number
  height?: number
}

export async function accessOnce(c: Cluster, t: Host, timeoutMs: number, t0: number): Promise<Op> {
  const start = Date.now() - t0
  try {
    const r = await c.call<{ granted: boolean, reason?: string, height: number, latencyMs: number }>(t, 'access', { resource: 'feeder-1' }, timeoutMs)
    return { host: t.name, kind: 'access', start, end: Date.now() - t0, ok: r.granted, reason: r.granted ? '' : String(r.reason ?? ''), latencyMs: r.latencyMs, height: r.height }
  } catch (err) {
    return { host: t.name, kind: 'access', start, end: Date.now() - t0, ok: false, reason: `error: ${(err as Error).message}` }
  }
}

export async function authOnce(c: Cluster, t: Host, peer: Host, timeoutMs: number, t0: number): Promise<Op> {
  const start = Date.now() - t0
  try {
    const r = await c.call<AuthOutcome>(t, 'auth', { peer: peer.addr, mutual: false }, timeoutMs)
    return { host: t.name, kind: 'auth', start, end: Date.now() - t0, ok: r.accepted, reason: r.accepted ? '' : `${r.reasonName}${r.detail === '' ? '' : ': ' + r.detail}`, latencyMs: r.latencyMs }
  } catch (err) {
    return { host: t.name, kind: 'auth', start, end: Date.now() - t0, ok: false, reason: `error: ${(err as Error).message}` }
  }
}

export class Load {
  readonly ops: Op[] = []
  private running = false
  private loops: Array<Promise<void>> = []

  constructor(private readonly c: Cluster, private readonly t0: number) {}

  start(kind: 'access' | 'auth' | 'mixed', pauseMs = 100): void {
    if (this.running) return
    this.running = true
    const terms = this.c.terminals
    this.loops = terms.map(async (t, i) => {
      for (let n = 0; this.running; n++) {
        if (t.state !== 'running') { await sleep(200); continue }
        const doAuth = kind === 'auth' || (kind === 'mixed' && n % 2 === 1)
        const peers = terms.filter((p) => p !== t && p.state === 'running')
        const op = doAuth && peers.length > 0
          ? await authOnce(this.c, t, peers[(i + n) % peers.length], 30_000, this.t0)
          : await accessOnce(this.c, t, 30_000, this.t0)
        if (!this.closed) this.ops.push(op)
        await sleep(pauseMs)
      }
    })
  }

  /** Stops the loops; operations still in flight after `waitMs` are left to finish unrecorded. */
  async stop(waitMs = 3_000): Promise<void> {
    this.running = false
    const all = Promise.all(this.loops)
    this.loops = []
    let timer: NodeJS.Timeout | undefined
    await Promise.race([all, new Promise((r) => { timer = setTimeout(r, waitMs) })])
    clearTimeout(timer)
    this.closed = true
  }

  private closed = false
}

export interface Commit { height: number, hash: string, timestamp: number, seenBy: Set<string> }

/** Polls every running validator's recent headers; records each committed block and any fork. */
export class ChainMonitor {
  readonly commits = new Map<number, Commit>()
  readonly forks: string[] = []
  private timer: NodeJS.Timeout | undefined
  private busy = false

  constructor(private readonly c: Cluster) {}

  start(everyMs = 500): void {
    this.timer = setInterval(() => { void this.poll() }, everyMs)
  }

  async poll(): Promise<void> {
    if (this.busy) return
    this.busy = true
    try {
      await Promise.all(this.c.running('validator').map(async (v) => {
        try {
          const r = await this.c.call<{ headers: HeaderSummary[] }>(v, 'chain', { count: 64 }, 3_000)
          this.record(v.name, r.headers)
        } catch { /* a node under perturbation may not answer */ }
      }))
    } finally {
      this.busy = false
    }
  }

  record(who: string, headers: HeaderSummary[]): void {
    for (const h of headers) {
      const seen = this.commits.get(h.height)
      if (seen === undefined) this.commits.set(h.height, { height: h.height, hash: h.hash, timestamp: h.timestamp, seenBy: new Set([who]) })
      else if (seen.hash !== h.hash) this.forks.push(`height ${h.height}: ${[...seen.seenBy].join(',')} hold ${seen.hash.slice(0, 16)}, ${who} holds ${h.hash.slice(0, 16)}`)
      else seen.seenBy.add(who)
    }
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** Block timestamps, ascending. */
  times(): number[] {
    return [...this.commits.values()].filter((c) => c.height > 0).map((c) => c.timestamp).sort((a, b) => a - b)
  }
}
