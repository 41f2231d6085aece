// Paper B's blockchain view, made checkable (pure, no I/O):
// - the touched list: every block header lists the 8-byte prefixes of the terminals whose record
//   the block changed (sorted, distinct). It is recomputed by every replica that executes the
//   block, so it is as trustworthy as the state root next to it.
// - ViewIndex: terminal prefix -> height of the last certified header that touched it, built
//   from the headers a node follows. A record verified at height v is provably current at the
//   head H when no header in (v, H] lists the terminal's prefix. Two terminals sharing a prefix
//   only make a record look touched when it was not: a needless refetch, never a wrong answer.
// - the record annex of a block: each touched record with its proof against the block's state
//   root, stored beside the block in the skip graph so a reader needs no validator.
import { bytesEqual } from '../crypto/merkle.js'
import type * as wire from '../wire/ledger.js'
import { ab, codecs, decodeCanonical, headerHash } from './codec.js'
import { MAX_BLOCK_TXS } from './constants.js'
import { decodeRecord, proveRecord, verifyRecordProof } from './proof.js'
import type { BlockHeader, LedgerState, TerminalRecord } from './state.js'
import { touchedList, touchedPrefixes, touchPrefix } from './touched.js'

export { TOUCH_PREFIX_LEN, touchedList, touchedPrefixes, touchPrefix } from './touched.js'

/**
 * Largest annex accepted (bytes). An entry is a record and its proof (~1.5 KB at a million
 * terminals), so this holds ~1,300 touched records: a bigger block has no annex in the skip
 * graph and its readers ask the validators.
 */
export const MAX_ANNEX_BYTES = 2 * 1024 * 1024
/** Entries one annex may hold (a block touches at most one record per transaction). */
export const MAX_ANNEX_ENTRIES = MAX_BLOCK_TXS
/** View index entries kept before the oldest are folded into a floor height (bounded memory). */
export const DEFAULT_VIEW_INDEX_ENTRIES = 100_000

export type RecordAnnex = wire.RecordAnnex

/** The prefixes in a header's touched list. */
export function headerTouches (header: BlockHeader): bigint[] {
  return touchedPrefixes(header.touched)
}

/** Whether a header's touched list names this terminal's prefix. */
export function touches (header: BlockHeader, terminalId: Uint8Array): boolean {
  return headerTouches(header).includes(touchPrefix(terminalId))
}

/**
 * Terminal prefix -> height of the last header that touched it. Headers are applied in order,
 * one height at a time. Memory is bounded: beyond maxEntries the least recently touched
 * prefixes are dropped and `floor` rises to their height, so a dropped terminal is treated as
 * touched at the floor (a refetch, never a stale answer).
 */
export class ViewIndex {
  /** Insertion order = order of last touch, so the first entries are the oldest. */
  private readonly last = new Map<bigint, number>()
  private _height = 0
  private _floor = 0

  constructor (readonly maxEntries = DEFAULT_VIEW_INDEX_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer')
  }

  /** Height of the last header applied (0: genesis only). */
  get height (): number { return this._height }
  /** Every prefix not in the index counts as touched at this height. */
  get floor (): number { return this._floor }
  get size (): number { return this.last.size }

  /** Applies the next header (height = this.height + 1). */
  apply (header: BlockHeader): void {
    if (header.height !== this._height + 1) throw new RangeError(`view index at ${this._height}: header ${header.height} is not the next`)
    for (const p of headerTouches(header)) {
      this.last.delete(p)
      this.last.set(p, header.height)
    }
    this._height = header.height
    while (this.last.size > this.maxEntries) {
      const [p, h] = this.last.entries().next().value as [bigint, number]
      this.last.delete(p)
      if (h > this._floor) this._floor = h
    }
  }

  /** Height of the last header (<= this.height) that touched the terminal; 0 if none did. */
  lastTouched (terminalId: Uint8Array): number {
    return this.last.get(touchPrefix(terminalId)) ?? this._floor
  }

  /** Whether a record of the terminal verified at height `verifiedAt` is still its record at this.height. */
  isCurrent (terminalId: Uint8Array, verifiedAt: number): boolean {
    return verifiedAt <= this._height && this.lastTouched(terminalId) <= verifiedAt
  }
}

// ------------------------------------------------------------------ record annex

/** The annex of the block at the state's head: call right after the block is committed. */
export function buildAnnex (state: LedgerState, header: BlockHeader, touchedIds: readonly Uint8Array[]): RecordAnnex {
  if (state.height !== header.height) throw new RangeError(`annex of block ${header.height} needs the state at that height (at ${state.height})`)
  const ids = [...touchedIds].sort((a, b) => Buffer.compare(a, b))
  const entries: wire.AnnexEntry[] = []
  for (const id of ids) {
    const rec = state.getRecord(id)
    const proof = proveRecord(state, id)
    if (rec === undefined || proof === undefined) continue
    entries.push({ record: ab(codecs.record.encode(rec)), proof })
  }
  return { blockHash: ab(headerHash(header)), height: header.height, entries }
}

export function encodeAnnex (a: RecordAnnex): Uint8Array {
  return codecs.annex.encode(a)
}

export function decodeAnnex (bytes: Uint8Array): RecordAnnex {
  return decodeCanonical({
    encode: codecs.annex.encode,
    decode: (buf: Uint8Array) => (codecs.annex as unknown as { decode: (b: Uint8Array, o: unknown) => RecordAnnex }).decode(buf, { limits: { entries: MAX_ANNEX_ENTRIES, entries$: { proof: { siblings: 64 } } } })
  }, bytes, 'record annex', MAX_ANNEX_BYTES)
}

/**
 * Checks a whole annex against its certified header: it names the header, every entry's proof
 * verifies against the state root, entries are sorted by terminal id, distinct, and their
 * prefixes are exactly the header's touched list. Returns a reason or null. Never throws.
 */
export function annexError (header: BlockHeader, bytes: Uint8Array): string | null {
  let a: RecordAnnex
  try {
    a = decodeAnnex(bytes)
  } catch (err) {
    return (err as Error).message
  }
  return annexErrorOf(header, a)
}

/** annexError of an annex already decoded. */
export function annexErrorOf (header: BlockHeader, a: RecordAnnex): string | null {
  if (!bytesEqual(a.blockHash, headerHash(header)) || a.height !== header.height) return 'annex of another block'
  const ids: Uint8Array[] = []
  for (const e of a.entries) {
    if (e.proof === undefined || !verifyRecordProof(header, e.record, e.proof)) return 'record proof does not verify'
    const id = decodeRecord(e.record).terminalId
    if (ids.length > 0 && Buffer.compare(ids[ids.length - 1], id) >= 0) return 'entries not sorted by terminal id'
    ids.push(id)
  }
  if (!bytesEqual(touchedList(ids), header.touched)) return 'entries do not match the touched list'
  return null
}

export type AnnexRejection = 'malformed-record' | 'uncommitted-header' | 'stale-record' | 'wrong-record' | 'bad-record-proof'

/**
 * A terminal's record out of an annex served by an untrusted node, checked against the
 * certified header of the block (which the caller found by hash on its own chain). The record
 * must be the terminal's, last updated by this very block (older: stale), and its proof must
 * verify against the header's state root.
 */
export function recordFromAnnex (header: BlockHeader, bytes: Uint8Array, terminalId: Uint8Array): { ok: true, record: TerminalRecord } | { ok: false, reason: AnnexRejection, detail: string } {
  let a: RecordAnnex
  try {
    a = decodeAnnex(bytes)
  } catch (err) {
    return { ok: false, reason: 'malformed-record', detail: (err as Error).message }
  }
  if (!bytesEqual(a.blockHash, headerHash(header)) || a.height !== header.height) return { ok: false, reason: 'uncommitted-header', detail: `annex names block ${a.height}, asked for ${header.height}` }
  for (const e of a.entries) {
    let rec: TerminalRecord
    try {
      rec = decodeRecord(e.record)
    } catch (err) {
      return { ok: false, reason: 'malformed-record', detail: (err as Error).message }
    }
    if (!bytesEqual(rec.terminalId, terminalId)) continue
    if (rec.lastUpdateHeight < header.height) return { ok: false, reason: 'stale-record', detail: `record last updated at ${rec.lastUpdateHeight}, block ${header.height} touched it` }
    if (e.proof === undefined || !verifyRecordProof(header, e.record, e.proof)) return { ok: false, reason: 'bad-record-proof', detail: 'record proof does not verify' }
    return { ok: true, record: rec }
  }
  return { ok: false, reason: 'wrong-record', detail: 'the annex has no record for this terminal' }
}
