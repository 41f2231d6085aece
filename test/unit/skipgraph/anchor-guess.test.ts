import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { KnownNodes } from '../../../src/skipgraph/anchor-guess.js'
import { buildTables } from '../../../src/skipgraph/build.js'
import { MembershipView, replicaSet } from '../../../src/skipgraph/placement.js'
import { makeRefs } from '../../../src/skipgraph/sim/experiments.js'
import { Rng } from '../../../src/skipgraph/sim/rng.js'
import { newTable } from '../../../src/skipgraph/table.js'

test('anchor guess: with every member known it names the first replica of any key; with some, the nearest known predecessor', () => {
  fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 100 }), (n, seed, knownPct) => {
    const rng = new Rng(seed)
    const refs = makeRefs(n, rng)
    const tables = buildTables(refs)
    const view = new MembershipView(refs)
    const me = refs[seed % n]
    const all = new KnownNodes()
    for (const r of refs) all.learn(r)
    const some = new KnownNodes()
    const subset = refs.filter((_, i) => (i * 37 + seed) % 100 < knownPct)
    for (const r of subset) some.learn(r)
    const candidates = [me, ...subset, ...tables.get(me.id)!.levels.flatMap((l) => [...l.left, ...l.right])]
    for (let i = 0; i < 8; i++) {
      const key = rng.key()
      assert.equal(all.guess(key, tables.get(me.id)!).id, replicaSet(key, view, 1)[0].id)
      const expected = new MembershipView([...new Map(candidates.map((c) => [c.id, c])).values()]).predecessor(key)!
      assert.equal(some.guess(key, tables.get(me.id)!).id, expected.id)
    }
  }), { numRuns: 200 })
})

test('anchor guess: excluded (suspected) and forgotten nodes are skipped; the known set is bounded', () => {
  const refs = makeRefs(8, new Rng(7), 'even')
  const me = refs[0]
  const known = new KnownNodes(4)
  for (const r of refs.slice(1)) known.learn(r)
  assert.equal(known.size, 4, 'least recently learned evicted')
  const table = newTable(me)
  const key = refs[6].key + 1n
  assert.equal(known.guess(key, table).id, refs[6].id)
  assert.equal(known.guess(key, table, (id) => id === refs[6].id).id, refs[5].id)
  known.forget(refs[6].id)
  known.forget(refs[5].id)
  assert.equal(known.guess(key, table).id, refs[4].id)
  // nothing known before the key but this node: the guess is this node
  assert.equal(new KnownNodes().guess(key, table).id, me.id)
})
