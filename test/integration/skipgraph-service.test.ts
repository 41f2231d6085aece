// The skip-graph shell over real libp2p in one process (TCP loopback): join through an
// introducer, search, publish / fetch blocks, graceful leave with hand-over, a crashed node,
// and repair back to the full copy count.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Libp2p } from '@libp2p/interface'
import { createHost } from '../helpers/libp2p.js'
import { copyCount } from '../../src/skipgraph/index.js'
import { SkipGraphService, MemoryBlockStore } from '../../src/skipgraph/service/index.js'
import { waitFor } from '../helpers/cli.js'
import { makeBlocks } from '../unit/skipgraph/blocks-fixture.js'
import { encodeAnnex } from '../../src/ledger/index.js'

const N = 8
const R = 1
const hosts: Libp2p[] = []
const svcs: SkipGraphService[] = []
const blocks = makeBlocks(3)

before(async () => {
  for (let i = 0; i < N; i++) {
    const h = await createHost()
    const intro = i === 0 ? [] : [`${hosts[0].getMultiaddrs()[0].toString()}`]
    const s = new SkipGraphService({ bootstrap: intro, r: R, tickMs: 300, stabilizeMs: 800, auditMs: 2000, store: new MemoryBlockStore() })
    await s.start({ libp2p: h })
    hosts.push(h)
    svcs.push(s)
  }
})

after(async () => {
  // stop libp2p first: the remaining services then leave at once (sends fail fast)
  await Promise.all(hosts.map(async (h) => { try { await h.stop() } catch {} }))
  await Promise.all(svcs.map(async (s) => { await s.stop().catch(() => {}) }))
})

test('all nodes join; every node finds the same responsible node for a key', async () => {
  assert.ok(svcs.every((s) => s.state === 'joined'))
  const sorted = svcs.map((s) => s.self).sort((a, b) => (a.key < b.key ? -1 : 1))
  const target = sorted[3].key + 1n
  for (const s of svcs) {
    const r = await s.search(target)
    assert.equal(r.node.id, sorted[3].id)
  }
})

test('published blocks are fetchable from every node and stored min(n, 2(r+1)) times', async () => {
  for (let i = 0; i < blocks.length; i++) {
    const r = await svcs[i].publishBlock(blocks[i].bytes)
    assert.equal(r.hash, blocks[i].hash)
    assert.equal(r.replicas.length, copyCount(R, N))
    assert.ok(r.replicas.every((x) => x.stored))
  }
  for (const s of svcs) for (const b of blocks) assert.deepEqual(Buffer.from((await s.fetchBlock(Buffer.from(b.hash, 'hex'))).bytes), Buffer.from(b.bytes))
  await assert.rejects(svcs[0].fetchBlock(new Uint8Array(32)), /not found/)
})

test('a block\'s record annex is stored beside it on its replicas and served to readers', async () => {
  const b = blocks[0]
  const hash = Buffer.from(b.hash, 'hex')
  const annex = encodeAnnex({ blockHash: hash, height: 1, entries: [] })
  assert.ok(svcs.every((s) => !s.annexes.has(b.hash)))
  // The block is held already: publishing it again with its annex fills the annex in.
  const r = await svcs[1].publishBlock(b.bytes, annex)
  assert.ok(r.replicas.every((x) => x.stored))
  const holders = svcs.filter((s) => s.annexes.has(b.hash))
  assert.equal(holders.length, copyCount(R, N))
  assert.ok(holders.every((s) => s.held.has(b.hash)))
  // A reader that holds no copy gets it from every replica in turn (it checks them itself).
  const reader = svcs.find((s) => !s.held.has(b.hash))!
  const answers: Array<{ bytes: Uint8Array, from: string }> = []
  for await (const a of reader.annexAnswers(hash)) answers.push(a)
  assert.equal(answers.length, copyCount(R, N))
  assert.deepEqual(new Set(answers.map((a) => a.from)), new Set(holders.map((s) => s.self.id)))
  assert.ok(answers.every((a) => Buffer.from(a.bytes).equals(Buffer.from(annex))))
  // An annex that names another block is refused by every other replica (the default check;
  // integrated nodes check it whole against the certified header); the blocks are kept.
  const other = encodeAnnex({ blockHash: Buffer.from(blocks[1].hash, 'hex'), height: 1, entries: [] })
  const bad = await svcs[2].publishBlock(blocks[2].bytes, other)
  const others = bad.replicas.filter((x) => x.id !== svcs[2].self.id)
  assert.ok(others.length > 0 && others.every((x) => !x.stored), JSON.stringify(bad))
  assert.ok(svcs.filter((s) => s !== svcs[2]).every((s) => !s.annexes.has(blocks[2].hash)))
  assert.ok(svcs.filter((s) => s.held.has(blocks[2].hash)).length >= copyCount(R, N))
})

test('a graceful leave hands blocks over; a crash is repaired to the full copy count', async () => {
  // graceful leave of the node holding the most blocks
  const leaver = svcs.slice(1).sort((a, b) => b.held.size - a.held.size)[0]
  const li = svcs.indexOf(leaver)
  await leaver.stop()
  await hosts[li].stop()
  // crash: stop libp2p without leaving
  const crashed = svcs.filter((s, i) => i !== li && i !== 0).sort((a, b) => b.held.size - a.held.size)[0]
  const ci = svcs.indexOf(crashed)
  await hosts[ci].stop()
  const alive = svcs.filter((_, i) => i !== li && i !== ci)
  for (const s of alive) for (const b of blocks) await s.fetchBlock(Buffer.from(b.hash, 'hex'))
  await waitFor('full copy count after repair', async () => {
    for (const b of blocks) {
      const c = await alive[0].copies(b.hash)
      if (c.expected !== copyCount(R, N - 2) || c.copies !== c.expected || c.replicas.some((x) => x.id === crashed.self.id || x.id === leaver.self.id)) return false
    }
    return true
  }, 20_000, 300)
})
