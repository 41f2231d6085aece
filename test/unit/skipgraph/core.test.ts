import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  KEY_SPACE, MAX_KEY, buildTables, copyCount, cw, inOpenArc, keyFromBytes, keyToBytes, keyToHex, keyFromHex,
  mvFromBits, mvFromBytes, mvFromPeerId, MembershipView, nextHop, placementFromTables, recheckResponsibility,
  replicaSet, insertOrdered, newTable, tableDiff, commonPrefixLength, type NodeRef,
} from '../../../src/skipgraph/index.js'
import { SimNet } from '../../../src/skipgraph/sim/network.js'
import type { SkipGraphNode } from '../../../src/skipgraph/node.js'
import { checkTables, makeRefs } from '../../../src/skipgraph/sim/experiments.js'
import { PING_MISS_LIMIT } from '../../../src/skipgraph/messages.js'
import { Rng } from '../../../src/skipgraph/sim/rng.js'

const keyArb = fc.bigInt({ min: 0n, max: MAX_KEY })
const refsArb = (min: number, max: number, mvBits?: number) =>
  fc.uniqueArray(keyArb, { minLength: min, maxLength: max }).chain((keys) =>
    fc.tuple(...keys.map(() => fc.stringMatching(mvBits === undefined ? /^[01]{0,12}$/ : new RegExp(`^[01]{${mvBits}}$`)))).map((mvs) =>
      keys.map((key, i): NodeRef => ({ id: `p${i}`, key, mv: mvs[i] })),
    ),
  )

test('keys: bytes and hex round trip; block hash maps to the same integer', () => {
  fc.assert(fc.property(keyArb, (k) => {
    assert.equal(keyFromBytes(keyToBytes(k)), k)
    assert.equal(keyFromHex(keyToHex(k)), k)
  }))
  assert.throws(() => keyToBytes(KEY_SPACE))
  assert.throws(() => keyToBytes(-1n))
})

test('ring arithmetic: cw distances add up and open arcs exclude ends', () => {
  fc.assert(fc.property(keyArb, keyArb, keyArb, (a, b, x) => {
    if (a !== b) assert.equal((cw(a, b) + cw(b, a)) % KEY_SPACE, 0n)
    assert.equal(inOpenArc(a, a, b), false)
    if (a !== b) assert.equal(inOpenArc(a, b, b), false)
    if (x !== a && x !== b && a !== b) assert.notEqual(inOpenArc(a, x, b), inOpenArc(b, x, a))
  }))
})

test('membership vectors: operator bits, bytes, PeerId derivation', () => {
  assert.equal(mvFromBits('0110'), '0110')
  assert.throws(() => mvFromBits('012'))
  assert.equal(mvFromBytes(new Uint8Array([0b10100000]), 3), '101')
  const a = mvFromPeerId(new TextEncoder().encode('peer-a'))
  assert.equal(a.length, 256)
  assert.equal(a, mvFromPeerId(new TextEncoder().encode('peer-a')))
  assert.notEqual(a, mvFromPeerId(new TextEncoder().encode('peer-b')))
  assert.equal(commonPrefixLength('0101', '0110'), 2)
})

test('insertOrdered keeps the k nearest in ring order', () => {
  const self: NodeRef = { id: 's', key: 100n, mv: '' }
  const t = newTable(self, 2)
  const n = (id: string, key: bigint): NodeRef => ({ id, key, mv: '' })
  insertOrdered(t, 0, 'right', n('c', 300n))
  insertOrdered(t, 0, 'right', n('a', 150n))
  insertOrdered(t, 0, 'right', n('w', 50n)) // wraps: farthest on the right
  insertOrdered(t, 0, 'right', n('b', 200n))
  assert.deepEqual(t.levels[0].right.map((e) => e.id), ['a', 'b'])
  insertOrdered(t, 0, 'left', n('w', 50n))
  insertOrdered(t, 0, 'left', n('c', 300n))
  assert.deepEqual(t.levels[0].left.map((e) => e.id), ['w', 'c'])
})

test('built tables: level-i neighbours are the nearest nodes sharing i bits, links symmetric', () => {
  fc.assert(fc.property(refsArb(1, 40), fc.integer({ min: 1, max: 4 }), (refs, k) => {
    const tables = buildTables(refs, k)
    const c = checkTables([...tables.values()].map((table) => ({ table })), refs, k)
    assert.equal(c.asymmetric, 0)
    const sorted = [...refs].sort((a, b) => (a.key < b.key ? -1 : 1))
    for (const t of tables.values()) {
      t.levels.forEach((lv, i) => {
        const ring = sorted.filter((x) => x.mv.length >= i && x.mv.slice(0, i) === t.self.mv.slice(0, i))
        const at = ring.findIndex((x) => x.id === t.self.id)
        const want = Math.min(k, ring.length - 1)
        assert.deepEqual(lv.right.map((e) => e.id), Array.from({ length: want }, (_, s) => ring[(at + s + 1) % ring.length].id))
      })
    }
  }), { numRuns: 60 })
})

test('search decision reaches the predecessor from every node (full tables)', () => {
  fc.assert(fc.property(refsArb(1, 30), keyArb, (refs, target) => {
    const tables = buildTables(refs, 3)
    const want = new MembershipView(refs).predecessor(target)!
    for (const start of refs) {
      let at = tables.get(start.id)!
      for (let hops = 0; ; hops++) {
        assert.ok(hops < 100)
        const d = nextHop(at, target)
        if (d.kind === 'here') break
        assert.equal(d.kind, 'forward')
        if (d.kind === 'forward') at = tables.get(d.to.id)!
      }
      assert.equal(at.self.id, want.id)
    }
  }), { numRuns: 40 })
})

test('search skips suspected-dead neighbours and reports stuck when it cannot', () => {
  const refs: NodeRef[] = [0n, 10n, 20n, 30n, 40n, 50n].map((key, i) => ({ id: `x${i}`, key, mv: '' }))
  const t = buildTables(refs, 3).get('x0')!
  assert.deepEqual(nextHop(t, 35n, (id) => id === 'x1'), { kind: 'forward', to: refs[2], level: 0 })
  assert.deepEqual(nextHop(t, 35n, (id) => ['x1', 'x2', 'x3'].includes(id)), { kind: 'stuck' })
  assert.deepEqual(nextHop(t, 15n, (id) => id === 'x1'), { kind: 'here' })
})

test('placement: exactly min(n, 2(r+1)) distinct copies, same from the full view and from a table walk', () => {
  fc.assert(fc.property(refsArb(1, 25), fc.integer({ min: 0, max: 4 }), fc.array(keyArb, { minLength: 1, maxLength: 5 }), (refs, r, keys) => {
    const view = new MembershipView(refs)
    const tables = buildTables(refs, 3)
    for (const key of keys) {
      const set = replicaSet(key, view, r)
      assert.equal(new Set(set.map((x) => x.id)).size, set.length)
      assert.equal(set.length, copyCount(r, refs.length))
      const p = view.predecessor(key)!
      assert.equal(set[0].id, p.id)
      if (refs.length > 1) assert.equal(set[1].id, tables.get(p.id)!.levels[0].right[0].id) // successor
      const d = placementFromTables(key, r, tables, p.id)
      assert.deepEqual(d.replicas.map((x) => x.id), set.map((x) => x.id))
      // deterministic regardless of input order
      assert.deepEqual(replicaSet(key, new MembershipView([...refs].reverse()), r).map((x) => x.id), set.map((x) => x.id))
    }
  }), { numRuns: 150 })
})

test('responsibility: pushes to newcomers, drops when no longer responsible, pulls missing', () => {
  const rng = new Rng(3)
  const refs = makeRefs(20, rng)
  const oldV = new MembershipView(refs.slice(0, 19))
  const newV = new MembershipView(refs)
  const joiner = refs[19]
  let pushedToJoiner = 0
  const keys = Array.from({ length: 200 }, () => rng.key())
  const mine = keys.filter((k) => replicaSet(k, newV, 1).some((x) => x.id === joiner.id))
  for (const self of refs.slice(0, 19)) {
    const held = keys.filter((k) => replicaSet(k, oldV, 1).some((x) => x.id === self.id))
    const plan = recheckResponsibility({ self, held, oldReplicas: (k) => replicaSet(k, oldV, 1), newReplicas: (k) => replicaSet(k, newV, 1) })
    for (const p of plan.push) {
      assert.ok(replicaSet(p.key, newV, 1).some((x) => x.id === p.to.id))
      if (p.to.id === joiner.id) pushedToJoiner++
    }
    for (const k of plan.drop) assert.ok(!replicaSet(k, newV, 1).some((x) => x.id === self.id))
  }
  assert.ok(mine.length > 0)
  assert.equal(pushedToJoiner, mine.length) // one pusher per block
  const pull = recheckResponsibility({ self: joiner, held: [], known: keys, oldReplicas: (k) => replicaSet(k, oldV, 1), newReplicas: (k) => replicaSet(k, newV, 1) })
  assert.equal(pull.pull.length, mine.length)
})

test('protocol: sequential joins through one introducer build exact tables; leaves restore them', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 30 }), (seed, n) => {
    const rng = new Rng(seed)
    const refs = makeRefs(n, rng)
    const net = new SimNet(seed)
    net.apply(refs[0].id, net.add(refs[0]).bootstrap())
    for (const r of refs.slice(1)) {
      net.add(r)
      net.call(r.id, (x) => x.join(refs[0]))
      net.run()
    }
    const c = checkTables(net.nodes.values(), refs, 3)
    assert.equal(c.wrongLists === 0 || c.wrongNearest === 0, true, c.firstProblem)
    assert.equal(c.wrongNearest, 0, c.firstProblem)
    assert.equal(c.asymmetric, 0)
    for (let i = 0; i < 20 && net.round({ stabilize: true }); i++);
    assert.equal(checkTables(net.nodes.values(), refs, 3).wrongLists, 0)
    const leaving = refs.slice(1, 1 + Math.floor(n / 3))
    for (const r of leaving) {
      net.call(r.id, (x) => x.leave())
      net.run()
    }
    const rest = refs.filter((r) => !leaving.includes(r))
    const d = checkTables(net.live(), rest, 3)
    assert.equal(d.wrongLists, 0, d.firstProblem)
  }), { numRuns: 25 })
})

test('protocol: concurrent joins with random interleaving converge to exact tables', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 2, max: 25 }), (seed, base, joins) => {
    const rng = new Rng(seed)
    const refs = makeRefs(base + joins, rng)
    const net = new SimNet(seed, 'random')
    net.adopt(buildTables(refs.slice(0, base), 3))
    for (const r of refs.slice(base)) {
      net.add(r)
      net.call(r.id, (x) => x.join(refs[0]))
    }
    net.run()
    assert.ok([...net.nodes.values()].every((x) => x.state === 'joined'))
    for (let i = 0; i < 40 && net.round({ stabilize: true }); i++);
    const c = checkTables(net.nodes.values(), refs, 3)
    assert.equal(c.wrongLists, 0, c.firstProblem)
    assert.equal(c.asymmetric, 0)
  }), { numRuns: 40 })
})

test('protocol: a node restarted faster than failure detection rejoins (its former neighbours drop the stale entry)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const rng = new Rng(seed)
    const refs = makeRefs(8, rng)
    const net = new SimNet(seed)
    net.adopt(buildTables(refs, 3))
    // The process restarts with the same id and key: a fresh core, with nothing of its old table,
    // while every former neighbour still lists it (no ping missed yet).
    const x = refs[3]
    net.add(x)
    let failures = 0
    net.onEvent((id, e) => { if (id === x.id && e.e === 'join-failed') failures++ })
    net.call(x.id, (n) => n.join(refs[0]))
    net.run()
    for (let i = 0; i < 20 && net.nodes.get(x.id)!.state !== 'joined'; i++) {
      net.round({ tick: true })
      // the shell retries a failed join (joinLoop)
      if (net.nodes.get(x.id)!.state === 'idle') {
        net.call(x.id, (n) => n.join(refs[0]))
        net.run()
      }
    }
    assert.equal(net.nodes.get(x.id)!.state, 'joined', `seed ${seed}: still not joined after ${failures} failed attempts`)
    for (let i = 0; i < 40 && net.round({ stabilize: true, tick: true }); i++);
    const c = checkTables(net.nodes.values(), refs, 3)
    assert.equal(c.wrongLists, 0, `seed ${seed}: ${c.firstProblem}`)
  }
})

test('protocol: a node cut off longer than failure detection (all its neighbours declared dead) links back in after the heal', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const refs = makeRefs(7, new Rng(seed))
    const net = new SimNet(seed)
    net.adopt(buildTables(refs, 3), { r: 2 })
    const x = refs[3].id
    // The cut: nothing goes to or from x; everyone's pings go unanswered on both sides.
    const cut = (from: string, out: ReturnType<SkipGraphNode['tick']>) => ({ events: out.events, send: out.send.filter((m) => from !== x && m.to.id !== x) })
    for (let r = 0; r < 6; r++) {
      for (const n of net.live()) {
        net.apply(n.self.id, cut(n.self.id, n.tick()))
        net.apply(n.self.id, cut(n.self.id, n.stabilize()))
      }
      net.run()
    }
    const t = net.nodes.get(x)!.table
    assert.equal(t.levels[0].left.length + t.levels[0].right.length, 0, `seed ${seed}: x still has level-0 neighbours: the cut did not isolate it`)
    assert.ok([...net.nodes.values()].every((n) => n.self.id === x || !n.table.levels.some((l) => [...l.left, ...l.right].some((e) => e.id === x))), `seed ${seed}: x still in someone's table`)
    // Healed: without help nobody would ever point at x again, and x at nobody.
    for (let r = 0; r < 30; r++) net.round({ tick: true, stabilize: true })
    const c = checkTables(net.nodes.values(), refs, 3)
    assert.equal(c.wrongLists, 0, `seed ${seed}: ${c.firstProblem}`)
  }
})

test('a node that is not linked into a graph does not answer pings', () => {
  const [a, b] = makeRefs(2, new Rng(7))
  const net = new SimNet(1)
  const idle = net.add(b)
  const out = idle.handle({ t: 'ping', nonce: 1, from: a })
  assert.equal(out.send.length, 0)
  net.apply(a.id, net.add(a).bootstrap())
  assert.equal(net.nodes.get(a.id)!.handle({ t: 'ping', nonce: 2, from: b }).send[0]?.msg.t, 'pong')
})

test('failure detection: one ping per link per tick in steady state; a silent neighbour is declared dead within PING_MISS_LIMIT + 2 ticks', () => {
  const refs = makeRefs(6, new Rng(11))
  const net = new SimNet(3)
  net.adopt(buildTables(refs, 3))
  const pings = (): number => {
    let n = 0
    for (const x of net.live()) {
      const out = x.tick()
      n += out.send.filter((m) => m.msg.t === 'ping').length
      net.apply(x.self.id, out)
      net.run()
    }
    return n
  }
  // Distinct links (unordered pairs of table neighbours): without the rule each end pinged the other.
  const links = new Set<string>()
  for (const x of net.live()) for (const l of x.table.levels) for (const e of [...l.left, ...l.right]) links.add([x.self.id, e.id].sort().join(' '))
  pings()
  for (let r = 0; r < 4; r++) assert.equal(pings(), links.size, `round ${r}: one ping per link`)
  // x goes silent (crashed): every former neighbour drops it within the bound.
  const x = refs[2].id
  net.dead.add(x)
  let ticks = 0
  const listed = (): boolean => [...net.live()].some((n) => n.self.id !== x && n.table.levels.some((l) => [...l.left, ...l.right].some((e) => e.id === x)))
  while (listed() && ticks < 10) {
    for (const n of net.live()) if (n.self.id !== x) net.apply(n.self.id, n.tick())
    net.run()
    ticks++
  }
  assert.equal(listed(), false)
  assert.ok(ticks <= PING_MISS_LIMIT + 2, `declared dead after ${ticks} ticks`)
})

test('tableDiff reports the first difference', () => {
  const refs = makeRefs(5, new Rng(1))
  const t = buildTables(refs, 2)
  const a = t.get('n0')!
  assert.equal(tableDiff(a, a), null)
  const b = { ...a, levels: [{ left: [], right: [] }] }
  assert.match(tableDiff(a, b) ?? '', /level 0/)
})
