import { test } from 'node:test'
import assert from 'node:assert/strict'
import { genesisBlock, genesisState, genesisToJson, GenesisError, headerHash, loadGenesis } from '../../../src/ledger/index.js'
import { genesisJson, hex, validatorKeys } from './fixtures.js'

test('loadGenesis parses, defaults and round-trips; derivation is deterministic', () => {
  const g = loadGenesis(JSON.stringify(genesisJson()))
  assert.equal(g.networkId, 'gridauth-test')
  assert.equal(g.validators.length, 4)
  assert.deepEqual(g.batching, { maxTxPerBlock: 1000, windowMs: 50 })
  const again = loadGenesis(genesisToJson(g))
  assert.deepEqual(again.hash, g.hash)
  // key order in the JSON does not matter
  const reordered = Object.fromEntries(Object.entries(genesisJson()).reverse())
  assert.deepEqual(loadGenesis(reordered).hash, g.hash)
  assert.deepEqual(headerHash(genesisBlock(g).header), headerHash(genesisBlock(again).header))
  assert.deepEqual(genesisState(g).stateRoot(), genesisState(again).stateRoot())
  const d = loadGenesis({ ...genesisJson(), certificateValidityMs: undefined, accessWindowMs: undefined })
  assert.equal(d.accessWindowMs, 30_000)
  // any parameter change changes the genesis hash and the state root
  const r3 = loadGenesis({ ...genesisJson(), redundancy: 3 })
  assert.notDeepEqual(r3.hash, g.hash)
  assert.notDeepEqual(genesisState(r3).stateRoot(), genesisState(g).stateRoot())
})

test('loadGenesis rejects invalid files with clear errors', () => {
  const bad: Array<[unknown, RegExp]> = [
    ['{not json', /not valid JSON/],
    [[], /top level must be a JSON object/],
    [{ ...genesisJson(), networkId: '' }, /networkId/],
    [{ ...genesisJson(), networkId: 'bad id!' }, /networkId/],
    [{ ...genesisJson(), operatorPublicKey: 'zz' }, /operatorPublicKey.*hex/],
    [{ ...genesisJson(), operatorPublicKey: 'abcd' }, /operatorPublicKey.*32 bytes/],
    [{ ...genesisJson(), validators: [] }, /validator set is empty/],
    [{ ...genesisJson(), validators: 'x' }, /"validators" must be an array/],
    [{ ...genesisJson(), validators: [{ publicKey: hex(validatorKeys[0].publicKey), address: 'a' }, { publicKey: hex(validatorKeys[0].publicKey), address: 'b' }] }, /duplicate public key/],
    [{ ...genesisJson(), validators: [{ publicKey: hex(validatorKeys[0].publicKey), address: '' }] }, /address/],
    [{ ...genesisJson(), redundancy: -1 }, /redundancy/],
    [{ ...genesisJson(), redundancy: 1.5 }, /redundancy/],
    [{ ...genesisJson(), hashChainLength: 1 }, /hashChainLength/],
    [{ ...genesisJson(), vrfSeed: 'ab' }, /vrfSeed.*32-64 bytes/],
    [{ ...genesisJson(), timeouts: { requestMs: 'x' } }, /timeouts\.requestMs/],
    [{ ...genesisJson(), version: 2 }, /version/],
    [{ ...genesisJson(), redundnacy: 2 }, /unknown field "redundnacy"/],
    [{ ...genesisJson(), hashChainLength: undefined }, /missing "hashChainLength"/]
  ]
  for (const [input, re] of bad) {
    assert.throws(() => loadGenesis(typeof input === 'string' ? input : JSON.stringify(input)), (e: unknown) => e instanceof GenesisError && re.test((e as Error).message), String(re))
  }
})
