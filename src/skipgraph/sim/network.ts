// In-process network of skip-graph cores: a message queue delivered in FIFO or seeded random
// order (random order interleaves concurrent operations arbitrarily). No libp2p, no clock.
import { SkipGraphNode, type NodeOptions } from '../node.js'
import type { Msg, Output, SgEvent } from '../messages.js'
import type { NodeRef, RoutingTable } from '../table.js'
import { Rng } from './rng.js'

interface InFlight {
  from: string
  to: NodeRef
  msg: Msg
}

export class SimNet {
  readonly nodes = new Map<string, SkipGraphNode>()
  readonly dead = new Set<string>()
  readonly rng: Rng
  order: 'fifo' | 'random'
  delivered = 0
  bounced = 0
  private queue: InFlight[] = []
  private head = 0
  private listeners: Array<(node: string, e: SgEvent) => void> = []

  constructor(seed: number, order: 'fifo' | 'random' = 'fifo') {
    this.rng = new Rng(seed)
    this.order = order
  }

  onEvent(f: (node: string, e: SgEvent) => void): () => void {
    this.listeners.push(f)
    return () => {
      this.listeners = this.listeners.filter((g) => g !== f)
    }
  }

  add(ref: NodeRef, opts: NodeOptions = {}): SkipGraphNode {
    const n = new SkipGraphNode(ref, opts)
    this.nodes.set(ref.id, n)
    return n
  }

  /** Creates nodes with the given tables installed (direct build of a large graph). */
  adopt(tables: Map<string, RoutingTable>, opts: NodeOptions = {}): void {
    for (const [id, t] of tables) {
      const n = this.add(t.self, { ...opts, k: t.k })
      n.adopt(t.levels)
      void id
    }
  }

  get pending(): number {
    return this.queue.length - this.head
  }

  /** Queue a node's output. */
  apply(from: string, out: Output): void {
    for (const e of out.events) for (const f of this.listeners) f(from, e)
    for (const s of out.send) this.queue.push({ from, to: s.to, msg: s.msg })
  }

  /** Runs an operation on a node and queues what it outputs. */
  call(id: string, f: (n: SkipGraphNode) => Output): void {
    const n = this.nodes.get(id)
    if (!n) throw new Error(`no node ${id}`)
    this.apply(id, f(n))
  }

  private take(): InFlight | undefined {
    if (this.order === 'fifo') {
      if (this.head >= this.queue.length) return undefined
      const m = this.queue[this.head++]
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head)
        this.head = 0
      }
      return m
    }
    const n = this.queue.length - this.head
    if (n <= 0) return undefined
    const i = this.head + this.rng.int(n)
    const m = this.queue[i]
    this.queue[i] = this.queue[this.queue.length - 1]
    this.queue.pop()
    return m
  }

  /** Delivers one message; false when the queue is empty. */
  step(): boolean {
    const m = this.take()
    if (!m) return false
    const target = this.nodes.get(m.to.id)
    if (!target || this.dead.has(m.to.id)) {
      this.bounced++
      const sender = this.nodes.get(m.from)
      if (sender && !this.dead.has(m.from)) this.apply(m.from, sender.sendFailed(m.to, m.msg))
      return true
    }
    this.delivered++
    this.apply(m.to.id, target.handle(m.msg))
    return true
  }

  /** Delivers until the queue is empty (or maxSteps). Returns messages handled. */
  run(maxSteps = 50_000_000): number {
    let s = 0
    while (s < maxSteps && this.step()) s++
    if (s >= maxSteps) throw new Error('simulation did not quiesce')
    return s
  }

  live(): SkipGraphNode[] {
    return [...this.nodes.values()].filter((n) => !this.dead.has(n.self.id) && (n.state === 'joined' || n.state === 'leaving'))
  }

  /** One round of periodic maintenance on every live node (tick and/or stabilise), run to quiescence. */
  round(what: { tick?: boolean; stabilize?: boolean }): number {
    const before = this.totalChanges()
    for (const n of this.live()) {
      if (what.tick) this.apply(n.self.id, n.tick())
      if (what.stabilize) this.apply(n.self.id, n.stabilize())
    }
    this.run()
    return this.totalChanges() - before
  }

  totalChanges(): number {
    let c = 0
    for (const n of this.nodes.values()) c += n.changes
    return c
  }
}
