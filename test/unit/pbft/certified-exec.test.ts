// LedgerApp's execution of committed (certified) blocks: signatures are not checked first, the
// roots in the certified header are (see executeCertified in src/consensus/ledger-app.ts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { executeCertified } from '../../../src/consensus/ledger-app.js'
import { apply, directVerifier, executeBlock, type SignatureVerifier } from '../../../src/ledger/index.js'
import { genesis, keyOf, Producer, Terminal } from '../ledger/fixtures.js'

test('certified block execution: same result as checking every signature, also when a tx was refused for its signature', () => {
  const p = new Producer(genesis)
  const ts = Array.from({ length: 3 }, (_, i) => new Terminal(`ce${i}`))
  p.step(ts.map(t => t.registerTx()))
  let checked = 0
  const counting: SignatureVerifier = { verify: (...a) => { checked++; return directVerifier.verify(...a) } }

  // an ordinary block: no signature checked at all, and the same executed block
  const ok = p.make([ts[0].updateTx(), ts[1].updateTx()])
  const ref = executeBlock(p.state, ok.block)
  const fast = executeCertified(p.state, ok.block, counting)
  assert.equal(checked, 0)
  assert.deepEqual(fast.stateRoot, ref.stateRoot)
  assert.deepEqual(fast.results, ref.results)
  apply(p.state, ok.block)

  // a registration signed by a key that is not the terminal's: the validators refused it
  const bad = ts[2].registerTx({ signer: keyOf('someone-else') })
  const withBad = p.make([bad, ts[0].updateTx()])
  const ref2 = executeBlock(p.state, withBad.block)
  assert.notEqual(ref2.results[0].code, 0, 'refused by the validators that checked it')
  assert.throws(() => executeBlock(p.state, withBad.block, { verifier: { verify: () => true } }), /root does not match/)
  const fast2 = executeCertified(p.state, withBad.block, counting)
  assert.ok(checked > 0, 'executed again with signatures checked')
  assert.deepEqual(fast2.results, ref2.results)
  assert.deepEqual(fast2.stateRoot, ref2.stateRoot)
})
