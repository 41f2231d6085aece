// Ledger blocks for skip-graph tests: a short chain from the test genesis, encoded.
import { Producer, Terminal } from '../ledger/fixtures.js'
import { encodeBlock, headerHash } from '../../../src/ledger/index.js'

export function makeBlocks(n: number): Array<{ hash: string, bytes: Uint8Array }> {
  const p = new Producer()
  const out: Array<{ hash: string, bytes: Uint8Array }> = []
  for (let i = 0; i < n; i++) {
    p.step([new Terminal(`sg-${i}`).registerTx()])
    const b = p.blocks[p.blocks.length - 1].block
    out.push({ hash: Buffer.from(headerHash(b.header)).toString('hex'), bytes: encodeBlock(b) })
  }
  return out
}
