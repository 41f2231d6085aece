// Issue 6 item 3: B finds A's latest record through the skip graph. The block that last touched
// A is stored (r = 0: on exactly two nodes) by two storage terminals the test enrolls next to the
// block's key; one serves an altered record annex, the other a stale one (A's record from before
// that block, with its genuine proof). B refuses both, counts them, falls back to a validator,
// and authenticates A correctly; afterwards B's lookups come from the skip graph and, while A
// does not change, from its cache with no network at all.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import { Network, type Terminal } from '../../src/mesh/network.js'
import { startNode, waitFor } from '../../src/mesh/processes.js'
import { callNode } from '../../src/cli/control-client.js'
import { auth, cli, host, teardown } from './helpers/network-test.js'
import { RpcEndpoint } from '../../src/net/rpc.js'
import { ChainRequest, ChainResponse } from '../../src/wire/chain.js'
import { CHAIN_PROTOCOL } from '../../src/chain/chain-component.js'
import { BLOCKS_PROTOCOL } from '../../src/skipgraph/service/service.js'
import { ANNEX_PREFIX } from '../../src/skipgraph/service/store.js'
import { fromHex, toHex, decodeRecord, encodeRecord, decodeRecordProof, decodeAnnex, encodeAnnex, type RecordAnnex } from '../../src/ledger/index.js'

// r = 0: every block on exactly two nodes (the predecessor of its key and the next one), so the
// two storage terminals placed around a block's key hold it alone. Fast audits: holders hand
// blocks over within seconds.
const START = ['--set', 'skipgraph.redundancy=0']
const ENV = { SKIPGRAPH_TIMERS: 'audit=2000' }
let net: Network

before(async () => {
  net = await Network.create({ validators: 4, terminals: 2, startArgs: START, env: ENV })
})

after(async () => { await teardown(net) })

const control = async <T>(dir: string, method: string, params: Record<string, unknown> = {}): Promise<T> => await callNode<T>(join(dir, 'control.sock'), method, params, 60_000)
interface SgInfo { state: string, blocks: string[], annexes: string[] }
interface ViewRow { headerHash: string, height: number, latestIdentityHash: string, revoked: boolean, source: string, provenAt: number }
const ring = (hex: string, d: bigint): string => ((BigInt(`0x${hex}`) + d + (1n << 256n)) % (1n << 256n)).toString(16).padStart(64, '0')

test('storage nodes serving an altered or a stale record annex are caught; B authenticates A, then reads from the skip graph and its cache', async () => {
  const [x, y] = net.terminals
  for (const t of [x, y]) {
    assert.equal((await cli<{ registered: boolean }>(t, ['register'])).registered, true)
  }
  const validatorDir = join(net.root, 'validator-0')
  // x's record as of its registration, with its genuine proof: the stale record served later.
  const reader = await host()
  await reader.dial(multiaddr(net.validators[0].addr))
  const ep = new RpcEndpoint(reader, CHAIN_PROTOCOL, {})
  await ep.start()
  const old = ChainResponse.decode(await ep.request(peerIdFromString(net.validators[0].peerId), ChainRequest.encode({ kind: 2, from: 0, max: 0, terminalId: fromHex(x.terminalId) as Uint8Array<ArrayBuffer>, height: 0 })))
  const oldRecord = decodeRecord(old.record)
  await ep.stop()
  for (const t of [x, y]) assert.equal((await cli<{ granted: boolean }>(t, ['access', '--resource', 'feeder-1'])).granted, true)
  // The block holding x's latest record (its access grant), from a validator's view.
  const [xv] = await cli<ViewRow[]>(validatorDir, ['view', x.terminalId])
  assert.ok(xv.height > oldRecord.lastUpdateHeight)
  const target = xv.headerHash

  // Two storage terminals enrolled just around the block's key: its whole replica set.
  const liars: Terminal[] = []
  for (const [i, d] of [[1, -1n], [2, 1n]] as const) {
    const t = await net.addTerminal(`storage-${i}`, { enrollArgs: ['--skip-key', ring(target, d)] })
    assert.equal((await cli<{ registered: boolean }>(t, ['register'])).registered, true)
    assert.equal((await cli<{ granted: boolean }>(t, ['access'])).granted, true)
    liars.push(t)
  }
  // They take the block and its annex over; every former holder drops its copy.
  const others = [...net.validators.map((v) => v.dataDir), x.dir, y.dir]
  await waitFor('the storage terminals to hold the block and its annex', async () => {
    const infos = await Promise.all(liars.map(async (l) => await control<SgInfo>(l.dir, 'skipgraph.info')))
    return infos.every((i) => i.state === 'joined' && i.blocks.includes(target) && i.annexes.includes(target))
  }, 90_000, 500)
  await waitFor('the former holders to drop the block', async () => {
    const infos = await Promise.all(others.map(async (d) => await control<SgInfo>(d, 'skipgraph.info')))
    return infos.every((i) => !i.blocks.includes(target))
  }, 90_000, 500)
  // The x view on y is untouched so far: y has no cached record of x.

  // Both turn liar: stopped, their stored annex rewritten, started again.
  for (const l of liars) await l.node.stop('SIGKILL')
  const rewrite = async (dir: string, f: (a: RecordAnnex) => RecordAnnex): Promise<void> => {
    const ds = new LevelDatastore(join(dir, 'store'))
    await ds.open()
    const k = new Key(ANNEX_PREFIX + target)
    await ds.put(k, encodeAnnex(f(decodeAnnex(await ds.get(k)))))
    await ds.close()
  }
  const isX = (e: RecordAnnex['entries'][number]): boolean => toHex(decodeRecord(e.record).terminalId) === x.terminalId
  await rewrite(liars[0].dir, (a) => ({
    ...a,
    entries: a.entries.map((e) => isX(e) ? { ...e, record: encodeRecord({ ...decodeRecord(e.record), latestIdentityHash: new Uint8Array(32).fill(0xee) as Uint8Array<ArrayBuffer> }) as Uint8Array<ArrayBuffer> } : e)
  }))
  await rewrite(liars[1].dir, (a) => ({
    ...a,
    entries: a.entries.map((e) => isX(e) ? { record: old.record, proof: decodeRecordProof(old.proof) } : e)
  }))
  for (const l of liars) {
    l.node = await startNode(l.dir, ['--genesis', net.genesis, '--enrollment', join(net.root, `${l.name}.enrollment.json`), '--bootstrap', net.introducer, ...START], { env: ENV })
  }
  await waitFor('the liars to rejoin the skip graph', async () => {
    const infos = await Promise.all(liars.map(async (l) => await control<SgInfo>(l.dir, 'skipgraph.info').catch(() => undefined)))
    return infos.every((i) => i?.state === 'joined')
  }, 120_000, 500)
  await waitFor('y to place the block on the two liars', async () => {
    const c = await control<{ replicas: Array<{ id: string }> }>(y.dir, 'skipgraph.copies', { hash: target }).catch(() => undefined)
    const ids = c?.replicas.map((r) => r.id) ?? []
    return ids.length === 2 && liars.every((l) => ids.includes(l.peerId))
  }, 120_000, 500)

  const rejected = async (reason: string): Promise<number> => {
    const s = await cli<{ rejected: Array<{ protocol: string, reason: string, count: number }> }>(y, ['status'])
    return s.rejected.filter((r) => r.protocol === BLOCKS_PROTOCOL && r.reason === reason).reduce((n, r) => n + r.count, 0)
  }
  assert.equal(await rejected('bad-record-proof'), 0)
  assert.equal(await rejected('stale-record'), 0)
  // x authenticates to y: y asks the liars first (both refused and counted), then a validator.
  const first = await auth(x, [y.node.addr])
  assert.equal(first.accepted, true, JSON.stringify(first))
  const altered = await rejected('bad-record-proof')
  const stale = await rejected('stale-record')
  assert.ok(altered >= 1, 'the altered annex was refused and counted')
  assert.ok(stale >= 1, 'the stale annex was refused and counted')

  // x's spent value is recorded (a new block touches x; nothing else touches x from here on);
  // once that block's annex is on its replicas, y reads x from the skip graph, then from its
  // cache while x does not change.
  const [after] = await waitFor('x\'s chain update to commit', async () => {
    const v = await cli<ViewRow[]>(validatorDir, ['view', x.terminalId])
    return v[0].height > xv.height ? v : undefined
  }, 60_000, 300)
  const all = [...others, ...liars.map((l) => l.dir)]
  await waitFor('the new block\'s annex to be stored', async () => {
    const infos = await Promise.all(all.map(async (d) => await control<SgInfo>(d, 'skipgraph.info')))
    return infos.filter((i) => i.annexes.includes(after.headerHash)).length === 2
  }, 60_000, 300)
  await waitFor('y to follow the chain that far', async () => (await control<{ height: number }>(y.dir, 'chain.head')).height >= after.height, 30_000, 200)
  const [fromSg] = await cli<ViewRow[]>(y, ['view', x.terminalId])
  assert.equal(fromSg.source, 'skipgraph', JSON.stringify(fromSg))
  assert.equal(fromSg.height, after.height)
  assert.equal(fromSg.latestIdentityHash, after.latestIdentityHash)
  const [warm] = await cli<ViewRow[]>(y, ['view', x.terminalId])
  assert.equal(warm.source, 'cache', JSON.stringify(warm))
  assert.equal(warm.latestIdentityHash, after.latestIdentityHash)
  // The next authentication goes through too; the lies were counted once per lookup of block t.
  assert.equal((await auth(x, [y.node.addr])).accepted, true)
  assert.equal(await rejected('bad-record-proof'), altered)
  assert.equal(await rejected('stale-record'), stale)
})
