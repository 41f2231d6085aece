// A scripted network for hand-written PBFT scenarios: messages queue FIFO, a filter can drop or
// rewrite them, timers fire only when a test says so, crashes lose everything not persisted.
import { Replica } from '../../../src/pbft/replica.js'
import { FakeKeys, ToyApp, testConfig } from '../../../src/pbft/sim/fakes.js'
import type { Action, Block, ClientRequest, CommitCertificate, Message, PbftConfig, PbftCrypto, Reply, TimerName } from '../../../src/pbft/types.js'

export interface InFlight { from: number; to: number; msg: Message }

export class Net {
  readonly n: number
  readonly keys: FakeKeys
  readonly replicas: (Replica | null)[] = []
  readonly apps: ToyApp[] = []
  readonly cryptos: PbftCrypto[] = []
  readonly disks: Map<string, unknown>[] = []
  readonly appDisks: (Uint8Array | null)[] = []
  readonly timers: Set<TimerName>[] = []
  /** Last duration each timer was armed with, per replica. */
  readonly timerMs: Map<TimerName, number>[] = []
  readonly commits: { block: Block; cert: CommitCertificate; applied: readonly ClientRequest[] }[][] = []
  readonly replies: Reply[] = []
  readonly snapshots: number[] = []
  readonly sent: InFlight[] = []
  queue: InFlight[] = []
  /** Return false to drop, a message to rewrite it. */
  filter: (m: InFlight) => boolean | Message = () => true
  readonly cfg: (id: number) => PbftConfig

  constructor(n: number, over: Partial<PbftConfig> = {}) {
    this.n = n
    this.keys = new FakeKeys(n)
    this.cfg = id => testConfig(n, id, { statusInterval: 100, viewTimeout: 100, ...over })
    for (let i = 0; i < n; i++) {
      const app = new ToyApp()
      const crypto = this.keys.cryptoFor(i)
      this.apps.push(app)
      this.cryptos.push(crypto)
      this.disks.push(new Map())
      this.appDisks.push(null)
      this.timers.push(new Set())
      this.timerMs.push(new Map())
      this.commits.push([])
      this.snapshots.push(0)
      this.replicas.push(new Replica(this.cfg(i), app, crypto))
    }
    for (let i = 0; i < n; i++) this.step(i, { type: 'start' })
  }

  r(i: number): Replica {
    const x = this.replicas[i]
    if (x === null) throw new Error(`replica ${i} is down`)
    return x
  }

  step(i: number, ev: Parameters<Replica['step']>[0]): Action[] {
    const r = this.replicas[i]
    if (r === null) return []
    const actions = r.step(ev)
    for (const a of actions) this.perform(i, a)
    return actions
  }

  private perform(i: number, a: Action): void {
    switch (a.type) {
      case 'persist':
        for (const [k, v] of a.writes) {
          if (v === null) this.disks[i].delete(k); else this.disks[i].set(k, v)
          if (k === 'exec') this.appDisks[i] = this.apps[i].snapshot()
        }
        break
      case 'send': this.queue.push({ from: i, to: a.to, msg: a.msg }); break
      case 'broadcast': for (let j = 0; j < this.n; j++) if (j !== i) this.queue.push({ from: i, to: j, msg: a.msg }); break
      case 'reply': this.replies.push(a.reply); break
      case 'setTimer': this.timers[i].add(a.timer); this.timerMs[i].set(a.timer, a.ms); break
      case 'cancelTimer': this.timers[i].delete(a.timer); break
      case 'commit': this.commits[i].push({ block: a.block, cert: a.cert, applied: a.applied }); break
      case 'installedSnapshot': this.snapshots[i]++; break
    }
  }

  request(req: ClientRequest, to: readonly number[] = [...Array(this.n).keys()]): void {
    for (const i of to) this.step(i, { type: 'request', req })
  }

  /** Delivers queued messages (FIFO) until none are left or `max` deliveries happened. */
  run(max = 100000): number {
    let k = 0
    while (this.queue.length > 0 && k < max) {
      const m = this.queue.shift()!
      k++
      const verdict = this.filter(m)
      if (verdict === false) continue
      const msg = verdict === true ? m.msg : verdict
      this.sent.push({ ...m, msg })
      if (this.replicas[m.to] === null) continue
      this.step(m.to, { type: 'message', from: m.from, msg })
    }
    return k
  }

  fire(i: number, timer: TimerName): void {
    if (this.replicas[i] === null) return
    this.timers[i].delete(timer)
    this.step(i, { type: 'timer', timer })
  }

  /** Fires `timer` at every live replica that has it armed. */
  fireAll(timer: TimerName): void {
    for (let i = 0; i < this.n; i++) if (this.timers[i].has(timer)) this.fire(i, timer)
  }

  crash(i: number): void {
    this.replicas[i] = null
    this.timers[i].clear()
    this.queue = this.queue.filter(m => m.from !== i && m.to !== i)
  }

  restart(i: number): void {
    const app = new ToyApp()
    const snap = this.appDisks[i]
    if (snap !== null) app.restore(snap)
    this.apps[i] = app
    this.replicas[i] = Replica.restore(this.cfg(i), app, this.cryptos[i], this.disks[i])
    this.step(i, { type: 'start' })
  }

  heights(): number[] { return this.replicas.map(r => (r === null ? -1 : r.executedHeight)) }
}
