// Catch-up details: the size of BLOCKS replies, and when a FETCH is given up.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { makeRequest } from '../../../src/pbft/sim/fakes.js'
import type { BlocksMsg, FetchMsg } from '../../../src/pbft/types.js'
import { Net } from './harness.js'

/** Commits `count` blocks (one request each, `opBytes` of payload) at replicas 0-2; replica 3 hears nothing. */
function lagging(count: number, opBytes: number, over: ConstructorParameters<typeof Net>[1] = {}): Net {
  const net = new Net(4, { checkpointInterval: 4, watermarkWindow: 8, historyRetention: 64, ...over })
  net.filter = m => m.from !== 3 && m.to !== 3
  for (let k = 1; k <= count; k++) {
    net.request(makeRequest('c', 1, k, new Uint8Array(opBytes).fill(k)), [0, 1, 2])
    net.run()
    for (let round = 0; round < 10 && net.r(0).executedHeight < k; round++) {
      net.fireAll('view'); net.run()
      for (let i = 0; i < 3; i++) net.fire(i, 'status')
      net.run()
    }
  }
  assert.equal(net.r(0).executedHeight, count)
  return net
}

function blocksFor(net: Net, from: number): BlocksMsg {
  const fetch: FetchMsg = { type: 'fetch', from, sender: 3 }
  const acts = net.step(0, { type: 'message', from: 3, msg: fetch })
  const sent = acts.find(a => a.type === 'send' && a.msg.type === 'blocks')
  assert.ok(sent !== undefined && sent.type === 'send')
  net.queue = net.queue.filter(m => m.to !== 3)
  return sent.msg as BlocksMsg
}

test('BLOCKS replies hold at most fetchBatch blocks and stay within the byte budget, one block at least', () => {
  const net = lagging(10, 3000, { fetchBatch: 6, fetchMaxBytes: 1 << 20 })
  assert.deepEqual(blocksFor(net, 2).blocks.map(b => b.block.height), [2, 3, 4, 5, 6, 7], 'fetchBatch bounds it')
  const small = lagging(10, 3000, { fetchBatch: 6, fetchMaxBytes: 9000 })
  const hs = blocksFor(small, 2).blocks.map(b => b.block.height)
  assert.ok(hs.length >= 1 && hs.length < 6, `byte budget bounds it (${hs.length} blocks of ~4 KB in 9 KB)`)
  assert.deepEqual(hs, Array.from({ length: hs.length }, (_, i) => 2 + i), 'consecutive from `from`')
  const tiny = lagging(3, 3000, { fetchBatch: 6, fetchMaxBytes: 1 })
  assert.deepEqual(blocksFor(tiny, 1).blocks.map(b => b.block.height), [1], 'a block larger than the budget still goes alone')
})

test('a byte-bounded catch-up completes, each reply checked against its certificate', () => {
  const net = lagging(12, 3000, { fetchBatch: 8, fetchMaxBytes: 9000 })
  net.filter = () => true
  for (let round = 0; round < 40 && net.r(3).executedHeight < net.r(0).executedHeight; round++) {
    for (let i = 0; i < 4; i++) net.fire(i, 'status')
    net.run()
  }
  assert.equal(net.r(3).executedHeight, net.r(0).executedHeight)
  assert.deepEqual(net.r(3).lastBlockHash, net.r(0).lastBlockHash)
})

test('an unanswered FETCH is given up after a few status ticks (not one), then another peer is asked', () => {
  const net = lagging(6, 10, { fetchBatch: 2 })
  // replica 3 hears the others again, but its FETCHes are lost
  const fetches: number[] = []
  net.filter = m => {
    if (m.from === 3 && m.msg.type === 'fetch') { fetches.push(m.to); return false }
    return true
  }
  for (let i = 0; i < 3; i++) net.fire(i, 'status')
  net.run()
  assert.equal(fetches.length, 1, 'STATUS from peers ahead: one FETCH')
  // more STATUS and two ticks of our own: still waiting for that answer
  for (let t = 0; t < 2; t++) {
    for (let i = 0; i < 3; i++) net.fire(i, 'status')
    net.fire(3, 'status')
    net.run()
  }
  assert.equal(fetches.length, 1, 'no duplicate FETCH while the first may still be answered')
  // a stale BLOCKS from a peer we did not ask does not count as the answer
  const stale = net.r(0).committed(1)!
  net.step(3, { type: 'message', from: 2, msg: { type: 'blocks', blocks: [stale], sender: 2 } })
  for (let i = 0; i < 3; i++) net.fire(i, 'status')
  net.run()
  const asked = fetches[0]
  assert.equal(fetches.length, 1)
  net.fire(3, 'status')
  net.run()
  assert.equal(fetches.length, 2, 'given up after the timeout: asked again')
  assert.notEqual(fetches[1], asked, 'another peer')
  net.filter = () => true
  for (let round = 0; round < 20 && net.r(3).executedHeight < 6; round++) {
    for (let i = 0; i < 4; i++) net.fire(i, 'status')
    net.run()
  }
  assert.equal(net.r(3).executedHeight, 6)
})

test('committed history stays within its byte budget below the stable window; a replica behind it catches up from a snapshot', () => {
  // ~4 KB blocks, budget of ~5 of them, retention by count (64) would keep all 40
  const budget = 5 * 4200
  const net = lagging(40, 3000, { historyMaxBytes: budget })
  const r0 = net.r(0)
  const stable = r0.stableCheckpoint.height
  assert.ok(stable >= 32, `stable checkpoint ${stable}`)
  const kept = Array.from({ length: 40 }, (_, i) => i + 1).filter(h => r0.committed(h) !== undefined)
  for (let h = stable - 4 + 1; h <= 40; h++) assert.ok(kept.includes(h), `block ${h} (stable window and above) kept`)
  const below = kept.filter(h => h <= stable - 4)
  assert.ok(below.length <= 5, `at most ~budget of blocks below the window, kept ${below.join(',')}`)
  assert.ok(!kept.includes(1), 'the oldest block is dropped although historyRetention would keep it')
  // replica 3, 40 blocks behind, is sent a snapshot (its FETCH from 1 is below the history) and catches up
  net.filter = () => true
  for (let round = 0; round < 40 && net.r(3).executedHeight < r0.executedHeight; round++) {
    for (let i = 0; i < 4; i++) net.fire(i, 'status')
    net.run()
  }
  assert.equal(net.r(3).executedHeight, r0.executedHeight)
  assert.deepEqual(net.r(3).lastBlockHash, r0.lastBlockHash)
  assert.ok(net.snapshots[3] >= 1, 'caught up through a snapshot')
})
