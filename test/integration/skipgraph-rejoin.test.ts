// An introducer (a node without bootstrap peers) that restarts rejoins the graph it started
// through the other members (SkipGraphOptions.rejoin), instead of starting a second graph: the
// testbed's primary-killed scenario restarted v0 (every node's introducer) and it stayed alone
// in a graph of its own for the rest of the session, publishing its blocks there (0 of 6 copies
// in the real graph until the other validators republished them).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { MemoryDatastore } from 'datastore-core'
import { createHost } from '../helpers/libp2p.js'
import { SkipGraphService, MemoryBlockStore, MEMBER_KEY } from '../../src/skipgraph/service/index.js'
import { waitFor } from '../helpers/cli.js'

const opts = { tickMs: 300, stabilizeMs: 800, auditMs: 60_000, searchTimeoutMs: 2_000 }
const hosts: Libp2p[] = []
const svcs: SkipGraphService[] = []

after(async () => {
  await Promise.all(hosts.map(async (h) => { try { await h.stop() } catch {} }))
  await Promise.all(svcs.map(async (s) => { await s.stop().catch(() => {}) }))
})

async function node(bootstrap: string[], rejoin: string[], ds: MemoryDatastore, privateKey?: PrivateKey): Promise<SkipGraphService> {
  const h = await createHost(privateKey === undefined ? {} : { privateKey })
  const s = new SkipGraphService({ ...opts, bootstrap, rejoin, store: new MemoryBlockStore() })
  await s.start({ libp2p: h, datastore: ds })
  hosts.push(h)
  svcs.push(s)
  return s
}

test('a restarted introducer rejoins the existing graph; a first start still starts one', async () => {
  const key = await generateKeyPair('Ed25519')
  const ds = new MemoryDatastore()
  // First start: nobody else exists yet, and the node was never in a graph: it starts one at once.
  const a = await node([], [], ds, key)
  assert.equal(a.state, 'joined')
  assert.ok(await ds.has(MEMBER_KEY))
  const intro = hosts[0].getMultiaddrs()[0].toString()
  const others = [await node([intro], [], new MemoryDatastore()), await node([intro], [], new MemoryDatastore()), await node([intro], [], new MemoryDatastore())]
  await waitFor('all joined', () => others.every((s) => s.state === 'joined'), 10_000, 100)
  const rejoin = others.map((s, i) => `${hosts[i + 1].getMultiaddrs()[0].toString()}`)

  // Crash the introducer; restart it from the same datastore and key, without bootstrap peers.
  await hosts[0].stop()
  const a2 = await node([], rejoin, ds, key)
  await waitFor('restarted introducer joined', () => a2.state === 'joined', 20_000, 100)
  // It is in the one graph: everyone finds the same node for every member's key, itself included.
  await waitFor('one graph again', async () => {
    for (const target of [a2, ...others]) {
      const want = target.self.id
      for (const s of [a2, ...others]) {
        const r = await s.search(target.self.key).catch(() => undefined)
        if (r?.node.id !== want) return false
      }
    }
    return true
  }, 20_000, 300).catch(async (err) => {
    for (const s of [a2, ...others]) console.log(s.self.id.slice(-6), s.state, JSON.stringify((s.info().levels as any[]).map((l: any) => [l.left.map((x: any) => x.id.slice(-6)), l.right.map((x: any) => x.id.slice(-6))])))
    throw err
  })
})
