// /gridauth/blocks/1.0.0 bodies (BlockRequest / BlockResponse), validated.
import { BlockRequest, BlockResponse, BlockOp } from '../../wire/blocks.js'
import { MalformedError } from './codec.js'
import { MAX_ANNEX_BYTES } from '../../ledger/view.js'

/** Largest block this protocol carries (bytes). Ledger blocks may be up to 16 MiB in theory
 * (MAX_BLOCK_BYTES); gridauth blocks are batches of small transactions, so the store/fetch
 * protocol caps them at 4 MiB and the frame limit is set just above. */
export const MAX_BLOCK_BYTES_WIRE = 4 * 1024 * 1024
/** A block's record annex rides with it in STORE (ledger MAX_ANNEX_BYTES, 2 MiB). */
export const MAX_ANNEX_BYTES_WIRE = MAX_ANNEX_BYTES
export const MAX_BLOCKS_FRAME_BYTES = MAX_BLOCK_BYTES_WIRE + MAX_ANNEX_BYTES_WIRE + 4096
/** Hashes in one HAS request. */
export const MAX_HAS_HASHES = 1024

export type BlockReq =
  | { op: 'store', hash: Uint8Array, block: Uint8Array, annex?: Uint8Array }
  | { op: 'fetch', hash: Uint8Array, annex?: boolean }
  | { op: 'has', hashes: Uint8Array[] }

export function encodeBlockReq(r: BlockReq): Uint8Array {
  switch (r.op) {
    case 'store': return BlockRequest.encode({ op: BlockOp.STORE, hashes: [r.hash as Uint8Array<ArrayBuffer>], block: r.block as Uint8Array<ArrayBuffer>, annex: (r.annex ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>, wantAnnex: false })
    case 'fetch': return BlockRequest.encode({ op: BlockOp.FETCH, hashes: [r.hash as Uint8Array<ArrayBuffer>], block: new Uint8Array(0), annex: new Uint8Array(0), wantAnnex: r.annex === true })
    case 'has': return BlockRequest.encode({ op: BlockOp.HAS, hashes: r.hashes as Array<Uint8Array<ArrayBuffer>>, block: new Uint8Array(0), annex: new Uint8Array(0), wantAnnex: false })
  }
}

export function decodeBlockReq(b: Uint8Array): BlockReq {
  let w: BlockRequest
  try {
    w = BlockRequest.decode(b, { limits: { hashes: MAX_HAS_HASHES } })
  } catch (err) {
    throw new MalformedError(`undecodable: ${(err as Error).message}`)
  }
  if (w.hashes.some((h) => h.byteLength !== 32)) throw new MalformedError('hashes must be 32 bytes')
  if (w.block.byteLength > MAX_BLOCK_BYTES_WIRE) throw new MalformedError('block too large')
  if (w.annex.byteLength > MAX_ANNEX_BYTES_WIRE) throw new MalformedError('annex too large')
  if (w.op !== BlockOp.STORE && w.annex.byteLength > 0) throw new MalformedError('only store carries an annex')
  if (w.op !== BlockOp.FETCH && w.wantAnnex) throw new MalformedError('only fetch asks for an annex')
  switch (w.op) {
    case BlockOp.STORE:
      if (w.hashes.length !== 1 || w.block.byteLength === 0) throw new MalformedError('store needs one hash and a block')
      return w.annex.byteLength > 0 ? { op: 'store', hash: w.hashes[0], block: w.block, annex: w.annex } : { op: 'store', hash: w.hashes[0], block: w.block }
    case BlockOp.FETCH:
      if (w.hashes.length !== 1) throw new MalformedError('fetch needs one hash')
      return w.wantAnnex ? { op: 'fetch', hash: w.hashes[0], annex: true } : { op: 'fetch', hash: w.hashes[0] }
    case BlockOp.HAS:
      return { op: 'has', hashes: w.hashes }
    default:
      throw new MalformedError(`unknown op ${String(w.op)}`)
  }
}

export function encodeBlockResp(r: { ok?: boolean, block?: Uint8Array, have?: boolean[] }): Uint8Array {
  return BlockResponse.encode({ ok: r.ok ?? false, block: (r.block ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>, have: r.have ?? [] })
}

export function decodeBlockResp(b: Uint8Array): BlockResponse {
  try {
    return BlockResponse.decode(b, { limits: { have: MAX_HAS_HASHES } })
  } catch (err) {
    throw new MalformedError(`undecodable: ${(err as Error).message}`)
  }
}
