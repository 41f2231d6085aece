import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  decodeRecordProof, encodeRecord, encodeRecordProof, proveRecord, verifyCertificate, verifyRecordProof, type BlockHeader
} from '../../../src/ledger/index.js'
import { Producer, Terminal } from './fixtures.js'

function world (n: number, rounds: number) {
  const p = new Producer()
  const ts = Array.from({ length: n }, (_, i) => new Terminal(`p${i}`, { chainLength: rounds + 2 }))
  p.step(ts.map(t => t.registerTx()))
  for (let k = 0; k < rounds; k++) p.step(ts.filter((_, i) => (i + k) % 2 === 0).map(t => t.updateTx()))
  return { p, ts }
}

test('property: honest proofs verify; every single-byte tamper of record or proof is rejected', () => {
  const { p, ts } = world(11, 3)
  const header = p.blocks[p.blocks.length - 1].block.header
  fc.assert(fc.property(fc.nat({ max: ts.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, delta) => {
    const rec = p.state.getRecord(ts[i].id)!
    const proof = proveRecord(p.state, ts[i].id)!
    const rb = encodeRecord(rec)
    const pb = encodeRecordProof(proof)
    assert.ok(verifyRecordProof(header, rec, proof))
    assert.ok(verifyRecordProof(header, rb, pb))
    assert.deepEqual(decodeRecordProof(pb), proof)
    for (let j = 0; j < rb.length; j++) {
      const t = Uint8Array.from(rb)
      t[j] ^= delta
      assert.ok(!verifyRecordProof(header, t, pb), `record byte ${j}`)
    }
    for (let j = 0; j < pb.length; j++) {
      const t = Uint8Array.from(pb)
      t[j] ^= delta
      assert.ok(!verifyRecordProof(header, rb, t), `proof byte ${j}`)
    }
  }), { numRuns: 12 })
})

test('proofs: stale records fail against newer headers, another terminal\'s proof does not fit, unknown terminal', () => {
  const { p, ts } = world(5, 0)
  const h1 = p.blocks[0].block.header
  const oldRec = p.state.getRecord(ts[2].id)!
  const oldProof = proveRecord(p.state, ts[2].id)!
  p.step([ts[2].updateTx()])
  const h2: BlockHeader = p.blocks[1].block.header
  assert.ok(verifyRecordProof(h1, oldRec, oldProof))
  assert.ok(!verifyRecordProof(h2, oldRec, oldProof))
  const newRec = p.state.getRecord(ts[2].id)!
  assert.ok(verifyRecordProof(h2, newRec, proveRecord(p.state, ts[2].id)!))
  assert.ok(!verifyRecordProof(h2, newRec, proveRecord(p.state, ts[1].id)!))
  assert.ok(!verifyRecordProof(h2, p.state.getRecord(ts[1].id)!, proveRecord(p.state, ts[2].id)!))
  assert.equal(proveRecord(p.state, new Terminal('nobody').id), undefined)
  // a lone terminal (depth 0 tree)
  const single = world(1, 1)
  const sh = single.p.blocks[single.p.blocks.length - 1].block.header
  const sp = proveRecord(single.p.state, single.ts[0].id)!
  assert.equal(sp.siblings.length, 0)
  assert.ok(verifyRecordProof(sh, single.p.state.getRecord(single.ts[0].id)!, sp))
})

test('certificates verify from commit certificate + header + record proof', () => {
  const { p, ts } = world(3, 1)
  const { block, cert } = p.blocks[p.blocks.length - 1]
  const rec = p.state.getRecord(ts[0].id)!
  const ev = { header: block.header, commit: cert, validators: p.state.validators, record: rec, proof: proveRecord(p.state, ts[0].id)! }
  assert.ok(verifyCertificate(rec.certificate!, ev))
  assert.ok(!verifyCertificate({ ...rec.certificate!, notAfter: rec.certificate!.notAfter + 1 }, ev))
  assert.ok(!verifyCertificate(rec.certificate!, { ...ev, commit: { ...cert, signatures: cert.signatures.slice(0, 2) } }))
})
