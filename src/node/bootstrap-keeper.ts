// Keeps the node connected to its operator-given bootstrap (introducer) peers. @libp2p/bootstrap
// dials them once at start; an introducer that is down at that moment (or goes away later) is
// redialled here with exponential backoff and jitter, while the node keeps running.
import type { Libp2p } from '@libp2p/interface'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Logger } from '../util/log.js'

export const BOOTSTRAP_BACKOFF_MIN_MS = 500
export const BOOTSTRAP_BACKOFF_MAX_MS = 30_000
export const BOOTSTRAP_DIAL_TIMEOUT_MS = 5_000
const CHECK_INTERVAL_MS = 250

interface Target {
  addr: Multiaddr
  peer: string
  backoff: number
  nextAttempt: number
  dialing: boolean
  attempts: number
}

export class BootstrapKeeper {
  private readonly targets: Target[]
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly node: Libp2p, addrs: string[], private readonly log: Logger, private readonly random: () => number = Math.random) {
    this.targets = addrs.map((a) => {
      const addr = multiaddr(a)
      const peer = addr.getComponents().findLast((c) => c.name === 'p2p')?.value
      if (peer === undefined) throw new Error(`bootstrap address ${a} must end in /p2p/<peer id>`)
      return { addr, peer, backoff: BOOTSTRAP_BACKOFF_MIN_MS, nextAttempt: 0, dialing: false, attempts: 0 }
    })
  }

  start(): void {
    if (this.targets.length === 0) return
    this.timer = setInterval(() => this.tick(), CHECK_INTERVAL_MS)
    this.timer.unref()
    this.tick()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private tick(): void {
    const now = Date.now()
    for (const t of this.targets) {
      if (t.dialing || now < t.nextAttempt) continue
      if (this.node.getConnections(peerIdFromString(t.peer)).length > 0) {
        t.backoff = BOOTSTRAP_BACKOFF_MIN_MS
        continue
      }
      t.dialing = true
      t.attempts++
      this.node.dial(t.addr, { signal: AbortSignal.timeout(BOOTSTRAP_DIAL_TIMEOUT_MS) }).then(() => {
        if (t.attempts > 1) this.log.info('connected to bootstrap peer', { addr: t.addr.toString(), attempts: t.attempts })
        t.attempts = 0
        t.backoff = BOOTSTRAP_BACKOFF_MIN_MS
        t.nextAttempt = Date.now()
      }, (err: Error) => {
        const wait = Math.round(t.backoff * (0.75 + 0.5 * this.random()))
        this.log.warn('bootstrap peer unreachable, will retry', { addr: t.addr.toString(), retryInMs: wait, error: err.message })
        t.nextAttempt = Date.now() + wait
        t.backoff = Math.min(t.backoff * 2, BOOTSTRAP_BACKOFF_MAX_MS)
      }).finally(() => {
        t.dialing = false
      })
    }
  }
}
