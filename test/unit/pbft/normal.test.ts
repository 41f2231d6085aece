import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { blockHash, bytesEqual, commitBytes, hex } from '../../../src/pbft/codec.js'
import { permutation, primaryFor } from '../../../src/pbft/primary.js'
import { makeRequest, GENESIS_SEED } from '../../../src/pbft/sim/fakes.js'
import { Net } from './harness.js'

test('normal case: one request commits at every replica with a 2f+1 commit certificate', () => {
  const net = new Net(4)
  net.request(makeRequest('t1', 1, 1))
  net.run()
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  const c0 = net.commits[0][0]
  assert.equal(c0.block.requests.length, 1)
  assert.equal(c0.block.proposer, primaryFor(GENESIS_SEED, 0, 4))
  for (let i = 1; i < 4; i++) assert.ok(bytesEqual(blockHash(net.commits[i][0].block), blockHash(c0.block)))
  assert.ok(c0.cert.votes.length >= 3)
  const v = net.keys.cryptoFor(0)
  for (const vote of c0.cert.votes) assert.ok(v.verify(vote.replica, commitBytes(c0.cert.view, 1, c0.cert.digest), vote.sig))
  assert.equal(net.replies.length, 4)
  assert.equal(new Set(net.replies.map(r => hex(r.result))).size, 1)
})

test('every message is persisted before the vote that depends on it', () => {
  const net = new Net(4)
  const p = net.r(0).primaryOf(1)!
  const actions = net.step(p, { type: 'request', req: makeRequest('t1', 1, 1) })
  const iPersist = actions.findIndex(a => a.type === 'persist' && a.writes.some(([k]) => k === 'slot/1'))
  const iSend = actions.findIndex(a => a.type === 'broadcast' && a.msg.type === 'preprepare')
  assert.ok(iPersist >= 0 && iSend > iPersist, 'slot persisted before the pre-prepare is sent')
  // a backup persists the accepted pre-prepare before its PREPARE
  const b = (p + 1) % 4
  const pp = actions.find(a => a.type === 'broadcast' && a.msg.type === 'preprepare')!
  assert.ok(pp.type === 'broadcast')
  net.queue = []
  net.request(makeRequest('t1', 1, 1), [b])
  const acts = net.step(b, { type: 'message', from: p, msg: pp.msg })
  const ip = acts.findIndex(a => a.type === 'persist')
  const is = acts.findIndex(a => a.type === 'broadcast' && a.msg.type === 'prepare')
  assert.ok(ip >= 0 && is > ip)
})

test('batching: requests gathered over the batch window go into one block; max batch splits', () => {
  const net = new Net(4, { batchDelay: 5, maxBatch: 3 })
  const p = net.r(0).primaryOf(1)!
  for (let c = 0; c < 2; c++) net.request(makeRequest(`t${c}`, 1, 1))
  net.run()
  assert.deepEqual(net.heights(), [0, 0, 0, 0])
  assert.ok(net.timers[p].has('batch'))
  net.fire(p, 'batch')
  net.run()
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  assert.equal(net.commits[0][0].block.requests.length, 2)
  // a full batch is proposed at once, without waiting for the window
  const p2 = net.r(0).primaryOf(2)!
  for (let c = 0; c < 3; c++) net.request(makeRequest(`u${c}`, 1, 1))
  net.run()
  assert.equal(net.r(p2).executedHeight, 2)
  assert.equal(net.commits[0][1].block.requests.length, 3)
})

test('pipelining: the next height is proposed once the previous one is prepared', () => {
  const net = new Net(4)
  // hold back every COMMIT: heights can still be pre-prepared and prepared one after another
  let holding = true
  const held: typeof net.queue = []
  net.filter = m => { if (holding && m.msg.type === 'commit') { held.push(m); return false } return true }
  for (let k = 1; k <= 3; k++) { net.request(makeRequest('t', 1, k)); net.run() }
  assert.deepEqual(net.heights(), [0, 0, 0, 0])
  holding = false
  net.queue.push(...held)
  net.run()
  assert.deepEqual(net.heights(), [3, 3, 3, 3])
})

test('de-duplication: a retry gets the cached reply, old ids are dropped, a rebooted client (new epoch) is served', () => {
  const net = new Net(4)
  net.request(makeRequest('t', 1, 1)); net.run()
  net.request(makeRequest('t', 1, 2)); net.run()
  assert.deepEqual(net.heights(), [2, 2, 2, 2])
  const before = net.replies.length
  net.request(makeRequest('t', 1, 2)); net.run() // retry of the last one
  assert.equal(net.replies.length, before + 4)
  assert.deepEqual(net.heights(), [2, 2, 2, 2])
  net.request(makeRequest('t', 1, 1)); net.run() // replay of an old one
  assert.equal(net.replies.length, before + 4)
  assert.deepEqual(net.heights(), [2, 2, 2, 2])
  for (const r of net.replicas) assert.equal(r!.pendingCount(), 0)
  net.request(makeRequest('t', 2, 1)); net.run() // rebooted terminal: new epoch, counter restarts
  assert.deepEqual(net.heights(), [3, 3, 3, 3])
  const applied = net.commits[0].flatMap(c => c.applied.map(r => `${r.epoch}/${r.counter}`))
  assert.deepEqual(applied, ['1/1', '1/2', '2/1'])
})

test('a forged client request (bad signature) is never proposed', () => {
  const net = new Net(4)
  const good = makeRequest('t', 1, 1)
  net.request({ ...good, sig: new Uint8Array(32) })
  net.run()
  assert.deepEqual(net.heights(), [0, 0, 0, 0])
  for (const r of net.replicas) assert.equal(r!.pendingCount(), 0)
})

test('checkpoints become stable at 2f+1 and truncate the log; water marks bound proposals', () => {
  const net = new Net(4, { checkpointInterval: 2, watermarkWindow: 4 })
  for (let k = 1; k <= 5; k++) { net.request(makeRequest('t', 1, k)); net.run() }
  assert.deepEqual(net.heights(), [5, 5, 5, 5])
  for (const r of net.replicas) assert.equal(r!.stableCheckpoint.height, 4)
  for (const d of net.disks) {
    assert.ok(![...d.keys()].some(k => k.startsWith('slot/') && Number(k.slice(5)) <= 4), 'slots at or below the checkpoint are deleted')
    assert.ok(d.has('ckpt'))
  }
  // without checkpoint messages the window fills up and proposals stop at low + L
  net.filter = m => m.msg.type !== 'checkpoint'
  for (let k = 6; k <= 14; k++) { net.request(makeRequest('t', 1, k)); net.run() }
  assert.deepEqual(net.heights(), [8, 8, 8, 8])
  net.filter = () => true
  // checkpoints are re-sent on a status tick, at most once per 4 ticks (replica.ts RETRANSMIT_TICKS)
  for (let t = 0; t < 4; t++) for (let i = 0; i < 4; i++) net.fire(i, 'status')
  net.run()
  assert.ok(net.heights().every(h => h > 8))
})

test('primary permutation: n consecutive views at one height name every replica once', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 31 }), (seed, n) => {
    const p = permutation(seed, n)
    assert.deepEqual([...p].sort((a, b) => a - b), [...Array(n).keys()])
    for (let v = 0; v < 3 * n; v++) assert.equal(primaryFor(seed, v, n), p[v % n])
  }), { numRuns: 200 })
})

test('the seed of a height is the VRF output in the previous block, so primaries change with the chain', () => {
  const net = new Net(4)
  for (let k = 1; k <= 6; k++) { net.request(makeRequest('t', 1, k)); net.run() }
  const blocks = net.commits[0].map(c => c.block)
  for (let h = 2; h <= 6; h++) assert.equal(blocks[h - 1].proposer, primaryFor(blocks[h - 2].nextSeed, 0, 4))
  const crypto = net.keys.cryptoFor(0)
  for (const b of blocks) assert.ok(crypto.vrfVerify(b.proposer, new Uint8Array(0), b.vrfProof) === null, 'proof is bound to its alpha')
})
