// Simulator experiments (seeded). Each returns plain figures; tests assert on them, the CLI
// prints them and the bench suite records them.
import { KEY_SPACE, mvFromPeerId, type Key } from '../keys.js'
import { buildTables } from '../build.js'
import { copyCount, MembershipView, placementFromTables, recheckResponsibility, replicaSet } from '../placement.js'
import { tableDiff, type NodeRef, type RoutingTable } from '../table.js'
import type { SgEvent } from '../messages.js'
import { SimNet } from './network.js'
import { Rng } from './rng.js'
import { percentile } from '../../util/stats.js'

const enc = new TextEncoder()

export function makeRefs(n: number, rng: Rng, keys: 'random' | 'even' = 'random', prefix = 'n'): NodeRef[] {
  const out: NodeRef[] = []
  const seen = new Set<bigint>()
  const step = KEY_SPACE / BigInt(Math.max(n, 1))
  const offset = rng.key() % step
  for (let i = 0; i < n; i++) {
    const id = `${prefix}${i}`
    let key = keys === 'even' ? BigInt(i) * step + offset : rng.key()
    while (seen.has(key)) key = rng.key()
    seen.add(key)
    out.push({ id, key, mv: mvFromPeerId(enc.encode(id)) })
  }
  return out
}


// ------------------------------------------------------------------ search

export interface SearchFigures {
  n: number
  k: number
  deadFraction: number
  searches: number
  succeeded: number
  successRate: number
  meanHops: number
  p99Hops: number
  maxHops: number
  log2n: number
  messages: number
}

/** Searches between random live nodes for existing keys, on a directly built graph with a
 * fraction of nodes dead (not yet detected: searches route around them on send failure). */
export function searchExperiment(opts: { n: number; k?: number; searches?: number; deadFraction?: number; seed?: number }): SearchFigures {
  const { n, k = 3, deadFraction = 0, seed = 1 } = opts
  const searches = opts.searches ?? Math.min(n * 2, 10_000)
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const net = new SimNet(seed)
  net.adopt(buildTables(refs, k))
  const deadCount = Math.round(n * deadFraction)
  for (const r of rng.shuffle(refs.slice()).slice(0, deadCount)) net.dead.add(r.id)
  const live = refs.filter((r) => !net.dead.has(r.id))
  const want = new Map<string, string>()
  const hops: number[] = []
  let ok = 0
  net.onEvent((_node, e: SgEvent) => {
    if (e.e === 'search-done') {
      if (want.get(e.qid) === e.node.id) {
        ok++
        hops.push(e.hops)
      }
    }
  })
  for (let i = 0; i < searches; i++) {
    const from = rng.pick(live)
    const to = rng.pick(live)
    const qid = `s${i}`
    want.set(qid, to.id)
    net.call(from.id, (node) => node.search(to.key, qid))
  }
  net.run()
  hops.sort((a, b) => a - b)
  return {
    n, k, deadFraction, searches, succeeded: ok, successRate: ok / searches,
    meanHops: hops.reduce((a, b) => a + b, 0) / Math.max(1, hops.length),
    p99Hops: percentile(hops, 99), maxHops: hops.length ? hops[hops.length - 1] : NaN,
    log2n: Math.log2(n), messages: net.delivered + net.bounced,
  }
}

/** Searches for random keys (not node keys): every initiator must reach the same node, the
 * predecessor. Returns the number of searches whose answer differed from the reference. */
export function normalisationExperiment(opts: { n: number; keys?: number; initiators?: number; seed?: number }): { checked: number; mismatches: number } {
  const { n, keys = 200, initiators = 5, seed = 2 } = opts
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const view = new MembershipView(refs)
  const net = new SimNet(seed)
  net.adopt(buildTables(refs, 3))
  const want = new Map<string, string>()
  let bad = 0
  let checked = 0
  net.onEvent((_n, e) => {
    if (e.e === 'search-done') {
      checked++
      if (want.get(e.qid) !== e.node.id) bad++
    } else if (e.e === 'search-failed') bad++
  })
  for (let i = 0; i < keys; i++) {
    // include keys below the smallest and above the largest node key
    const t = i === 0 ? 0n : i === 1 ? KEY_SPACE - 1n : i === 2 ? view.sorted[0].key - 1n : rng.key()
    for (let j = 0; j < initiators; j++) {
      const qid = `k${i}.${j}`
      want.set(qid, view.predecessor(t)!.id)
      net.call(rng.pick(refs).id, (node) => node.search(t, qid))
    }
  }
  net.run()
  return { checked, mismatches: bad + (keys * initiators - checked) }
}

// ------------------------------------------------------------------ joins

export interface JoinFigures {
  base: number
  joins: number
  joined: number
  failedJoins: number
  messagesPerJoin: number
  /** Wrong nearest neighbours (any level, any side) right after the joins' messages drained. */
  wrongNearestAfterJoin: number
  /** Same, level 0 only (the splices alone must get level 0 exactly right). */
  wrongNearestLevel0AfterJoin: number
  /** Wrong k-list entries right after the joins (k-lists beyond the nearest are refreshed by stabilisation). */
  wrongListsAfterJoin: number
  asymmetricAfterJoin: number
  stabilizeRounds: number
  wrongNearestFinal: number
  wrongListsFinal: number
  asymmetricFinal: number
}

/** Counts nodes whose tables differ from the reference, and asymmetric nearest links. */
export function checkTables(nodes: Iterable<{ table: RoutingTable }>, refs: NodeRef[], k: number): { wrongNearest: number; wrongNearestLevel0: number; wrongLists: number; asymmetric: number; firstProblem?: string } {
  const truth = buildTables(refs, k)
  const byId = new Map<string, RoutingTable>()
  for (const n of nodes) byId.set(n.table.self.id, n.table)
  let wrongNearest = 0
  let wrongNearestLevel0 = 0
  let wrongLists = 0
  let asymmetric = 0
  let firstProblem: string | undefined
  for (const [id, want] of truth) {
    const got = byId.get(id)
    if (!got) {
      wrongLists++
      wrongNearest++
      firstProblem ??= `${id}: missing`
      continue
    }
    const dn = tableDiff(got, want, true)
    const l0 = (t: RoutingTable) => ({ ...t, levels: t.levels.slice(0, 1) })
    if (tableDiff(l0(got), l0(want), true)) wrongNearestLevel0++
    if (dn) {
      wrongNearest++
      firstProblem ??= `${id}: ${dn}`
    }
    const dl = tableDiff(got, want, false)
    if (dl) {
      wrongLists++
      firstProblem ??= `${id}: ${dl}`
    }
    got.levels.forEach((lv, i) => {
      const r = lv.right[0]
      if (r) {
        const back = byId.get(r.id)?.levels[i]?.left[0]
        if (!back || back.id !== id) asymmetric++
      }
      const l = lv.left[0]
      if (l) {
        const back = byId.get(l.id)?.levels[i]?.right[0]
        if (!back || back.id !== id) asymmetric++
      }
    })
  }
  return { wrongNearest, wrongNearestLevel0, wrongLists, asymmetric, firstProblem }
}

/** `joins` nodes join concurrently through one introducer into a graph of `base` nodes;
 * messages are delivered in seeded random order, so the joins interleave arbitrarily. */
export function concurrentJoinExperiment(opts: { base: number; joins: number; k?: number; seed?: number; baseByJoin?: boolean }): JoinFigures {
  const { base, joins, k = 3, seed = 3 } = opts
  const rng = new Rng(seed)
  const all = makeRefs(base + joins, rng)
  const baseRefs = all.slice(0, base)
  const newRefs = all.slice(base)
  const net = new SimNet(seed, 'random')
  if (opts.baseByJoin) {
    net.order = 'fifo'
    const first = net.add(baseRefs[0], { k })
    net.apply(first.self.id, first.bootstrap())
    for (const r of baseRefs.slice(1)) {
      net.add(r, { k })
      net.call(r.id, (n) => n.join(baseRefs[0]))
      net.run()
    }
    net.order = 'random'
  } else {
    net.adopt(buildTables(baseRefs, k), { k })
  }
  let joined = 0
  let failed = 0
  net.onEvent((id, e) => {
    if (e.e === 'joined' && id.startsWith('j') === false && newRefs.some((r) => r.id === id)) joined++
    if (e.e === 'join-failed') failed++
  })
  const introducer = baseRefs[0]
  const before = net.delivered
  for (const r of newRefs) {
    net.add(r, { k })
    net.call(r.id, (n) => n.join(introducer))
  }
  net.run()
  const messagesPerJoin = (net.delivered - before) / joins
  const nodes = [...net.nodes.values()]
  const a = checkTables(nodes, all, k)
  let rounds = 0
  while (rounds < 50) {
    rounds++
    if (net.round({ stabilize: true }) === 0) break
  }
  const b = checkTables(nodes, all, k)
  return {
    base, joins, joined, failedJoins: failed, messagesPerJoin,
    wrongNearestAfterJoin: a.wrongNearest, wrongNearestLevel0AfterJoin: a.wrongNearestLevel0, wrongListsAfterJoin: a.wrongLists, asymmetricAfterJoin: a.asymmetric,
    stabilizeRounds: rounds, wrongNearestFinal: b.wrongNearest, wrongListsFinal: b.wrongLists, asymmetricFinal: b.asymmetric,
  }
}

// ------------------------------------------------------------------ leave and failure

export interface ChurnFigures {
  n: number
  removed: number
  wrongNearestAfter: number
  wrongListsAfter: number
  asymmetricAfter: number
  rounds: number
  searchSuccessAfter: number
}

/** Graceful leaves through the protocol (sequential), then the tables are checked. */
export function leaveExperiment(opts: { n: number; leaves: number; k?: number; seed?: number }): ChurnFigures {
  const { n, leaves, k = 3, seed = 4 } = opts
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const net = new SimNet(seed)
  net.adopt(buildTables(refs, k), { k })
  const gone = new Set(rng.shuffle(refs.slice()).slice(0, leaves).map((r) => r.id))
  for (const id of gone) {
    net.call(id, (node) => node.leave())
    net.run()
  }
  const rest = refs.filter((r) => !gone.has(r.id))
  const c = checkTables(net.live(), rest, k)
  return { n, removed: leaves, wrongNearestAfter: c.wrongNearest, wrongListsAfter: c.wrongLists, asymmetricAfter: c.asymmetric, rounds: 0, searchSuccessAfter: searchAll(net, rest, rng, 500) }
}

/** Crash a fraction of nodes; detection by periodic ping and repair by stabilisation rounds. */
export function failureRepairExperiment(opts: { n: number; deadFraction: number; k?: number; seed?: number; maxRounds?: number }): ChurnFigures {
  const { n, deadFraction, k = 3, seed = 5, maxRounds = 40 } = opts
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const net = new SimNet(seed)
  net.adopt(buildTables(refs, k), { k })
  const dead = rng.shuffle(refs.slice()).slice(0, Math.round(n * deadFraction))
  for (const d of dead) net.dead.add(d.id)
  const rest = refs.filter((r) => !net.dead.has(r.id))
  let rounds = 0
  let quiet = 0
  while (rounds < maxRounds && quiet < 2) {
    rounds++
    const c = net.round({ tick: true, stabilize: true })
    quiet = c === 0 ? quiet + 1 : 0
  }
  const c = checkTables(net.live(), rest, k)
  return { n, removed: dead.length, wrongNearestAfter: c.wrongNearest, wrongListsAfter: c.wrongLists, asymmetricAfter: c.asymmetric, rounds, searchSuccessAfter: searchAll(net, rest, rng, 500) }
}

function searchAll(net: SimNet, live: NodeRef[], rng: Rng, count: number): number {
  let ok = 0
  const want = new Map<string, string>()
  const off = net.onEvent((_n, e) => {
    if (e.e === 'search-done' && want.get(e.qid) === e.node.id) ok++
  })
  for (let i = 0; i < count; i++) {
    const to = rng.pick(live)
    const qid = `c${i}`
    want.set(qid, to.id)
    net.call(rng.pick(live).id, (node) => node.search(to.key, qid))
  }
  net.run()
  off()
  return ok / count
}

// ------------------------------------------------------------------ placement

export interface ReplicaFigures {
  n: number
  r: number
  blocks: number
  expectedCopies: number
  minCopies: number
  maxCopies: number
  /** Distributed walk (search + neighbour lists) disagreeing with the full-view rule. */
  distributedMismatches: number
  meanFetches: number
}

export function replicaExperiment(opts: { n: number; r: number; blocks?: number; distributedSample?: number; seed?: number }): ReplicaFigures {
  const { n, r, blocks = 1000, seed = 6 } = opts
  const sample = opts.distributedSample ?? 100
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const view = new MembershipView(refs)
  const tables = buildTables(refs, 3)
  let min = Infinity
  let max = 0
  let mism = 0
  let fetches = 0
  for (let b = 0; b < blocks; b++) {
    const key = rng.key()
    const set = replicaSet(key, view, r)
    const ids = new Set(set.map((x) => x.id))
    min = Math.min(min, ids.size)
    max = Math.max(max, ids.size)
    if (b < sample) {
      const d = placementFromTables(key, r, tables, view.predecessor(key)!.id)
      fetches += d.fetches
      if (d.replicas.map((x) => x.id).join() !== set.map((x) => x.id).join()) mism++
    }
  }
  return { n, r, blocks, expectedCopies: copyCount(r, n), minCopies: min, maxCopies: max, distributedMismatches: mism, meanFetches: fetches / Math.min(sample, blocks) }
}

/** Distributed placement run through the message-passing core (search to the predecessor,
 * then neighbour-list fetches), compared with the full-view rule. */
export function distributedPlacementExperiment(opts: { n: number; r: number; blocks?: number; seed?: number }): { checked: number; mismatches: number; meanHops: number } {
  const { n, r, blocks = 200, seed = 7 } = opts
  const rng = new Rng(seed)
  const refs = makeRefs(n, rng)
  const view = new MembershipView(refs)
  const net = new SimNet(seed)
  net.adopt(buildTables(refs, 3))
  const want = new Map<string, string>()
  let checked = 0
  let bad = 0
  let hops = 0
  net.onEvent((_n, e) => {
    if (e.e === 'placement') {
      checked++
      hops += e.hops
      if (want.get(e.qid) !== e.replicas.map((x) => x.id).join()) bad++
    }
  })
  for (let b = 0; b < blocks; b++) {
    const key = rng.key()
    want.set(`b${b}`, replicaSet(key, view, r).map((x) => x.id).join())
    net.call(rng.pick(refs).id, (node) => node.place(key, r, `b${b}`))
  }
  net.run()
  return { checked, mismatches: bad + (blocks - checked), meanHops: hops / Math.max(1, checked) }
}

export interface StorageFigures {
  n: number
  r: number
  keys: 'random' | 'even'
  blocks: number
  /** Mean blocks per node as a fraction of full replication (every node stores every block). */
  fractionOfFull: number
  maxOverMean: number
}

export function storageExperiment(opts: { n: number; r: number; keys: 'random' | 'even'; blocks?: number; seed?: number }): StorageFigures {
  const { n, r, keys, seed = 8 } = opts
  const blocks = opts.blocks ?? Math.max(2000, n * 20)
  const rng = new Rng(seed)
  const view = new MembershipView(makeRefs(n, rng, keys))
  const count = new Map<string, number>()
  for (const x of view.sorted) count.set(x.id, 0)
  for (let b = 0; b < blocks; b++) for (const x of replicaSet(rng.key(), view, r)) count.set(x.id, count.get(x.id)! + 1)
  const vals = [...count.values()]
  const mean = vals.reduce((a, b) => a + b, 0) / n
  return { n, r, keys, blocks, fractionOfFull: mean / blocks, maxOverMean: Math.max(...vals) / mean }
}

/** Blocks placed, then membership changes (joins, leaves, crashes); after each, every live node
 * runs the responsibility re-check and the pushes/drops are applied. Counts blocks whose holders
 * differ from their replica set afterwards (must be 0) and transfers made. */
export function responsibilityExperiment(opts: { n: number; r: number; blocks?: number; changes?: number; seed?: number }): { checks: number; wrongHolders: number; lost: number; pushes: number; pulls: number } {
  const { n, r, blocks = 300, changes = 30, seed = 9 } = opts
  const rng = new Rng(seed)
  const pool = makeRefs(n + changes, rng)
  let members = pool.slice(0, n)
  let spare = pool.slice(n)
  let view = new MembershipView(members)
  const keys: Key[] = Array.from({ length: blocks }, () => rng.key())
  const store = new Map<string, Set<Key>>()
  for (const m of pool) store.set(m.id, new Set())
  for (const key of keys) for (const x of replicaSet(key, view, r)) store.get(x.id)!.add(key)
  let wrong = 0
  let lost = 0
  let pushes = 0
  let pulls = 0
  let checks = 0
  for (let c = 0; c < changes; c++) {
    const kind = c % 3 // 0 join, 1 leave, 2 crash
    let leaving: NodeRef | undefined
    let crashed: NodeRef | undefined
    if (kind === 0) {
      members = [...members, spare[0]]
      spare = spare.slice(1)
    } else {
      const v = rng.pick(members)
      if (kind === 1) leaving = v
      else crashed = v
      members = members.filter((x) => x.id !== v.id)
    }
    const oldView = view
    const newView = new MembershipView(members)
    const cacheO = new Map<Key, NodeRef[]>()
    const cacheN = new Map<Key, NodeRef[]>()
    const oldR = (k: Key) => cacheO.get(k) ?? (cacheO.set(k, replicaSet(k, oldView, r)), cacheO.get(k)!)
    const newR = (k: Key) => cacheN.get(k) ?? (cacheN.set(k, replicaSet(k, newView, r)), cacheN.get(k)!)
    const actors = leaving ? [...members, leaving] : members
    const drops: Array<[string, Key]> = []
    for (const a of actors) {
      const plan = recheckResponsibility({ self: a, held: store.get(a.id)!, known: keys, oldReplicas: oldR, newReplicas: newR })
      for (const p of plan.push) {
        pushes++
        store.get(p.to.id)!.add(p.key)
      }
      for (const d of plan.drop) drops.push([a.id, d])
    }
    // pulls as a backstop for anything no push delivered (e.g. every pusher crashed)
    for (const a of members) {
      const plan = recheckResponsibility({ self: a, held: store.get(a.id)!, known: keys, oldReplicas: oldR, newReplicas: newR })
      for (const p of plan.pull) {
        const src = p.from.find((x) => store.get(x.id)!.has(p.key) && x.id !== crashed?.id)
        if (src) {
          pulls++
          store.get(a.id)!.add(p.key)
        }
      }
    }
    for (const [id, key] of drops) store.get(id)!.delete(key)
    if (crashed) store.get(crashed.id)!.clear()
    if (leaving) store.get(leaving.id)!.clear()
    view = newView
    for (const key of keys) {
      checks++
      const want = new Set(replicaSet(key, view, r).map((x) => x.id))
      let holders = 0
      let ok = true
      for (const m of members) {
        const has = store.get(m.id)!.has(key)
        if (has) holders++
        if (has !== want.has(m.id)) ok = false
      }
      if (!ok) wrong++
      if (holders === 0) lost++
    }
  }
  return { checks, wrongHolders: wrong, lost, pushes, pulls }
}
