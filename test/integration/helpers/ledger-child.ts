// Child process for ledger tests.
//   replay <genesis.json> <blocks.bin>...  apply length-prefixed blocks from genesis, print JSON
//                                          [{ roots: [hex...], heads: [hex...] }] (one per file)
//   writer <dir> <genesis.json>            open the store and append blocks forever (crash test);
//                                          prints "height <h>" after each block
import { readFileSync } from 'node:fs'
import { apply, decodeBlock, genesisState, loadGenesis, toHex, type LedgerState } from '../../../src/ledger/index.js'
import { LedgerStore } from '../../../src/ledger/store.js'
import { makeChainUpdateTx } from '../../../src/ledger/tx.js'
import { NET, Producer, Terminal } from '../../unit/ledger/fixtures.js'

export function readBlocks (bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = []
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let off = 0; off < bytes.length;) {
    const n = dv.getUint32(off)
    out.push(bytes.subarray(off + 4, off + 4 + n))
    off += 4 + n
  }
  return out
}

export function writeBlocks (blocks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(blocks.reduce((a, b) => a + 4 + b.length, 0))
  const dv = new DataView(out.buffer)
  let off = 0
  for (const b of blocks) { dv.setUint32(off, b.length); out.set(b, off + 4); off += 4 + b.length }
  return out
}

const TERMINALS = 60
const CHAIN = 5
const terminals = Array.from({ length: TERMINALS }, (_, i) => new Terminal(`w${i}`, { chainLength: CHAIN }))

/** Deterministic next transactions for the crash writer, derived from the state only. */
export function nextTxs (state: LedgerState): Uint8Array[] {
  const txs: Uint8Array[] = []
  for (let k = 0; k < 3; k++) {
    const t = terminals[(state.height * 3 + k) % TERMINALS]
    const rec = state.getRecord(t.id)
    if (rec === undefined) {
      t.requestId = 0
      t.epoch = 0
      t.newChain(CHAIN)
      txs.push(t.registerTx())
      continue
    }
    // rebuild the terminal's chain for its epoch; position and request id from the ledger
    t.epoch = rec.chainEpoch
    t.newChain(rec.chainLength)
    t.pos = rec.chainHeight
    t.requestId = rec.lastRequestId
    if (rec.chainHeight <= 1) {
      txs.push(t.renewTx(CHAIN))
    } else {
      txs.push(t.updateTx())
      // and a replay of the value just published: always a failure record
      txs.push(makeChainUpdateTx(t.key, NET, { terminalId: t.id, value: rec.latestIdentityHash, requestId: t.requestId + 1 }))
    }
  }
  return txs
}

async function main (): Promise<void> {
  const [mode, ...args] = process.argv.slice(2)
  if (mode === 'replay') {
    const g = loadGenesis(readFileSync(args[0], 'utf8'))
    const out = args.slice(1).map(f => {
      const s = genesisState(g)
      const roots: string[] = []
      const heads: string[] = []
      for (const b of readBlocks(readFileSync(f))) {
        apply(s, decodeBlock(b))
        roots.push(toHex(s.stateRoot()))
        heads.push(toHex(s.lastHeaderHash))
      }
      return { roots, heads }
    })
    process.stdout.write(JSON.stringify(out))
  } else if (mode === 'writer') {
    const g = loadGenesis(readFileSync(args[1], 'utf8'))
    const store = await LedgerStore.open(args[0], g)
    const p = new Producer(g, store.state)
    for (;;) {
      const bc = p.make(nextTxs(store.state), 1000)
      await store.appendBlock(bc.block, bc.cert)
      await store.putMeta('writer/last', Uint8Array.from(Buffer.from(String(store.head.height))))
      process.stdout.write(`height ${store.head.height}\n`)
    }
  } else {
    throw new Error(`unknown mode ${mode}`)
  }
}

if (process.argv[1]?.endsWith('ledger-child.js') === true) {
  main().catch(err => { console.error(err); process.exit(1) })
}
