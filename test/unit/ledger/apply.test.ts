import { test } from 'node:test'
import assert from 'node:assert/strict'
import { sha256 } from '../../../src/crypto/hash.js'
import {
  apply, BlockError, buildBlock, certificateHash, decodeTx, encodeBlock, decodeBlock, executeBlock, genesisState, headerHash,
  makeRevocationTx, makeValidatorSetTx, makeChainUpdateTx, makeEnrollment, makeRegistrationTx, Reason, REASON_NAMES, TxType, viewOf,
  verifyCommitCertificate, makeCommitCertificate, signCommit, quorumSize, type TxResult,
  verifyCommitSignature, cacheOwnCommitSignature, SignatureCache
} from '../../../src/ledger/index.js'
import { codecs } from '../../../src/ledger/codec.js'
import { MAX_CHAIN_SKIP } from '../../../src/ledger/constants.js'
import { genesis, keyOf, NET, operator, Producer, Terminal, validatorKeys } from './fixtures.js'

const codesOf = (rs: TxResult[]): string[] => rs.map(r => REASON_NAMES[r.code])

test('registration issues a certificate; duplicates of terminal, key, serial, skip key fail', () => {
  const p = new Producer()
  const a = new Terminal('a')
  const rs = p.step([a.registerTx()])
  assert.deepEqual(codesOf(rs), ['Ok'])
  const rec = p.state.getRecord(a.id)!
  assert.ok(rec !== undefined)
  assert.equal(rec.certificate!.notBefore, p.state.timestamp)
  assert.equal(rec.certificate!.notAfter, p.state.timestamp + genesis.certificateValidityMs)
  assert.equal(rec.certificate!.issuedHeight, 1)
  assert.deepEqual(rec.latestIdentityHash, a.anchor)
  assert.equal(rec.chainHeight, 8)
  assert.deepEqual(viewOf(p.state, a.id)!.headerHash, p.state.lastHeaderHash)

  const sameKey = new Terminal('b', { key: a.key })
  const sameSerial = new Terminal('c', { serial: a.identity.serial })
  const sameSkip = new Terminal('d', { skipKey: a.identity.skipKey })
  const e = new Terminal('e')
  const rs2 = p.step([a.registerTx(), sameKey.registerTx(), sameSerial.registerTx(), sameSkip.registerTx(), e.registerTx(), e.registerTx()])
  assert.deepEqual(codesOf(rs2), ['DuplicateTerminal', 'DuplicateKey', 'DuplicateSerial', 'DuplicateSkipKey', 'Ok', 'DuplicateTerminal'])
  assert.deepEqual(rs2[0].terminalId, a.id)
  assert.equal(rs2[0].type, TxType.Registration)
  assert.equal(p.state.recordCount, 2)
})

test('registration: operator signature, enrollment expiry, terminal signature, network, malformed', () => {
  const p = new Producer()
  const t = [1, 2, 3, 4, 5].map(i => new Terminal(`r${i}`))
  const wrongNetEnrollment = makeRegistrationTx(t[4].key, NET, makeEnrollment(operator, 'other-net', t[4].identity), {
    chainAnchor: t[4].anchor, chainLength: 8, requestId: 1
  })
  const shortAnchor = makeRegistrationTx(t[4].key, NET, t[4].enrollment(), { chainAnchor: new Uint8Array(5), chainLength: 8, requestId: 1 })
  const rs = p.step([
    t[0].registerTx({ operatorKey: keyOf('rogue-operator') }),
    t[1].registerTx({ expiresAt: p.state.timestamp }),
    t[2].registerTx({ signer: keyOf('someone-else') }),
    wrongNetEnrollment,
    shortAnchor,
    Uint8Array.of(1, 2, 3),
    codecs.tx.encode({ type: 99, body: new Uint8Array(1) as Uint8Array<ArrayBuffer>, signature: new Uint8Array(64) as Uint8Array<ArrayBuffer> }),
    new Uint8Array(5000),
    t[3].registerTx()
  ])
  assert.deepEqual(codesOf(rs), [
    'UnknownOperator', 'EnrollmentInvalid', 'BadSignature', 'WrongNetwork', 'Malformed', 'Malformed', 'UnknownTxType', 'TxTooLarge', 'Ok'
  ])
  assert.equal(p.state.recordCount, 1)
})

test('hash-chain updates: valid, replayed, stale, invalid, exhausted; renewal with the last value', () => {
  const p = new Producer()
  const a = new Terminal('a', { chainLength: 4 })
  p.step([a.registerTx()])
  const v3 = a.nextValue()
  assert.deepEqual(codesOf(p.step([a.updateTx()])), ['Ok'])
  let rec = p.state.getRecord(a.id)!
  assert.deepEqual(rec.latestIdentityHash, v3)
  assert.equal(rec.chainHeight, 3)
  assert.deepEqual(viewOf(p.state, a.id)!.latestIdentityHash, v3)
  // replay the same value with a fresh request id, an older value, a random value, a stale request id
  const rs = p.step([
    a.updateTx(v3),
    a.updateTx(a.chain[4]),
    a.updateTx(sha256(Uint8Array.of(1))),
    a.updateTx(a.nextValue(), 1)
  ])
  assert.deepEqual(codesOf(rs), ['ReplayedChainValue', 'ReplayedChainValue', 'InvalidChainValue', 'StaleRequest'])
  assert.deepEqual(codesOf(p.step([a.updateTx(), a.updateTx()])), ['Ok', 'Ok'])
  rec = p.state.getRecord(a.id)!
  assert.equal(rec.chainHeight, 1)
  // the last preimage is reserved for renewal
  const last = a.nextValue()
  assert.deepEqual(codesOf(p.step([makeChainUpdateTx(a.key, NET, { terminalId: a.id, value: last, requestId: ++a.requestId })])), ['ChainExhausted'])
  assert.deepEqual(codesOf(p.step([a.renewTx(6)])), ['Ok'])
  rec = p.state.getRecord(a.id)!
  assert.deepEqual(rec.latestIdentityHash, a.anchor)
  assert.equal(rec.chainHeight, 6)
  assert.equal(rec.chainEpoch, 1)
  assert.deepEqual(codesOf(p.step([a.updateTx()])), ['Ok'])
  // an update signed by another key, an unknown terminal
  const b = new Terminal('b')
  assert.deepEqual(codesOf(p.step([
    makeChainUpdateTx(b.key, NET, { terminalId: a.id, value: a.nextValue(), requestId: 999 }),
    b.updateTx()
  ])), ['BadSignature', 'UnknownTerminal'])
})

test('access: granted, certificate mismatch, timestamp window, expired certificate, revoked', () => {
  const p = new Producer()
  const a = new Terminal('a')
  const b = new Terminal('b')
  p.step([a.registerTx(), b.registerTx()])
  const now = p.state.timestamp + 1000
  const rs = p.step([
    a.accessTx(p.state, now),
    a.accessTx(p.state, now, { certHash: sha256(Uint8Array.of(0)) }),
    a.accessTx(p.state, now - 31_000),
    a.accessTx(p.state, now, { requestId: 1 }),
    b.authRecordTx(a, now, true),
    b.authRecordTx(a, now + 60_000, true)
  ])
  assert.deepEqual(codesOf(rs), ['Ok', 'CertificateMismatch', 'TimestampOutOfWindow', 'StaleRequest', 'Ok', 'TimestampOutOfWindow'])
  assert.equal(p.state.getRecord(a.id)!.lastAccessTime, now)
  // revocation: operator-signed, sequence checked; revoked terminal fails everything
  const rs2 = p.step([
    makeRevocationTx(keyOf('rogue'), NET, { terminalId: a.id, opSeq: 1 }),
    makeRevocationTx(operator, NET, { terminalId: a.id, reason: 'stolen', opSeq: 1 }),
    makeRevocationTx(operator, NET, { terminalId: a.id, opSeq: 1 }),
    makeRevocationTx(operator, NET, { terminalId: a.id, opSeq: 2 }),
    makeRevocationTx(operator, NET, { terminalId: new Terminal('zz').id, opSeq: 3 }),
    a.updateTx(),
    a.accessTx(p.state, p.state.timestamp + 1000)
  ])
  assert.deepEqual(codesOf(rs2), ['BadSignature', 'Ok', 'StaleOperatorSeq', 'AlreadyRevoked', 'UnknownTerminal', 'Revoked', 'Revoked'])
  assert.equal(p.state.getRecord(a.id)!.revoked, true)
  assert.equal(viewOf(p.state, a.id)!.revoked, true)
  // certificate validity 1 h: after it, b's requests fail
  p.step([], 3_600_001)
  assert.deepEqual(codesOf(p.step([b.accessTx(p.state, p.state.timestamp + 1000), b.updateTx()])), ['CertificateExpired', 'CertificateExpired'])
})

test('validator set change takes effect for the next block', () => {
  const p = new Producer()
  const newKeys = [10, 11, 12, 13, 14, 15, 16].map(i => keyOf(`validator-${i}`))
  const vs = newKeys.map((k, i) => ({ publicKey: k.publicKey, address: `/ip4/10.1.0.${i}/tcp/1` })) as never[]
  const rs = p.step([
    makeValidatorSetTx(operator, NET, { validators: [], opSeq: 1 }),
    makeValidatorSetTx(keyOf('x'), NET, { validators: vs, opSeq: 1 }),
    makeValidatorSetTx(operator, NET, { validators: vs, opSeq: 1 })
  ])
  assert.deepEqual(codesOf(rs), ['InvalidValidatorSet', 'BadSignature', 'Ok'])
  assert.equal(p.state.validators.length, 7)
  // old set cannot certify / propose the next block
  assert.throws(() => p.make([]), /proposer is not a validator/)
  p.keys = newKeys
  const next = p.make([])
  const oldCert = makeCommitCertificate(next.block.header, validatorKeys.map(k => signCommit(k, next.block.header)))
  assert.ok(!verifyCommitCertificate(next.block.header, oldCert, p.state.validators))
  assert.ok(verifyCommitCertificate(next.block.header, next.cert, p.state.validators))
  assert.equal(quorumSize(7), 5)
  apply(p.state, next.block)
  assert.equal(p.state.height, 2)
})

test('invalid blocks throw BlockError and leave the state unchanged', () => {
  const p = new Producer()
  const a = new Terminal('a')
  p.step([a.registerTx()])
  const root = p.state.stateRoot()
  const { block } = p.make([a.updateTx()])
  const mutants: Array<[string, (b: typeof block) => void]> = [
    ['height', b => { b.header.height += 1 }],
    ['previous hash', b => { b.header.prevHash = new Uint8Array(32) as never }],
    ['timestamp', b => { b.header.timestamp = p.state.timestamp }],
    ['state root', b => { b.header.stateRoot = new Uint8Array(32) as never }],
    ['results root', b => { b.header.resultsRoot = new Uint8Array(32) as never }],
    ['transaction root', b => { b.txs = [a.updateTx()] }],
    ['tx_count', b => { b.txs = [] }],
    ['proposer', b => { b.header.proposer = keyOf('nobody').publicKey as never }],
    ['VRF proof', b => { b.header.vrfProof = new Uint8Array(79) as never }],
    ['network', b => { b.header.networkId = 'x' }],
    ['version', b => { b.header.version = 2 }],
    ['validators hash', b => { b.header.validatorsHash = new Uint8Array(32) as never }]
  ]
  for (const [what, mutate] of mutants) {
    const b = decodeBlock(encodeBlock(block))
    mutate(b)
    assert.throws(() => apply(p.state, b), (e: unknown) => e instanceof BlockError && new RegExp(what.split(' ')[0], 'i').test((e as Error).message), what)
    assert.deepEqual(p.state.stateRoot(), root)
    assert.equal(p.state.height, 1)
  }
  apply(p.state, block)
  assert.equal(p.state.height, 2)
})

test('replay rebuilds identical state; executeBlock does not mutate; clone is independent', () => {
  const p = new Producer()
  const ts = Array.from({ length: 12 }, (_, i) => new Terminal(`t${i}`))
  p.step(ts.map(t => t.registerTx()))
  for (let k = 0; k < 5; k++) p.step(ts.filter((_, i) => (i + k) % 3 !== 0).map(t => t.updateTx()))
  p.step([makeRevocationTx(operator, NET, { terminalId: ts[3].id, opSeq: 1 }), ts[0].authRecordTx(ts[1], p.state.timestamp + 500)])
  const replay = genesisState(genesis)
  for (const { block } of p.blocks) apply(replay, decodeBlock(encodeBlock(block)))
  assert.deepEqual(replay.stateRoot(), p.state.stateRoot())
  assert.deepEqual(replay.lastHeaderHash, p.state.lastHeaderHash)
  for (const t of ts) assert.deepEqual(viewOf(replay, t.id), viewOf(p.state, t.id))

  const spec = p.state.clone()
  const before = p.state.stateRoot()
  const { block } = p.make([ts[1].updateTx()])
  const ex = executeBlock(p.state, block)
  assert.deepEqual(p.state.stateRoot(), before)
  assert.equal(ex.changed.length, 1)
  apply(spec, block)
  assert.deepEqual(spec.stateRoot(), block.header.stateRoot)
  assert.deepEqual(p.state.stateRoot(), before)
  assert.equal(spec.height, p.state.height + 1)
})

test('buildBlock + decodeTx expose request ids for de-duplication', () => {
  const p = new Producer()
  const a = new Terminal('a')
  const tx = a.registerTx()
  const d = decodeTx(tx)
  assert.equal(d.tx.type, TxType.Registration)
  assert.deepEqual(d.client, a.id)
  assert.equal(d.requestId, 1)
  const r = decodeTx(makeRevocationTx(operator, NET, { terminalId: a.id, opSeq: 5 }))
  assert.equal(r.client, 'operator')
  assert.equal(r.requestId, 5)
  assert.throws(() => decodeTx(Uint8Array.of(8, 1, 8, 1)), /non-canonical/)
  // decodings are remembered per byte array, and redone when the bytes changed in place
  assert.equal(decodeTx(tx), d)
  const sig = Buffer.from(d.signature)
  tx[tx.length - 1] ^= 1
  const d2 = decodeTx(tx)
  assert.notEqual(d2, d)
  assert.notDeepEqual(Buffer.from(d2.signature), sig)
  assert.notDeepEqual(d2.hash, d.hash)
  tx[tx.length - 1] ^= 1
  assert.deepEqual(decodeTx(tx).hash, d.hash)
  const { block, executed } = buildBlock(p.state, {
    view: 3, proposer: validatorKeys[1].publicKey, vrfProof: new Uint8Array(80), vrfSeed: new Uint8Array(64), timestamp: p.state.timestamp + 5, txs: [tx]
  })
  assert.equal(block.header.view, 3)
  assert.deepEqual(executed.headerHash, headerHash(block.header))
  const cert = makeCommitCertificate(block.header, validatorKeys.slice(1, 4).map(k => signCommit(k, block.header)))
  assert.ok(verifyCommitCertificate(block.header, cert, p.state.validators))
  assert.equal(Reason.Ok, apply(p.state, block).results[0].code)
  assert.deepEqual(certificateHash(p.state.getRecord(a.id)!.certificate!).length, 32)
})

test('commit certificates: quorum, duplicates, non-members, bad signatures, wrong header', () => {
  const p = new Producer()
  const { block } = p.make([])
  const h = block.header
  const sigs = validatorKeys.map(k => signCommit(k, h))
  const vs = p.state.validators
  assert.ok(verifyCommitCertificate(h, makeCommitCertificate(h, sigs.slice(0, 3)), vs))
  assert.ok(verifyCommitCertificate(h, makeCommitCertificate(h, sigs), vs))
  assert.ok(!verifyCommitCertificate(h, makeCommitCertificate(h, sigs.slice(0, 2)), vs))
  assert.ok(!verifyCommitCertificate(h, makeCommitCertificate(h, [sigs[0], sigs[0], sigs[1]]), vs))
  assert.ok(!verifyCommitCertificate(h, makeCommitCertificate(h, [...sigs.slice(0, 3), signCommit(keyOf('outsider'), h)]), vs))
  const bad = { ...sigs[2], signature: Uint8Array.from(sigs[2].signature) }
  bad.signature[0] ^= 1
  assert.ok(!verifyCommitCertificate(h, makeCommitCertificate(h, [sigs[0], sigs[1], bad as never]), vs))
  const other = { ...h, view: h.view + 1 }
  assert.ok(!verifyCommitCertificate(other, makeCommitCertificate(h, sigs), vs))
  assert.ok(!verifyCommitCertificate(h, { ...makeCommitCertificate(h, sigs), view: 9 }, vs))
})

test('commit certificates through a SignatureCache: cached votes are not verified again, bad ones still fail', () => {
  const p = new Producer()
  const { block } = p.make([])
  const h = block.header
  const sigs = validatorKeys.map(k => signCommit(k, h))
  const vs = p.state.validators
  const cache = new SignatureCache()
  let direct = 0
  const counting = { verify: (...a: Parameters<SignatureCache['verify']>) => { direct++; return cache.verify(...a) } }
  // the votes as a replica meets them: verified one by one on arrival (our own recorded unverified)
  cacheOwnCommitSignature(cache, h, sigs[0])
  assert.ok(verifyCommitSignature(h, sigs[1], cache) && verifyCommitSignature(h, sigs[2], cache))
  const before = cache.size
  assert.ok(verifyCommitCertificate(h, makeCommitCertificate(h, sigs.slice(0, 3)), vs, counting))
  assert.equal(direct, 3)
  assert.equal(cache.size, before, 'nothing new verified: all three were cached')
  const bad = { ...sigs[2], signature: Uint8Array.from(sigs[2].signature) }
  bad.signature[0] ^= 1
  assert.ok(!verifyCommitCertificate(h, makeCommitCertificate(h, [sigs[0], sigs[1], bad as never]), vs, cache))
  assert.ok(!verifyCommitCertificate({ ...h, view: h.view + 1 }, makeCommitCertificate(h, sigs), vs, cache))
})

test('pre-verified signatures (SignatureCache) give the same results and roots as direct verification', async () => {
  const { SignatureCache, preverifyTx, signaturesOf } = await import('../../../src/ledger/index.js')
  const p = new Producer()
  const ts = Array.from({ length: 4 }, (_, i) => new Terminal(`c${i}`))
  p.step(ts.map(t => t.registerTx()))
  const forged = makeChainUpdateTx(keyOf('mallory'), NET, { terminalId: ts[0].id, value: ts[0].nextValue(), requestId: 50 })
  const txs = [ts[0].updateTx(), ts[1].updateTx(), forged, makeRevocationTx(operator, NET, { terminalId: ts[2].id, opSeq: 1 })]
  const cache = new SignatureCache()
  assert.deepEqual(txs.map(t => preverifyTx(p.state, t, cache)), [true, true, false, true])
  assert.equal(signaturesOf(p.state, Uint8Array.of(1)).length, 0)
  assert.equal(cache.size, 3)
  const { block } = p.make(txs)
  const spec = p.state.clone()
  const a = apply(spec, block, { verifier: cache })
  const b = apply(p.state, block)
  assert.deepEqual(a.results, b.results)
  assert.deepEqual(codesOf(a.results), ['Ok', 'Ok', 'BadSignature', 'Ok'])
  assert.deepEqual(spec.stateRoot(), p.state.stateRoot())
})

test('hash-chain update may skip values a crashed terminal never revealed (bounded)', () => {
  const p = new Producer()
  const a = new Terminal('skipper', { chainLength: 3 * MAX_CHAIN_SKIP })
  p.step([a.registerTx()])
  // The terminal persisted its position past two values, then crashed: it reveals the third.
  a.pos -= 2
  const v = a.nextValue()
  assert.deepEqual(codesOf(p.step([a.updateTx()])), ['Ok'])
  assert.equal(p.state.getRecord(a.id)!.chainHeight, 3 * MAX_CHAIN_SKIP - 3)
  assert.deepEqual(p.state.getRecord(a.id)!.latestIdentityHash, v)
  // Beyond MAX_CHAIN_SKIP the value is refused.
  a.pos -= MAX_CHAIN_SKIP
  assert.deepEqual(codesOf(p.step([a.updateTx()])), ['InvalidChainValue'])
})
