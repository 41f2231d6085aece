// The /gridauth/skipgraph/1.0.0 and /gridauth/blocks/1.0.0 codecs: every core message
// round-trips, sender binding and limits are enforced, garbage is rejected.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeMsg, decodeMsg, MalformedError, type AddrBook } from '../../../src/skipgraph/service/codec.js'
import { encodeBlockReq, decodeBlockReq, MAX_ANNEX_BYTES_WIRE } from '../../../src/skipgraph/service/blocks-codec.js'
import { BlockRequest, BlockOp } from '../../../src/wire/blocks.js'
import type { Msg } from '../../../src/skipgraph/messages.js'
import type { NodeRef } from '../../../src/skipgraph/table.js'
import { deriveSkipKeyBytes, deriveMembershipVectorBytes, deriveSkipKey, deriveMembershipVector, keyFromBytes, mvFromBytes } from '../../../src/skipgraph/index.js'
import { sha256 } from '../../../src/crypto/hash.js'

const book = (): AddrBook & { learned: Map<string, Uint8Array[]> } => {
  const learned = new Map<string, Uint8Array[]>()
  return { learned, get: (id) => (id === 'A' ? [Uint8Array.of(4, 127, 0, 0, 1, 6, 0x0f, 0xa1)] : undefined), learn: (id, a) => { learned.set(id, a) } }
}
const A: NodeRef = { id: 'A', key: 5n, mv: '0101' }
const B: NodeRef = { id: 'B', key: (1n << 255n) + 7n, mv: '' }
const K = 123456789n

const msgs: Msg[] = [
  { t: 'search', qid: 'q1', origin: B, target: K, purpose: 'place', r: 2, hops: 3, ttl: 256 },
  { t: 'search', qid: 'q2', origin: B, target: 0n, purpose: 'lookup', hops: 0, ttl: 256 },
  { t: 'search-result', qid: 'q1', purpose: 'place', target: K, node: A, hops: 4, k: 3, levels: [{ left: [B], right: [] }, { left: [], right: [B, B] }] },
  { t: 'search-result', qid: 'q3', purpose: 'join', target: K, node: A, hops: 1 },
  { t: 'search-failed', qid: 'q1', purpose: 'lookup', target: K, at: A, hops: 9, reason: 'ttl' },
  { t: 'link', level: 2, side: 'left', from: A },
  { t: 'link-ok', level: 0, side: 'right', from: A, displaced: B, list: [B] },
  { t: 'link-redirect', level: 1, side: 'left', from: A, closer: B },
  { t: 'walk', level: 3, dir: 'right', origin: B, hops: 2 },
  { t: 'walk-none', level: 3, dir: 'left', from: A },
  { t: 'get-neighbours', level: 1, from: A },
  { t: 'get-neighbours', level: 1, from: A, qid: 'p7' },
  { t: 'neighbours', level: 0, from: A, left: [B], right: [], qid: 'p7' },
  { t: 'neighbours', level: 0, from: A, left: [], right: [B] },
  { t: 'unlink', level: 0, side: 'right', from: A, replacement: [B] },
  { t: 'unlink-ok', level: 4, from: A },
  { t: 'ping', nonce: 42, from: A },
  { t: 'pong', nonce: 43, from: A }
]

test('every core message round-trips through the wire codec', () => {
  for (const m of msgs) {
    const b = book()
    assert.deepEqual(decodeMsg(encodeMsg(m, b), 'A', b), m, m.t)
  }
})

test('refs carry listen addresses, which the decoder learns', () => {
  const b = book()
  decodeMsg(encodeMsg({ t: 'ping', nonce: 1, from: A }, b), 'A', b)
  assert.equal(b.learned.get('A')?.length, 1)
})

test('a message naming another sender, garbage and oversized lists are rejected', () => {
  const b = book()
  assert.throws(() => decodeMsg(encodeMsg({ t: 'ping', nonce: 1, from: A }, b), 'B', b), MalformedError)
  assert.throws(() => decodeMsg(Uint8Array.of(0xff, 0xff, 0xff), 'A', b), MalformedError)
  assert.throws(() => decodeMsg(new Uint8Array(0), 'A', b), MalformedError) // type UNKNOWN
  const many = Array.from({ length: 40 }, () => B)
  assert.throws(() => decodeMsg(encodeMsg({ t: 'neighbours', level: 0, from: A, left: many, right: [] }, b), 'A', b), MalformedError)
})

test('block requests round-trip; bad hashes are malformed', () => {
  const h = new Uint8Array(32).fill(1)
  assert.deepEqual(decodeBlockReq(encodeBlockReq({ op: 'fetch', hash: h })), { op: 'fetch', hash: h })
  assert.deepEqual(decodeBlockReq(encodeBlockReq({ op: 'has', hashes: [h, h] })), { op: 'has', hashes: [h, h] })
  const s = decodeBlockReq(encodeBlockReq({ op: 'store', hash: h, block: Uint8Array.of(1, 2) }))
  assert.equal(s.op, 'store')
  assert.throws(() => decodeBlockReq(encodeBlockReq({ op: 'fetch', hash: new Uint8Array(5) })), MalformedError)
  assert.throws(() => decodeBlockReq(new Uint8Array(0)), MalformedError)
})

test('a block\'s record annex rides in STORE and is asked for by FETCH; nowhere else', () => {
  const h = new Uint8Array(32).fill(1)
  assert.deepEqual(decodeBlockReq(encodeBlockReq({ op: 'fetch', hash: h, annex: true })), { op: 'fetch', hash: h, annex: true })
  const s = decodeBlockReq(encodeBlockReq({ op: 'store', hash: h, block: Uint8Array.of(1, 2), annex: Uint8Array.of(3) }))
  assert.ok(s.op === 'store' && s.annex !== undefined && s.annex[0] === 3)
  const noAnnex = decodeBlockReq(encodeBlockReq({ op: 'store', hash: h, block: Uint8Array.of(1, 2) }))
  assert.ok(noAnnex.op === 'store' && noAnnex.annex === undefined)
  const wire = (o: Partial<BlockRequest>): Uint8Array => BlockRequest.encode({ op: BlockOp.HAS, hashes: [h as Uint8Array<ArrayBuffer>], block: new Uint8Array(0), annex: new Uint8Array(0), wantAnnex: false, ...o })
  assert.throws(() => decodeBlockReq(wire({ annex: Uint8Array.of(1) })), MalformedError) // HAS with an annex
  assert.throws(() => decodeBlockReq(wire({ op: BlockOp.STORE, block: Uint8Array.of(1), wantAnnex: true })), MalformedError)
  assert.throws(() => decodeBlockReq(wire({ op: BlockOp.STORE, block: Uint8Array.of(1), annex: new Uint8Array(MAX_ANNEX_BYTES_WIRE + 1) })), MalformedError)
})

test('derived skip key and membership vector are the ones enroll writes', () => {
  const pub = new Uint8Array(32).fill(9)
  const te = new TextEncoder()
  assert.deepEqual(deriveSkipKeyBytes(pub), sha256(te.encode('gridauth/skip-key/1'), pub))
  assert.deepEqual(deriveMembershipVectorBytes(pub), sha256(te.encode('gridauth/membership/1'), pub))
  assert.equal(deriveSkipKey(pub), keyFromBytes(deriveSkipKeyBytes(pub)))
  assert.equal(deriveMembershipVector(pub), mvFromBytes(deriveMembershipVectorBytes(pub)))
  assert.equal(deriveMembershipVector(pub).length, 256)
})
