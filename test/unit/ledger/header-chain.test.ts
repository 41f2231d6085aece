import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HeaderChain } from '../../../src/ledger/header-chain.js'
import { headerHash, toHex, makeValidatorSetTx, makeCommitCertificate, signCommit, quorumSize } from '../../../src/ledger/index.js'
import { genesis, operator, keyOf, NET, Producer, Terminal, validatorKeys } from './fixtures.js'

test('header chain follows certified headers and rejects forged, unlinked or foreign ones', () => {
  const p = new Producer()
  const ts = [new Terminal('h1'), new Terminal('h2')]
  p.step(ts.map((t) => t.registerTx()))
  p.step([ts[0].updateTx()])
  p.step([ts[1].updateTx()])
  const chain = new HeaderChain(genesis)
  assert.equal(chain.height, 0)
  // out of order
  assert.deepEqual(chain.accept(p.blocks[1].block.header!, p.blocks[1].cert).ok, false)
  for (const { block, cert } of p.blocks) assert.deepEqual(chain.accept(block.header!, cert), { ok: true })
  assert.equal(chain.height, 3)
  assert.equal(chain.heightOf(toHex(headerHash(p.blocks[1].block.header!))), 2)

  // A certificate signed by too few validators, or by outsiders, is refused.
  const next = p.make([ts[0].updateTx()])
  const weak = makeCommitCertificate(next.block.header!, validatorKeys.slice(0, quorumSize(4) - 1).map((k) => signCommit(k, next.block.header!)))
  assert.equal((chain.accept(next.block.header!, weak) as { reason: string }).reason, 'bad-certificate')
  const outsiders = [0, 1, 2].map((i) => keyOf(`outsider-${i}`))
  const forged = makeCommitCertificate(next.block.header!, outsiders.map((k) => signCommit(k, next.block.header!)))
  assert.equal((chain.accept(next.block.header!, forged) as { reason: string }).reason, 'bad-certificate')
  // A tampered header no longer matches its certificate.
  const tampered = { ...next.block.header!, stateRoot: new Uint8Array(32) }
  assert.equal((chain.accept(tampered, next.cert) as { reason: string }).reason, 'bad-certificate')
  assert.deepEqual(chain.accept(next.block.header!, next.cert), { ok: true })
})

test('header chain needs the body to follow a validator-set change, then uses the new set', () => {
  const p = new Producer()
  const newKeys = [0, 1, 2, 3].map((i) => keyOf(`new-validator-${i}`))
  const change = makeValidatorSetTx(operator, NET, { validators: newKeys.map((k, i) => ({ publicKey: k.publicKey as Uint8Array<ArrayBuffer>, address: `/ip4/127.0.0.1/tcp/${7000 + i}` })), opSeq: 1 })
  const results = p.step([change])
  assert.equal(results[0].code, 0, 'validator set change applied')
  const chain = new HeaderChain(genesis)
  const { block, cert } = p.blocks[0]
  assert.equal((chain.accept(block.header!, cert) as { reason: string }).reason, 'need-body')
  assert.deepEqual(chain.acceptBlock(block, cert), { ok: true })
  assert.deepEqual(chain.currentValidators.map((v) => toHex(v.publicKey)), newKeys.map((k) => toHex(k.publicKey)))
  // The next block must be certified by the new set.
  p.keys = newKeys
  const b2 = p.make([])
  const oldCert = makeCommitCertificate(b2.block.header!, validatorKeys.slice(0, 3).map((k) => signCommit(k, b2.block.header!)))
  assert.equal((chain.accept(b2.block.header!, oldCert) as { reason: string }).reason, 'bad-certificate')
  assert.deepEqual(chain.accept(b2.block.header!, b2.cert), { ok: true })
})

test('header chain holds only its window of recent headers in memory, and still follows the chain', () => {
  const p = new Producer()
  const t = new Terminal('w1')
  p.step([t.registerTx()])
  for (let i = 0; i < 5; i++) p.step([t.updateTx()])
  const chain = new HeaderChain(genesis, 3)
  for (const { block, cert } of p.blocks) assert.deepEqual(chain.accept(block.header!, cert), { ok: true })
  assert.equal(chain.height, 6)
  assert.equal(chain.oldest, 4, 'the last 3 headers are held')
  for (const h of [0, 1, 2, 3]) assert.equal(chain.header(h), undefined, `header ${h} is out of the window`)
  for (const h of [4, 5, 6]) assert.equal(chain.header(h)!.height, h)
  assert.equal(chain.heightOf(toHex(headerHash(p.blocks[0].block.header!))), undefined)
  assert.equal(chain.heightOf(toHex(headerHash(p.blocks[5].block.header!))), 6)
  assert.equal(chain.head.height, 6)
  assert.throws(() => new HeaderChain(genesis, 0), RangeError)
})
