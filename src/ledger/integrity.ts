// Integrity scan of a stored chain, newest block first: every block matches its stored header
// (header hash and transaction root) and every header links to the one before it. Opening a store
// checks only its head (cheap at every start); this walks the rest in the background, so a block
// altered on disk deep in the chain is found without making the start O(chain).
import { bytesEqual, merkleRoot } from '../crypto/merkle.js'
import { decodeBlock, decodeHeader } from './block.js'
import { headerHash } from './codec.js'

export interface StoredChain {
  readonly head: { height: number }
  getHeaderBytes: (height: number) => Promise<Uint8Array | undefined>
  getBlockBytes: (height: number) => Promise<Uint8Array | undefined>
}

export interface ScanResult {
  /** Lowest height checked (0 when the whole chain was). */
  checkedDownTo: number
  /** The first damage found, or undefined. */
  corrupt?: { height: number, reason: string }
}

/**
 * Checks heights `from` down to 0. `pause` runs between chunks of `chunk` blocks (the caller
 * yields to the event loop there, or stops the scan by returning false).
 */
export async function scanStoredChain(store: StoredChain, from: number, pause: () => Promise<boolean>, chunk = 64): Promise<ScanResult> {
  let next: Uint8Array | undefined // hash that header h must have (prev_hash of header h + 1)
  for (let h = from; h >= 0; h--) {
    if ((from - h) % chunk === chunk - 1 && !await pause()) return { checkedDownTo: h + 1 }
    const bad = (reason: string): ScanResult => ({ checkedDownTo: h, corrupt: { height: h, reason } })
    const hb = await store.getHeaderBytes(h)
    const bb = await store.getBlockBytes(h)
    if (hb === undefined || bb === undefined) return bad(`block or header ${h} missing`)
    let header, block
    try {
      header = decodeHeader(hb)
      block = decodeBlock(bb)
    } catch (err) {
      return bad(`block ${h} does not decode: ${(err as Error).message}`)
    }
    const hh = headerHash(header)
    if (header.height !== h) return bad(`header ${h} claims height ${header.height}`)
    if (next !== undefined && !bytesEqual(hh, next)) return bad(`header ${h} does not link to header ${h + 1}`)
    if (!bytesEqual(headerHash(block.header!), hh)) return bad(`block ${h} does not match its header`)
    if (!bytesEqual(merkleRoot(block.txs), header.txRoot)) return bad(`block ${h}: transactions do not match the header's root`)
    next = header.prevHash
  }
  return { checkedDownTo: 0 }
}
