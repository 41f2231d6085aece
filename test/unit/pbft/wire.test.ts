// /gridauth/pbft/1.0.0 codec: every core message survives encode/decode; malformed input throws.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { decodeMessage, encodeMessage, encodeValue, decodeValue, MAX_BATCH_MESSAGES } from '../../../src/consensus/codec.js'
import { blockHash } from '../../../src/pbft/codec.js'
import type { Block, Message } from '../../../src/pbft/types.js'

const b = (n: number, len = 32): Uint8Array => new Uint8Array(len).fill(n)
const block: Block = { height: 3, prevHash: b(1), proposer: 2, vrfProof: b(2, 80), nextSeed: b(3, 64), root: b(4), requests: [{ client: 'ab', epoch: 1, counter: 7, op: b(5, 100), sig: new Uint8Array(0) }], app: b(6, 200) }
const nul: Block = { height: 4, prevHash: b(1), proposer: -1, vrfProof: new Uint8Array(0), nextSeed: b(3, 64), root: b(4), requests: [] }

test('round trip of every message type keeps the block hash', () => {
  const ck = { type: 'checkpoint' as const, height: 16, blockHash: b(7), nextSeed: b(8), stateDigest: b(9), sender: 1, sig: b(10, 64) }
  const stable = { height: 16, blockHash: b(7), nextSeed: b(8), stateDigest: b(9), proof: [ck] }
  const vc = { type: 'viewchange' as const, view: 2, checkpoint: stable, prepared: [{ view: 1, height: 17, block, votes: [{ replica: 0, sig: b(11, 64) }] }], sender: 3, sig: b(12, 64) }
  const msgs: Message[] = [
    { type: 'preprepare', view: 1, height: 3, digest: blockHash(block), block, sender: 2, sig: b(13, 64) },
    { type: 'prepare', view: 1, height: 3, digest: b(14), sender: 0, sig: b(15, 64) },
    { type: 'commit', view: 1, height: 3, digest: b(14), sender: 0, sig: b(15, 64), ext: b(16, 64) },
    { type: 'commit', view: 1, height: 3, digest: b(14), sender: 0, sig: b(15, 64) },
    ck, vc,
    { type: 'newview', view: 2, viewChanges: [vc], digests: [b(17)], sender: 2, sig: b(18, 64) },
    { type: 'status', view: 2, normal: false, height: 99, sender: 1 },
    { type: 'fetch', from: 5, sender: 1 },
    { type: 'blocks', blocks: [{ block, cert: { height: 3, view: 1, digest: blockHash(block), votes: [{ replica: 1, sig: b(19, 64), ext: b(20, 64) }] } }, { block: nul, cert: { height: 4, view: 1, digest: blockHash(nul), votes: [] } }], sender: 0 },
    { type: 'snapshot', checkpoint: stable, exec: { height: 16, headHash: b(7), nextSeed: b(8), clients: [['ab', { epoch: 1, counter: 2, height: 3, result: b(21, 4) }]] }, app: b(22, 64), sender: 0 }
  ]
  for (const m of msgs) {
    const back = decodeMessage(encodeMessage(m))
    assert.deepEqual(back, m, m.type)
  }
  const bl = decodeMessage(encodeMessage(msgs[9])) as Extract<Message, { type: 'blocks' }>
  assert.deepEqual(blockHash(bl.blocks[0].block), blockHash(block))
  assert.deepEqual(blockHash(bl.blocks[1].block), blockHash(nul))
})

test('a frame must set exactly one message; garbage throws', () => {
  assert.throws(() => decodeMessage(new Uint8Array(0)))
  assert.throws(() => decodeMessage(Uint8Array.of(0xff, 0xff, 0xff)))
})

test('persisted values keep byte arrays (Buffers too)', () => {
  const v = { a: b(1, 3), n: [1, null, 'x'], buf: Buffer.from([1, 2]), nested: { c: b(2, 2) } }
  const back = decodeValue(encodeValue(v)) as Record<string, unknown>
  assert.deepEqual(back.a, b(1, 3))
  assert.deepEqual(back.buf, Uint8Array.from([1, 2]))
  assert.deepEqual((back.nested as { c: Uint8Array }).c, b(2, 2))
})

test('batch frames carry encoded messages in order and are bounded', () => {
  const a = encodeMessage({ type: 'status', view: 1, normal: true, height: 5, sender: 2 })
  const c = encodeMessage({ type: 'fetch', from: 3, sender: 2 })
  const back = decodeMessage(encodeMessage({ type: 'batch', msgs: [a, c] }))
  assert.equal(back.type, 'batch')
  const msgs = (back as { msgs: Uint8Array[] }).msgs
  assert.deepEqual(msgs.map(m => decodeMessage(m).type), ['status', 'fetch'])
  assert.throws(() => decodeMessage(encodeMessage({ type: 'batch', msgs: Array.from({ length: MAX_BATCH_MESSAGES + 1 }, () => a) })), /too many/)
})
