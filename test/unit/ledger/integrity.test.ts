import { test } from 'node:test'
import assert from 'node:assert/strict'
import { encodeBlock, encodeHeader, decodeBlock, decodeHeader } from '../../../src/ledger/block.js'
import { scanStoredChain, type StoredChain } from '../../../src/ledger/integrity.js'
import { genesis, Producer, Terminal } from './fixtures.js'
import { genesisBlock, genesisState } from '../../../src/ledger/state.js'

/** An in-memory stored chain of `n` blocks after genesis (a few transactions each). */
function chainOf (n: number): { headers: Uint8Array[], blocks: Uint8Array[], store: StoredChain } {
  const state = genesisState(genesis)
  const p = new Producer(genesis, state)
  const ts = Array.from({ length: 3 }, (_, i) => new Terminal(`t${i}`))
  const g = genesisBlock(genesis)
  const blocks = [encodeBlock(g)]
  for (let h = 1; h <= n; h++) { p.step(h === 1 ? ts.map((t) => t.registerTx()) : [ts[h % 3].updateTx()]); blocks.push(encodeBlock(p.blocks.at(-1)!.block)) }
  const headers = blocks.map((b) => encodeHeader(decodeBlock(b).header!))
  const store: StoredChain = {
    head: { height: n },
    getHeaderBytes: async (h) => headers[h],
    getBlockBytes: async (h) => blocks[h]
  }
  return { headers, blocks, store }
}

const go = async (): Promise<boolean> => true

test('integrity scan: an intact chain is verified down to genesis, in chunks', async () => {
  const { store } = chainOf(10)
  let pauses = 0
  assert.deepEqual(await scanStoredChain(store, 10, async () => { pauses++; return true }, 4), { checkedDownTo: 0 })
  assert.ok(pauses >= 2)
  assert.deepEqual(await scanStoredChain(store, 10, async () => false, 4), { checkedDownTo: 8 }, 'stopped by the caller')
})

test('integrity scan: an altered block, header or a missing one is named', async () => {
  let c = chainOf(6)
  const b = decodeBlock(c.blocks[3])
  b.txs = b.txs.slice(1)
  c.blocks[3] = encodeBlock(b)
  assert.deepEqual((await scanStoredChain(c.store, 6, go)).corrupt?.height, 3)

  c = chainOf(6)
  const h = decodeHeader(c.headers[2])
  h.timestamp += 1
  c.headers[2] = encodeHeader(h)
  const r = await scanStoredChain(c.store, 6, go)
  assert.equal(r.corrupt?.height, 2)
  assert.match(r.corrupt!.reason, /does not link/)

  c = chainOf(6)
  const hb = decodeBlock(c.blocks[5])
  hb.header!.timestamp += 1
  c.blocks[5] = encodeBlock(hb)
  assert.match((await scanStoredChain(c.store, 6, go)).corrupt!.reason, /block 5 does not match its header/)

  c = chainOf(6)
  c.blocks[1] = Uint8Array.of(0xff, 0xff, 0xff)
  assert.match((await scanStoredChain(c.store, 6, go)).corrupt!.reason, /block 1 does not decode/)
  c = chainOf(6)
  c.blocks.length = 4
  assert.deepEqual((await scanStoredChain(c.store, 6, go)).corrupt, { height: 6, reason: 'block or header 6 missing' })
})
