// A block header's touched list (ledger.md): the first TOUCH_PREFIX_LEN bytes of the id of every
// terminal whose record the block changed, sorted and distinct, concatenated. Pure; no imports
// from the rest of the ledger so state.ts can use it without an import cycle.

/** Bytes of a terminal id kept in a header's touched list. */
export const TOUCH_PREFIX_LEN = 8

/** A terminal id's prefix as an integer (the view index key). */
export function touchPrefix (id: Uint8Array): bigint {
  if (id.length < TOUCH_PREFIX_LEN) throw new RangeError('terminal id shorter than the touched prefix')
  return Buffer.from(id.buffer, id.byteOffset, id.byteLength).readBigUInt64BE(0)
}

/** The touched list of a set of terminal ids: their prefixes, sorted, distinct, packed. */
export function touchedList (terminalIds: Iterable<Uint8Array>): Uint8Array<ArrayBuffer> {
  const set = new Set<bigint>()
  for (const id of terminalIds) set.add(touchPrefix(id))
  const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const out = new Uint8Array(sorted.length * TOUCH_PREFIX_LEN)
  const view = new DataView(out.buffer)
  sorted.forEach((p, i) => view.setBigUint64(i * TOUCH_PREFIX_LEN, p))
  return out
}

/** The prefixes of a packed touched list; throws RangeError if its length is not a multiple of 8. */
export function touchedPrefixes (touched: Uint8Array): bigint[] {
  if (touched.length % TOUCH_PREFIX_LEN !== 0) throw new RangeError(`touched list of ${touched.length} bytes`)
  const view = new DataView(touched.buffer, touched.byteOffset, touched.byteLength)
  const out: bigint[] = []
  for (let i = 0; i < touched.length; i += TOUCH_PREFIX_LEN) out.push(view.getBigUint64(i))
  return out
}
