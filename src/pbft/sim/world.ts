// Deterministic PBFT simulator. One seed = one world: its own fault profile (delay, loss,
// duplication, reordering, symmetric/asymmetric partitions, crashes that lose unpersisted state,
// mid-batch crashes, restarts, clock skew, Byzantine replicas), a safety phase with faults, then a
// liveness phase (network healed, crashed honest replicas restarted, Byzantine ones keep going).
// Checkers run on every commit; liveness is checked during phase 2 against a bound.
import {
  blockHash, bytesEqual, commitBytes, encode, hash, hex, newViewBytes as newViewEnc, prePrepareBytes as prePrepareEnc,
  prepareBytes as prepareEnc, requestKey, viewChangeBytes,
} from '../codec.js'
import { Replica } from '../replica.js'
import type { Action, ClientRequest, Message, PbftConfig, PbftCrypto, Reply, TimerName } from '../types.js'
import { FakeKeys, GENESIS_HASH, GENESIS_SEED, ToyApp, makeRequest, testConfig } from './fakes.js'
import { Prng } from './prng.js'

export type Behaviour = 'silent' | 'equivocate' | 'badVrf' | 'badNewView' | 'withholdCommits' | 'forge' | 'replay' | 'lie' | 'amnesia'
export const BEHAVIOURS: readonly Behaviour[] = ['silent', 'equivocate', 'badVrf', 'badNewView', 'withholdCommits', 'forge', 'replay', 'lie', 'amnesia']

type Payload = { kind: 'msg'; msg: Message } | { kind: 'req'; req: ClientRequest } | { kind: 'reply'; reply: Reply }

interface Item { t: number; seq: number; run: () => void }

class Heap {
  private a: Item[] = []
  get size(): number { return this.a.length }
  push(x: Item): void {
    const a = this.a
    a.push(x)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (less(a[p], a[i])) break
      const t = a[p]; a[p] = a[i]; a[i] = t; i = p
    }
  }
  pop(): Item | undefined {
    const a = this.a
    if (a.length === 0) return undefined
    const top = a[0]
    const last = a.pop()!
    if (a.length > 0) {
      a[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1, r = l + 1
        let m = i
        if (l < a.length && less(a[l], a[m])) m = l
        if (r < a.length && less(a[r], a[m])) m = r
        if (m === i) break
        const t = a[m]; a[m] = a[i]; a[i] = t; i = m
      }
    }
    return top
  }
}
const less = (x: Item, y: Item): boolean => x.t < y.t || (x.t === y.t && x.seq < y.seq)

interface Node {
  id: number
  byz: ReadonlySet<Behaviour> | null
  replica: Replica | null
  incarnation: number
  disk: Map<string, unknown>
  appDisk: Uint8Array | null
  app: ToyApp
  crypto: PbftCrypto
  rate: number
  timerGen: Record<TimerName, number>
  lastExec: number
  crashMidStep: boolean
  seen: Message[]
  byzCounter: number
}

interface Client {
  name: string
  ep: number
  epoch: number
  counter: number
  out: { req: ClientRequest; replies: Map<number, string>; phase2: boolean } | undefined
  probe: string | undefined
  completed: number
}

export interface SimOptions {
  readonly seed: number
  readonly n: number
  readonly log?: (line: string) => void
  /** Liveness bound (ms of simulated time after the network heals). */
  readonly livenessBound?: number
}

export interface SimResult {
  readonly seed: number
  readonly n: number
  readonly ok: boolean
  readonly violation?: string
  readonly profile: string
  readonly heights: number
  readonly messages: number
  readonly maxView: number
  readonly simTime: number
  readonly snapshots: number
  readonly crashes: number
}

class Violation extends Error {}

export function runSeed(opts: SimOptions): SimResult {
  return new World(opts).run()
}

class World {
  private readonly rng: Prng
  private readonly n: number
  private readonly f: number
  private readonly q: number
  private now = 0
  private seq = 0
  private readonly heap = new Heap()
  private readonly nodes: Node[] = []
  private readonly clients: Client[] = []
  private readonly clientEp = new Map<string, number>()
  private readonly keys: FakeKeys
  private readonly verifier: PbftCrypto
  private readonly cfg: (id: number) => PbftConfig
  private phase2 = false
  private t1 = 0
  private messages = 0
  private cut = new Set<string>()
  private loss: number
  private dup: number
  private delayBase: number
  private jitter: number
  private readonly canon = new Map<number, { hash: string; prev: string; applied: string }>()
  private readonly appliedAt = new Map<string, number>()
  private readonly profileText: string[] = []
  private readonly log: ((line: string) => void) | undefined
  private done = false
  private snapshots = 0
  private crashes = 0

  constructor(private readonly opts: SimOptions) {
    this.rng = new Prng(opts.seed * 7919 + opts.n)
    const rng = this.rng
    this.n = opts.n
    this.f = Math.floor((opts.n - 1) / 3)
    this.q = Math.floor((this.n + this.f) / 2) + 1
    this.log = opts.log
    this.keys = new FakeKeys(this.n, opts.seed)
    this.verifier = this.keys.cryptoFor(0)
    // ---- fault profile of this seed
    this.loss = rng.pick([0, 0, 0.01, 0.05, 0.15])
    this.dup = rng.pick([0, 0, 0.02, 0.1])
    this.delayBase = 0.2 + rng.next() * 3
    this.jitter = rng.pick([0.5, 5, 30])
    const K = rng.pick([2, 4, 8])
    const over: { -readonly [K in keyof PbftConfig]?: PbftConfig[K] } = {
      checkpointInterval: K,
      watermarkWindow: K * rng.pick([2, 3]),
      maxBatch: rng.pick([1, 4, 16]),
      batchDelay: rng.pick([0, 0, 2, 5]),
      viewTimeout: rng.pick([100, 200, 300]),
      maxViewTimeout: 1600,
      statusInterval: rng.pick([100, 200]),
      fetchBatch: rng.pick([2, 8, 64]),
      maxBuffered: 512,
    }
    // no rng draw (keeps every seed's other draws): the byte bound of BLOCKS replies cut to ~2 blocks
    if (over.fetchBatch === 8) over.fetchMaxBytes = 2500
    this.cfg = (id: number) => testConfig(this.n, id, over)
    const nByz = rng.chance(0.25) ? 0 : rng.int(1, this.f)
    const byzIds = new Set(rng.shuffle(Array.from({ length: this.n }, (_, i) => i)).slice(0, nByz))
    for (let i = 0; i < this.n; i++) {
      let byz: Set<Behaviour> | null = null
      if (byzIds.has(i)) {
        byz = new Set(BEHAVIOURS.filter(() => rng.chance(0.35)))
        if (byz.size === 0) byz.add(rng.pick(BEHAVIOURS))
      }
      const skew = rng.chance(0.5) ? 0.5 + rng.next() * 1.5 : 1
      const crypto = this.keys.cryptoFor(i)
      const app = new ToyApp()
      const node: Node = {
        id: i, byz, replica: null, incarnation: 0, disk: new Map(), appDisk: null, app, crypto, rate: skew,
        timerGen: { view: 0, batch: 0, status: 0 }, lastExec: 0, crashMidStep: false, seen: [], byzCounter: 0,
      }
      node.replica = new Replica(this.cfg(i), app, crypto)
      this.nodes.push(node)
    }
    const nClients = rng.int(1, 3)
    for (let c = 0; c < nClients; c++) {
      const cl: Client = { name: `c${c}`, ep: this.n + c, epoch: 1, counter: 0, out: undefined, probe: undefined, completed: 0 }
      this.clients.push(cl)
      this.clientEp.set(cl.name, cl.ep)
    }
    this.t1 = rng.chance(0.2) ? rng.int(1500, 3000) : rng.int(300, 1500)
    this.profileText.push(
      `n=${this.n} f=${this.f} byz=[${[...byzIds].map(i => `${i}:${[...this.nodes[i].byz!].join('+')}`).join(' ')}]`,
      `loss=${this.loss} dup=${this.dup} delay=${this.delayBase.toFixed(2)}+${this.jitter} K=${K} L=${over.watermarkWindow} batch=${over.maxBatch}/${over.batchDelay}ms`,
      `vt=${over.viewTimeout} skew=[${this.nodes.map(x => x.rate.toFixed(2)).join(',')}] clients=${nClients} t1=${this.t1}`,
    )
    // ---- phase-1 faults
    const nFaults = rng.int(0, this.t1 > 1500 ? 10 : 6)
    const faults: string[] = []
    for (let k = 0; k < nFaults; k++) {
      const at = rng.int(0, this.t1)
      const kind = rng.pick(['crash', 'crash', 'partition', 'asym', 'reboot-client'] as const)
      if (kind === 'crash') {
        const honest = this.nodes.filter(x => x.byz === null)
        const who = rng.pick(honest).id
        const down = rng.int(10, 800)
        const mid = rng.chance(0.5)
        faults.push(`crash(${who}@${at}+${down}${mid ? ',mid' : ''})`)
        this.at(at, () => this.crash(who, mid))
        this.at(Math.min(at + down, this.t1 - 1), () => this.restart(who))
      } else if (kind === 'partition') {
        const side = new Set(rng.shuffle(Array.from({ length: this.n }, (_, i) => i)).slice(0, rng.int(1, this.n - 1)))
        const dur = rng.int(20, 800)
        faults.push(`partition([${[...side]}]@${at}+${dur})`)
        const pairs: string[] = []
        for (let a = 0; a < this.n; a++) for (let b = 0; b < this.n; b++) if (side.has(a) !== side.has(b)) pairs.push(`${a}>${b}`)
        this.at(at, () => { for (const p of pairs) this.cut.add(p) })
        this.at(Math.min(at + dur, this.t1), () => { for (const p of pairs) this.cut.delete(p) })
      } else if (kind === 'asym') {
        const pairs: string[] = []
        for (let a = 0; a < this.n; a++) for (let b = 0; b < this.n; b++) if (a !== b && rng.chance(0.3)) pairs.push(`${a}>${b}`)
        const dur = rng.int(20, 800)
        faults.push(`asym(${pairs.length}@${at}+${dur})`)
        this.at(at, () => { for (const p of pairs) this.cut.add(p) })
        this.at(Math.min(at + dur, this.t1), () => { for (const p of pairs) this.cut.delete(p) })
      } else {
        const c = rng.pick(this.clients)
        faults.push(`reboot(${c.name}@${at})`)
        this.at(at, () => this.rebootClient(c))
      }
    }
    this.profileText.push(`faults: ${faults.join(' ') || 'none'}`)
  }

  private at(t: number, run: () => void): void { this.heap.push({ t, seq: this.seq++, run }) }

  run(): SimResult {
    const bound = this.opts.livenessBound ?? 30000
    let violation: string | undefined
    try {
      for (const node of this.nodes) this.step(node, { type: 'start' })
      for (const c of this.clients) this.at(this.rng.int(0, 20), () => this.issue(c))
      this.at(this.t1, () => this.heal())
      const checkEvery = (): void => {
        if (this.livenessSatisfied()) { this.done = true; return }
        if (this.now > this.t1 + bound) throw new Violation(`liveness: not every honest replica committed new requests within ${bound} ms after healing (${this.livenessReport()})`)
        this.at(this.now + 50, checkEvery)
      }
      this.at(this.t1 + 50, checkEvery)
      while (!this.done) {
        const it = this.heap.pop()
        if (it === undefined) throw new Violation('event queue ran dry')
        this.now = it.t
        it.run()
      }
    } catch (e) {
      violation = e instanceof Violation ? e.message : `exception: ${(e as Error).stack ?? String(e)}`
    }
    let maxView = 0
    for (const x of this.nodes) if (x.replica !== null) maxView = Math.max(maxView, x.replica.view)
    return {
      seed: this.opts.seed, n: this.n, ok: violation === undefined, violation, profile: this.profileText.join('\n  '),
      heights: this.canon.size, messages: this.messages, maxView, simTime: Math.round(this.now), snapshots: this.snapshots, crashes: this.crashes,
    }
  }

  // ---------------------------------------------------------------- phases and faults

  private heal(): void {
    this.phase2 = true
    this.cut.clear()
    this.loss = 0
    this.dup = 0
    for (const x of this.nodes) { x.crashMidStep = false; if (x.replica === null) this.restart(x.id) }
    this.log?.(`${this.now.toFixed(1)} heal`)
  }

  private crash(id: number, mid: boolean): void {
    const x = this.nodes[id]
    if (x.replica === null || this.phase2) return
    if (mid) { x.crashMidStep = true; return }
    this.doCrash(x)
  }

  private doCrash(x: Node): void {
    this.log?.(`${this.now.toFixed(1)} crash ${x.id}`)
    x.replica = null
    this.crashes++
    x.crashMidStep = false
    x.incarnation++
  }

  private restart(id: number): void {
    const x = this.nodes[id]
    if (x.replica !== null) { x.crashMidStep = false; return }
    x.app = new ToyApp()
    if (x.appDisk !== null) x.app.restore(x.appDisk)
    x.replica = Replica.restore(this.cfg(id), x.app, x.crypto, x.disk)
    x.lastExec = x.replica.executedHeight
    this.log?.(`${this.now.toFixed(1)} restart ${id} at view ${x.replica.view} exec ${x.lastExec}`)
    this.step(x, { type: 'start' })
  }

  private rebootClient(c: Client): void {
    c.epoch++
    c.counter = 0
    c.out = undefined
    this.at(this.now + this.rng.int(1, 30), () => this.issue(c))
  }

  // ---------------------------------------------------------------- network

  private send(from: number, to: number, p: Payload): void {
    this.messages++
    if (this.cut.has(`${from}>${to}`)) return
    if (this.loss > 0 && this.rng.chance(this.loss)) return
    const copies = this.dup > 0 && this.rng.chance(this.dup) ? 2 : 1
    for (let i = 0; i < copies; i++) {
      const d = this.delayBase + this.rng.next() * this.jitter
      this.at(this.now + d, () => this.deliver(from, to, p))
    }
  }

  private deliver(from: number, to: number, p: Payload): void {
    if (to >= this.n) {
      if (p.kind === 'reply') this.onReply(this.clients[to - this.n], p.reply)
      return
    }
    const x = this.nodes[to]
    if (x.replica === null) return
    if (p.kind === 'msg') {
      if (x.byz?.has('replay') === true && x.seen.length < 400) x.seen.push(p.msg)
      this.step(x, { type: 'message', from, msg: p.msg })
    } else if (p.kind === 'req') {
      this.step(x, { type: 'request', req: p.req })
    }
  }

  // ---------------------------------------------------------------- replica steps

  private step(x: Node, ev: Parameters<Replica['step']>[0]): void {
    const r = x.replica
    if (r === null) return
    let actions = r.step(ev)
    let crashAfter = false
    if (x.crashMidStep && actions.length > 0) {
      actions = actions.slice(0, this.rng.int(0, actions.length - 1))
      crashAfter = true
    }
    const inc = x.incarnation
    for (const a of actions) this.perform(x, inc, a)
    if (crashAfter) this.doCrash(x)
  }

  private perform(x: Node, inc: number, a: Action): void {
    switch (a.type) {
      case 'persist':
        for (const [k, v] of a.writes) {
          if (v === null) x.disk.delete(k); else x.disk.set(k, v)
          if (k === 'exec') x.appDisk = x.app.snapshot()
        }
        break
      case 'send': this.out(x, [a.to], a.msg); break
      case 'broadcast':
        if (this.log !== undefined && (a.msg.type === 'viewchange' || a.msg.type === 'newview' || a.msg.type === 'preprepare')) {
          const m = a.msg
          this.log(`${this.now.toFixed(1)} ${x.id} bcast ${m.type} v${m.view}${m.type === 'preprepare' ? ` h${m.height}` : ''}${m.type === 'viewchange' ? ` ck${m.checkpoint.height} P[${m.prepared.map(c => `${c.height}@${c.view}`).join(',')}]` : ''}${m.type === 'newview' ? ` O=${m.digests.length}` : ''}`)
        }
        this.out(x, Array.from({ length: this.n }, (_, i) => i).filter(i => i !== x.id), a.msg); break
      case 'reply': {
        if (x.byz?.has('silent') === true) break
        const ep = this.clientEp.get(a.reply.client)
        if (ep !== undefined) this.send(x.id, ep, { kind: 'reply', reply: a.reply })
        break
      }
      case 'setTimer': {
        const gen = ++x.timerGen[a.timer]
        this.at(this.now + a.ms * x.rate, () => {
          if (x.incarnation === inc && x.timerGen[a.timer] === gen) this.step(x, { type: 'timer', timer: a.timer })
        })
        if (a.timer === 'status' && x.byz !== null) this.byzTick(x)
        break
      }
      case 'cancelTimer': x.timerGen[a.timer]++; break
      case 'commit': this.onCommit(x, a); break
      case 'installedSnapshot':
        if (x.byz === null) {
          if (a.height <= x.lastExec) throw new Violation(`replica ${x.id} installed snapshot ${a.height} <= executed ${x.lastExec}`)
          if (!this.canon.has(a.height)) throw new Violation(`replica ${x.id} installed snapshot at ${a.height} that no honest replica committed`)
          x.lastExec = a.height
          this.snapshots++
        }
        break
    }
  }

  // ---------------------------------------------------------------- checkers

  private onCommit(x: Node, a: Extract<Action, { type: 'commit' }>): void {
    if (x.byz !== null) return
    const { block, cert } = a
    const h = block.height
    if (h !== x.lastExec + 1) {
      if (h <= x.lastExec) {
        // re-delivery after a crash lost the persist that followed the commit: must be identical
        const c = this.canon.get(h)
        if (c === undefined || c.hash !== hex(cert.digest)) throw new Violation(`replica ${x.id} re-committed height ${h} differently`)
      } else {
        throw new Violation(`replica ${x.id} committed height ${h} after ${x.lastExec} (gap)`)
      }
    }
    x.lastExec = h
    // the certificate must convince a third party
    if (!bytesEqual(cert.digest, blockHash(block)) || cert.height !== h) throw new Violation(`replica ${x.id}: certificate does not match block ${h}`)
    const seen = new Set<number>()
    for (const v of cert.votes) {
      if (seen.has(v.replica) || !this.verifier.verify(v.replica, commitBytes(cert.view, h, cert.digest), v.sig)) throw new Violation(`replica ${x.id}: bad commit certificate at ${h}`)
      seen.add(v.replica)
    }
    if (seen.size < this.q) throw new Violation(`replica ${x.id}: commit certificate at ${h} has ${seen.size} < ${this.q} votes`)
    const hh = hex(cert.digest)
    const applied = a.applied.map(requestKey).join(',')
    const c = this.canon.get(h)
    if (c === undefined) {
      const prev = hex(block.prevHash)
      const below = this.canon.get(h - 1)
      if (below !== undefined && below.hash !== prev) throw new Violation(`chain: block ${h} (replica ${x.id}) does not extend committed block ${h - 1}`)
      const above = this.canon.get(h + 1)
      if (above !== undefined && above.prev !== hh) throw new Violation(`chain: committed block ${h + 1} does not extend block ${h} of replica ${x.id}`)
      for (const k of a.applied.map(requestKey)) {
        if (this.appliedAt.has(k)) throw new Violation(`request ${k.replace(/\0/g, '/')} applied twice (heights ${this.appliedAt.get(k)} and ${h})`)
        this.appliedAt.set(k, h)
      }
      this.canon.set(h, { hash: hh, prev, applied })
      this.log?.(`${this.now.toFixed(1)} COMMIT h=${h} ${hh.slice(0, 8)} by ${x.id} view ${cert.view} reqs=${a.applied.length}/${block.requests.length}`)
    } else {
      if (c.hash !== hh) throw new Violation(`agreement: replicas committed different blocks at height ${h} (replica ${x.id})`)
      if (c.applied !== applied) throw new Violation(`determinism: replica ${x.id} applied different requests at height ${h}`)
    }
  }

  private livenessSatisfied(): boolean {
    let need = 0
    for (const c of this.clients) {
      if (c.probe === undefined) return false
      const h = this.appliedAt.get(c.probe)
      if (h === undefined) return false
      need = Math.max(need, h)
    }
    for (const x of this.nodes) if (x.byz === null && (x.replica === null || x.replica.executedHeight < need)) return false
    return true
  }

  private livenessReport(): string {
    const cs = this.clients.map(c => `${c.name}:probe=${c.probe === undefined ? '-' : this.appliedAt.get(c.probe) ?? '?'}`).join(' ')
    const rs = this.nodes.map(x => `${x.id}${x.byz !== null ? 'B' : ''}:${x.replica === null ? 'down' : `v${x.replica.view}${x.replica.isNormal ? '' : '*'} h${x.replica.executedHeight}`}`).join(' ')
    return `${cs} | ${rs}`
  }

  // ---------------------------------------------------------------- clients

  private issue(c: Client): void {
    c.counter++
    const req = makeRequest(c.name, c.epoch, c.counter, encode('op', c.counter))
    c.out = { req, replies: new Map(), phase2: this.phase2 }
    this.sendRequest(c, req)
  }

  private sendRequest(c: Client, req: ClientRequest): void {
    for (let i = 0; i < this.n; i++) this.send(c.ep, i, { kind: 'req', req })
    this.at(this.now + 300, () => { if (c.out?.req === req) this.sendRequest(c, req) })
  }

  private onReply(c: Client, r: Reply): void {
    const o = c.out
    if (o === undefined || r.epoch !== o.req.epoch || r.counter !== o.req.counter) return
    o.replies.set(r.replica, hex(r.result))
    const counts = new Map<string, number>()
    for (const v of o.replies.values()) counts.set(v, (counts.get(v) ?? 0) + 1)
    if (Math.max(...counts.values()) < this.f + 1) return
    c.out = undefined
    c.completed++
    if (o.phase2 && c.probe === undefined) c.probe = requestKey(o.req)
    if (!this.phase2 && this.rng.chance(0.03)) { this.rebootClient(c); return }
    this.at(this.now + this.rng.int(0, 40), () => this.issue(c))
  }

  // ---------------------------------------------------------------- Byzantine replicas

  private out(x: Node, targets: number[], msg: Message): void {
    const b = x.byz
    if (b === null) { for (const t of targets) this.send(x.id, t, { kind: 'msg', msg }); return }
    if (b.has('silent')) return
    if (msg.type === 'commit' && b.has('withholdCommits')) {
      for (const t of targets) if (this.rng.chance(0.2)) this.send(x.id, t, { kind: 'msg', msg })
      return
    }
    if (msg.type === 'preprepare' && b.has('badVrf') && this.rng.chance(0.7)) {
      const block = { ...msg.block, nextSeed: hash(encode('bogus-seed', this.rng.u32())) }
      const digest = blockHash(block)
      const forged: Message = { ...msg, block, digest, sig: x.crypto.sign(prePrepareEnc(msg.view, msg.height, digest)) }
      for (const t of targets) this.send(x.id, t, { kind: 'msg', msg: forged })
      return
    }
    if (msg.type === 'preprepare' && b.has('equivocate') && targets.length > 1) {
      const half = new Set(this.rng.shuffle([...targets]).slice(0, Math.ceil(targets.length / 2)))
      const extra = makeRequest(`byz${x.id}`, 1, ++x.byzCounter)
      const requests = [...msg.block.requests, extra]
      const block = { ...msg.block, requests, root: x.app.digest(requests) }
      const digest = blockHash(block)
      const alt: Message = { ...msg, block, digest, sig: x.crypto.sign(prePrepareEnc(msg.view, msg.height, digest)) }
      const prep2: Message = { type: 'prepare', view: msg.view, height: msg.height, digest, sender: x.id, sig: x.crypto.sign(prepareEnc(msg.view, msg.height, digest)) }
      const com: Message = { type: 'commit', view: msg.view, height: msg.height, digest, sender: x.id, sig: x.crypto.sign(commitBytes(msg.view, msg.height, digest)) }
      for (const t of targets) {
        if (half.has(t)) { this.send(x.id, t, { kind: 'msg', msg: alt }); this.send(x.id, t, { kind: 'msg', msg: prep2 }); this.send(x.id, t, { kind: 'msg', msg: com }) } else this.send(x.id, t, { kind: 'msg', msg })
      }
      return
    }
    if (msg.type === 'newview' && b.has('badNewView')) {
      const digests = [...msg.digests]
      if (digests.length > 0 && this.rng.chance(0.5)) digests[this.rng.int(0, digests.length - 1)] = hash(encode('bogus', this.rng.u32()))
      else digests.push(hash(encode('bogus', this.rng.u32())))
      const vcRefs = msg.viewChanges.map(v => hash(encode('vcref', v.sender, v.sig)))
      const bad: Message = { ...msg, digests, sig: x.crypto.sign(newViewEnc(msg.view, vcRefs, digests)) }
      for (const t of targets) this.send(x.id, t, { kind: 'msg', msg: bad })
      return
    }
    if (msg.type === 'viewchange' && b.has('amnesia')) {
      // forgets everything it prepared and every checkpoint: a valid but useless VIEW-CHANGE
      const checkpoint = { height: 0, blockHash: GENESIS_HASH, nextSeed: GENESIS_SEED, stateDigest: new Uint8Array(0), proof: [] }
      const vc: Message = { ...msg, checkpoint, prepared: [], sig: x.crypto.sign(viewChangeBytes(msg.view, 0, checkpoint.stateDigest, [])) }
      for (const t of targets) this.send(x.id, t, { kind: 'msg', msg: vc })
      return
    }
    if (msg.type === 'status' && b.has('lie')) {
      const lie: Message = { ...msg, height: msg.height + this.rng.int(1, 1000), view: msg.view + this.rng.int(0, 3) }
      for (const t of targets) this.send(x.id, t, { kind: 'msg', msg: lie })
      return
    }
    for (const t of targets) this.send(x.id, t, { kind: 'msg', msg })
  }

  /** Extra Byzantine traffic on every status tick. */
  private byzTick(x: Node): void {
    const b = x.byz!
    if (b.has('silent')) return
    const others = Array.from({ length: this.n }, (_, i) => i).filter(i => i !== x.id)
    if (b.has('replay') && x.seen.length > 0) {
      for (let k = 0; k < 3; k++) this.send(x.id, this.rng.pick(others), { kind: 'msg', msg: this.rng.pick(x.seen) })
      if (x.seen.length >= 400) x.seen.splice(0, 200)
    }
    if (b.has('forge')) {
      const r = x.replica
      const view = r?.view ?? 0
      const h = (r?.executedHeight ?? 0) + this.rng.int(1, 3)
      const digest = hash(encode('forged', this.rng.u32()))
      const victim = this.rng.pick(others)
      const kind = this.rng.int(0, 3)
      let m: Message
      if (kind === 0) m = { type: 'commit', view, height: h, digest, sender: victim, sig: x.crypto.sign(commitBytes(view, h, digest)) }
      else if (kind === 1) m = { type: 'prepare', view, height: h, digest, sender: x.id, sig: x.crypto.sign(prepareEnc(view, h, digest)) }
      else if (kind === 2) m = { type: 'commit', view, height: h, digest, sender: x.id, sig: x.crypto.sign(commitBytes(view, h, digest)) }
      else {
        const seen = x.seen.length > 0 ? this.rng.pick(x.seen) : undefined
        m = seen !== undefined && seen.type === 'viewchange'
          ? { ...seen, prepared: [] }
          : { type: 'checkpoint', height: h, blockHash: digest, nextSeed: digest, stateDigest: digest, sender: victim, sig: digest }
      }
      for (const t of others) this.send(x.id, t, { kind: 'msg', msg: m })
    }
  }
}
