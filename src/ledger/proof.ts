// Verifiable reads: a record plus a proof checks against the state root of a header. A node
// holding only (certified) headers can verify a record served by an untrusted peer and see it
// is the terminal's latest record as of that header: the state machine keeps exactly one leaf
// per terminal (registration order), updated in place, and the leaf binds the terminal id and
// its leaf index, so no other valid leaf for that terminal exists under the same root.
import { bytesEqual, leafHash } from '../crypto/merkle.js'
import type * as wire from '../wire/ledger.js'
import { ab, codecs, decodeCanonical, terminalIdOf, toHex } from './codec.js'
import { combineStateRoot, type BlockHeader, type LedgerState, type TerminalRecord } from './state.js'
import { rootFromPath, treeDepth } from './tree.js'

export type RecordProof = wire.RecordProof

/** Proof for the terminal's current record; undefined if the terminal is not registered. */
export function proveRecord (state: LedgerState, terminalId: Uint8Array): RecordProof | undefined {
  const i = state.byId.get(toHex(terminalId))
  if (i === undefined) return undefined
  return {
    leafIndex: i,
    leafCount: state.records.length,
    siblings: state.tree.proof(i).map(ab),
    metaHash: ab(state.metaHash())
  }
}

export function encodeRecordProof (p: RecordProof): Uint8Array {
  return codecs.recordProof.encode(p)
}

export function decodeRecordProof (bytes: Uint8Array): RecordProof {
  return decodeCanonical(codecs.recordProof, bytes, 'record proof', 64 * 1024)
}

export function encodeRecord (r: TerminalRecord): Uint8Array {
  return codecs.record.encode(r)
}

export function decodeRecord (bytes: Uint8Array): TerminalRecord {
  return decodeCanonical(codecs.record, bytes, 'terminal record', 8192)
}

/**
 * True when `record` is, under header.stateRoot, the record at proof.leafIndex. Accepts
 * objects or their encoded bytes (bytes must be canonical). Never throws.
 */
export function verifyRecordProof (header: BlockHeader, record: TerminalRecord | Uint8Array, proof: RecordProof | Uint8Array): boolean {
  try {
    const rec = record instanceof Uint8Array ? decodeRecord(record) : record
    const pr = proof instanceof Uint8Array ? decodeRecordProof(proof) : proof
    if (rec.identity === undefined || rec.certificate === undefined) return false
    if (rec.leafIndex !== pr.leafIndex || pr.leafIndex >= pr.leafCount) return false
    if (!bytesEqual(rec.terminalId, terminalIdOf(rec.identity))) return false
    if (pr.metaHash.length !== 32 || pr.siblings.length !== treeDepth(pr.leafCount)) return false
    const leaf = leafHash(record instanceof Uint8Array ? record : codecs.record.encode(rec))
    const root = rootFromPath(leaf, pr.leafIndex, pr.leafCount, pr.siblings)
    if (root === null) return false
    return bytesEqual(combineStateRoot(root, pr.leafCount, pr.metaHash), header.stateRoot)
  } catch {
    return false
  }
}
