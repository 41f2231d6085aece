import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { BlockError, commitBlock, executeBlock, headerHash, loadGenesis, makeCommitCertificate, toHex, viewOf } from '../../../src/ledger/index.js'
import { LedgerStore, StoreCorruptionError } from '../../../src/ledger/store.js'
import { genesis, genesisJson, Producer, Terminal } from './fixtures.js'

async function withDir (fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-store-'))
  try { await fn(dir) } finally { rmSync(dir, { recursive: true, force: true }) }
}

test('store: append, reopen, state and view restored; headers, blocks, certs, hash index, meta', async () => {
  await withDir(async (dir) => {
    const store = await LedgerStore.open(dir, genesis, { sync: false })
    assert.equal(store.head.height, 0)
    const p = new Producer(genesis, store.state)
    const ts = Array.from({ length: 7 }, (_, i) => new Terminal(`s${i}`))
    await store.appendBlock(p.make(ts.map(t => t.registerTx())).block, p.make(ts.map(t => t.registerTx())).cert).then(
      () => assert.fail('certificate for another block must be rejected'),
      (e: unknown) => assert.ok(e instanceof BlockError && /commit certificate/.test((e as Error).message))
    )
    for (const t of ts) t.requestId = 0
    let bc = p.make(ts.map(t => t.registerTx()))
    await store.appendBlock(bc.block, bc.cert)
    bc = p.make([ts[1].updateTx(), ts[2].updateTx()])
    await store.appendBlock(bc.block, bc.cert)
    assert.equal(store.head.height, 2)
    await store.putMeta('wallet/chain', Uint8Array.of(1, 2, 3))
    await store.putMeta('pbft/votes', Uint8Array.of(9))
    await store.deleteMeta('pbft/votes')
    await assert.rejects(store.putMeta('../bad key', Uint8Array.of(1)), /invalid meta key/)
    const root = store.state.stateRoot()
    const view = viewOf(store.state, ts[1].id)
    await store.close()

    const again = await LedgerStore.open(dir, genesis, { sync: false })
    assert.equal(again.head.height, 2)
    assert.deepEqual(again.state.stateRoot(), root)
    assert.deepEqual(viewOf(again.state, ts[1].id), view)
    assert.deepEqual(viewOf(again.state, ts[0].id)!.headerHash, headerHash((await again.getHeader(1))!))
    assert.deepEqual(await again.getMeta('wallet/chain'), Uint8Array.of(1, 2, 3))
    assert.equal(await again.getMeta('pbft/votes'), undefined)
    const h2 = (await again.getHeader(2))!
    assert.deepEqual(headerHash(h2), again.head.headerHash)
    assert.equal(await again.getHeightOf(again.head.headerHash), 2)
    assert.equal((await again.getBlock(1))!.txs.length, 7)
    assert.equal((await again.getCommitCertificate(2))!.signatures.length, 3)
    const results = (await again.getResults(1))!
    assert.equal(results.length, 7)
    assert.ok(results.every((r) => r.code === 0))
    assert.deepEqual((await again.getResults(2))!.map((r) => r.terminalId), [ts[1].id, ts[2].id])
    assert.equal(await again.getBlock(3), undefined)
    await again.verifyChain()
    // continue appending after reopen
    const p2 = new Producer(genesis, again.state)
    const b3 = p2.make([ts[3].updateTx()])
    await again.appendBlock(b3.block, b3.cert)
    assert.equal(again.head.height, 3)
    await again.close()

    await assert.rejects(LedgerStore.open(dir, loadGenesis({ ...genesisJson(), redundancy: 5 })), /different genesis/)
  })
})

test('store: corruption is reported clearly on open', async () => {
  await withDir(async (dir) => {
    const store = await LedgerStore.open(dir, genesis, { sync: false })
    const p = new Producer(genesis, store.state)
    const ts = Array.from({ length: 3 }, (_, i) => new Terminal(`c${i}`))
    const bc = p.make(ts.map(t => t.registerTx()))
    await store.appendBlock(bc.block, bc.cert)
    await store.close()
    // tamper with one record behind the store's back
    const ds = new LevelDatastore(dir)
    await ds.open()
    const key = '/ledger/record/00000001'
    const rec = (await ds.db.get(key))!
    const good = Uint8Array.from(rec)
    const bad = Uint8Array.from(rec)
    bad[bad.length - 1] ^= 1
    await ds.db.put(key, bad)
    await ds.close()
    await assert.rejects(LedgerStore.open(dir, genesis), (e: unknown) => e instanceof StoreCorruptionError && /state root|record/.test((e as Error).message))
    // remove the head block's certificate
    const ds2 = new LevelDatastore(dir)
    await ds2.open()
    await ds2.db.put(key, good)
    await ds2.db.del('/ledger/cert/' + (1).toString(16).padStart(16, '0'))
    await ds2.close()
    await assert.rejects(LedgerStore.open(dir, genesis), /missing commit certificate 1/)
    void toHex
    void makeCommitCertificate
  })
})

test('store: appendExecuted writes consecutive executed blocks as one batch; all or nothing', async () => {
  await withDir(async (dir) => {
    const store = await LedgerStore.open(dir, genesis, { sync: false })
    const st = store.state.clone()
    const p = new Producer(genesis, st)
    const ts = Array.from({ length: 4 }, (_, i) => new Terminal(`x${i}`))
    const items = []
    for (const txs of [ts.map(t => t.registerTx()), [ts[0].updateTx(), ts[1].updateTx()], [ts[2].updateTx()]]) {
      const bc = p.make(txs)
      const executed = executeBlock(st, bc.block)
      commitBlock(st, executed)
      items.push({ block: bc.block, cert: bc.cert, executed })
    }
    // a certificate of another block in the middle: nothing is written
    await assert.rejects(store.appendExecuted([items[0], { ...items[1], cert: items[2].cert }, items[2]]), /commit certificate/)
    assert.equal(store.head.height, 0)
    // not extending the store's head
    await assert.rejects(store.appendExecuted([items[1], items[2]]), /does not extend/)
    const results = await store.appendExecuted(items, { annex: true })
    assert.equal(results.length, 3)
    assert.deepEqual(results.map(r => r.annex!.height), [1, 2, 3])
    assert.equal(store.head.height, 3)
    assert.deepEqual(store.state.stateRoot(), st.stateRoot())
    await store.close()
    const again = await LedgerStore.open(dir, genesis, { sync: false })
    assert.equal(again.head.height, 3)
    assert.deepEqual(again.state.stateRoot(), st.stateRoot())
    assert.deepEqual((await again.getResults(2))!.map(r => r.terminalId), [ts[0].id, ts[1].id])
    await again.verifyChain()
    await again.close()
  })
})
