// The touched list in block headers, the view index built from it, and record annexes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  BlockError, executeBlock, encodeHeader, decodeHeader, genesisState, headerHash, touchedList, touchedPrefixes, touches, ViewIndex,
  buildAnnex, encodeAnnex, decodeAnnex, annexError, recordFromAnnex, encodeRecord, decodeRecord, HeaderChain, MAX_HEADER_BYTES,
  TOUCH_PREFIX_LEN, makeRevocationTx, type BlockHeader
} from '../../../src/ledger/index.js'
import { genesis, hex, NET, operator, Producer, Terminal } from './fixtures.js'

const prefixHex = (id: Uint8Array): string => hex(id.subarray(0, TOUCH_PREFIX_LEN))
const listHex = (t: Uint8Array): string[] => touchedPrefixes(t).map((p) => p.toString(16).padStart(16, '0'))

test('touched list: sorted, distinct 8-byte prefixes, packed', () => {
  const ids = [Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 1, 7), Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 1, 8)]
  const t = touchedList(ids)
  assert.equal(t.length, 16) // the two ids sharing a prefix count once
  assert.deepEqual(listHex(t), ['0102030405060708', '0900000000000001'])
  assert.equal(touchedList([]).length, 0)
  assert.throws(() => touchedPrefixes(new Uint8Array(7)), RangeError)
  assert.throws(() => touchedList([new Uint8Array(4)]), RangeError)
})

test('a block header lists exactly the terminals whose record it changed', () => {
  const p = new Producer()
  const [a, b, c] = ['a', 'b', 'c'].map((l) => new Terminal(l))
  p.step([a.registerTx(), b.registerTx()])
  let h = p.blocks[0].block.header
  assert.deepEqual(listHex(h.touched), [a.id, b.id].map(prefixHex).sort())
  // c's registration fails (bad signer): a refusal touches no record.
  p.step([a.updateTx(), c.registerTx({ signer: b.key })])
  h = p.blocks[1].block.header
  assert.deepEqual(listHex(h.touched), [prefixHex(a.id)])
  assert.ok(touches(h, a.id))
  assert.ok(!touches(h, b.id))
  // An auth record touches the verifier only; an empty block touches nothing.
  p.step([b.authRecordTx(a, p.time + 1000)])
  assert.deepEqual(listHex(p.blocks[2].block.header.touched), [prefixHex(b.id)])
  p.step([])
  assert.equal(p.blocks[3].block.header.touched.length, 0)
  // A revocation (signed by the operator) touches the revoked terminal.
  p.step([makeRevocationTx(operator, NET, { terminalId: b.id, reason: 'stolen', opSeq: 1 })])
  assert.deepEqual(listHex(p.blocks[4].block.header.touched), [prefixHex(b.id)])
  assert.equal(p.state.getRecord(b.id)!.revoked, true)
  // It survives the header codec (and is covered by the header hash).
  const enc = encodeHeader(p.blocks[1].block.header)
  assert.deepEqual(decodeHeader(enc).touched, p.blocks[1].block.header.touched)
  assert.ok(MAX_HEADER_BYTES > 4096)
  // The genesis header has no list: its hash is what it was before the field existed.
  assert.equal(genesisState(genesis).genesisHeaderCache!.touched.length, 0)
})

test('a replica that recomputes a different touched list rejects the block', () => {
  const p = new Producer()
  const [a, b] = ['a', 'b'].map((l) => new Terminal(l))
  p.step([a.registerTx(), b.registerTx()])
  const replica = genesisState(genesis)
  executeBlock(replica, p.blocks[0].block) // the honest block passes
  const bad = (touched: Uint8Array): BlockHeader => ({ ...p.blocks[0].block.header, touched: touched as Uint8Array<ArrayBuffer> })
  for (const t of [touchedList([a.id]), touchedList([a.id, b.id, new Uint8Array(32)]), new Uint8Array(0), new Uint8Array(17)]) {
    assert.throws(() => executeBlock(replica, { header: bad(t), txs: p.blocks[0].block.txs }), (e: Error) => e instanceof BlockError && /touched list/.test(e.message))
  }
})

test('view index: last touching height per prefix; a record is current until a later header touches it', () => {
  const p = new Producer()
  const [a, b] = ['a', 'b'].map((l) => new Terminal(l))
  p.step([a.registerTx()]) // 1
  p.step([b.registerTx()]) // 2
  p.step([a.updateTx()]) // 3
  p.step([]) // 4
  const v = new ViewIndex()
  assert.equal(v.lastTouched(a.id), 0)
  for (const { block } of p.blocks) v.apply(block.header)
  assert.equal(v.height, 4)
  assert.equal(v.lastTouched(a.id), 3)
  assert.equal(v.lastTouched(b.id), 2)
  assert.equal(v.lastTouched(new Terminal('never').id), 0)
  assert.ok(v.isCurrent(b.id, 2))
  assert.ok(v.isCurrent(b.id, 4))
  assert.ok(!v.isCurrent(a.id, 2), 'a record of a verified before block 3 is stale')
  assert.ok(v.isCurrent(a.id, 3))
  assert.ok(!v.isCurrent(a.id, 5), 'nothing is known beyond the head')
  // Headers are applied in order only.
  assert.throws(() => v.apply(p.blocks[1].block.header), RangeError)
})

test('view index: a prefix collision only makes a record look touched (refetch), never current when it is not', () => {
  const v = new ViewIndex()
  const x = new Uint8Array(32).fill(1)
  const y = new Uint8Array(32).fill(1); y[31] = 2 // same 8-byte prefix as x
  const hdr = (height: number, ids: Uint8Array[]): BlockHeader => ({ height, touched: touchedList(ids) } as unknown as BlockHeader)
  v.apply(hdr(1, [x]))
  v.apply(hdr(2, [y]))
  assert.equal(v.lastTouched(x), 2) // x's record from block 1 must be fetched again: conservative
  assert.ok(!v.isCurrent(x, 1))
})

test('view index: bounded; dropped prefixes count as touched at the floor', () => {
  const v = new ViewIndex(3)
  const id = (i: number): Uint8Array => { const b = new Uint8Array(32); b[0] = i; return b }
  const hdr = (height: number, ids: Uint8Array[]): BlockHeader => ({ height, touched: touchedList(ids) } as unknown as BlockHeader)
  for (let h = 1; h <= 6; h++) v.apply(hdr(h, [id(h)]))
  v.apply(hdr(7, [id(5)])) // 5 is touched again: now the most recent
  assert.equal(v.size, 3)
  assert.equal(v.floor, 3) // 1, 2, 3 were dropped (the least recently touched); 4, 6, 5 are kept
  assert.equal(v.lastTouched(id(1)), 3, 'a dropped terminal is never reported as untouched since its record')
  assert.equal(v.lastTouched(id(4)), 4)
  assert.equal(v.lastTouched(id(6)), 6)
  assert.equal(v.lastTouched(id(5)), 7)
  assert.ok(!v.isCurrent(id(2), 2))
  assert.ok(v.isCurrent(id(2), 3))
  assert.throws(() => new ViewIndex(0), RangeError)
})

test('header chain followers can build the view from certified headers', () => {
  const p = new Producer()
  const a = new Terminal('a')
  p.step([a.registerTx()])
  p.step([a.updateTx()])
  const chain = new HeaderChain(genesis)
  const v = new ViewIndex()
  for (const { block, cert } of p.blocks) {
    assert.deepEqual(chain.accept(block.header, cert), { ok: true })
    v.apply(block.header)
  }
  assert.equal(v.lastTouched(a.id), 2)
})

test('record annex: every touched record with its proof; checked whole by storage nodes, per terminal by readers', () => {
  const p = new Producer()
  const [a, b, c] = ['a', 'b', 'c'].map((l) => new Terminal(l))
  p.step([a.registerTx(), b.registerTx(), c.registerTx()]) // 1
  const annex1 = buildAnnex(p.state, p.blocks[0].block.header, [c.id, a.id, b.id])
  const h1 = p.blocks[0].block.header
  p.step([a.updateTx(), b.updateTx()]) // 2
  const h2 = p.blocks[1].block.header
  const annex = buildAnnex(p.state, h2, [a.id, b.id])
  const bytes = encodeAnnex(annex)
  assert.deepEqual(decodeAnnex(bytes), annex)
  assert.equal(annexError(h2, bytes), null)
  assert.equal(annexError(h1, encodeAnnex(annex1)), null)
  assert.throws(() => buildAnnex(p.state, h1, [a.id]), RangeError) // needs the state at that height

  const got = recordFromAnnex(h2, bytes, a.id)
  assert.ok(got.ok)
  assert.deepEqual(got.record, p.state.getRecord(a.id))

  // A reader asking for c (not touched by block 2) gets nothing from this annex.
  const none = recordFromAnnex(h2, bytes, c.id)
  assert.ok(!none.ok && none.reason === 'wrong-record')
  // An altered record fails its proof.
  const recA = decodeRecord(annex.entries[0].record)
  const altered = { ...annex, entries: [{ ...annex.entries[0], record: encodeRecord({ ...recA, revoked: false, latestIdentityHash: new Uint8Array(32).fill(0xee) as Uint8Array<ArrayBuffer> }) as Uint8Array<ArrayBuffer> }, annex.entries[1]] }
  const r1 = recordFromAnnex(h2, encodeAnnex(altered), recA.terminalId)
  assert.ok(!r1.ok && r1.reason === 'bad-record-proof', JSON.stringify(r1))
  assert.notEqual(annexError(h2, encodeAnnex(altered)), null)
  // A stale record (a's from block 1, with its valid proof against block 1) served for block 2.
  const oldA = annex1.entries.find((e) => hex(decodeRecord(e.record).terminalId) === hex(a.id))!
  const stale = { ...annex, entries: [oldA, annex.entries[1]].sort((x, y) => Buffer.compare(decodeRecord(x.record).terminalId, decodeRecord(y.record).terminalId)) }
  const r2 = recordFromAnnex(h2, encodeAnnex(stale), a.id)
  assert.ok(!r2.ok && r2.reason === 'stale-record', JSON.stringify(r2))
  assert.notEqual(annexError(h2, encodeAnnex(stale)), null)
  // Block 1's whole annex served for block 2: names another block.
  const r3 = recordFromAnnex(h2, encodeAnnex(annex1), a.id)
  assert.ok(!r3.ok && r3.reason === 'uncommitted-header')
  // An incomplete annex (one touched record left out) is refused by storage nodes.
  assert.match(annexError(h2, encodeAnnex({ ...annex, entries: annex.entries.slice(0, 1) }))!, /touched list/)
  // Garbage and non-canonical bytes.
  assert.ok(!recordFromAnnex(h2, Uint8Array.of(1, 2, 3), a.id).ok)
  assert.notEqual(annexError(h2, Uint8Array.of(0xff)), null)
  assert.deepEqual(headerHash(h2), annex.blockHash)
})
