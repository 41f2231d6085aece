// Protobuf wire format by hand: encoders that can also produce what a correct encoder never
// would (non-minimal and over-long varints, wrong wire types, lying lengths), a lenient parser
// into top-level fields, and wire-level mutations. Used to build and break RpcFrames and bodies.
import type { Rng } from './prng.js'

export const WT = { VARINT: 0, I64: 1, LEN: 2, SGROUP: 3, EGROUP: 4, I32: 5 } as const

export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0
  for (const p of parts) n += p.byteLength
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.byteLength }
  return out
}

/** Unsigned LEB128 varint; `pad` adds redundant 0x80 continuation bytes (non-minimal form). */
export function varint(v: bigint | number, pad = 0): Uint8Array {
  if (pad === 0 && typeof v === 'number' && v >= 0 && v < 2 ** 31 && Number.isInteger(v)) {
    if (v < 0x80) return Uint8Array.of(v)
    const out: number[] = []
    while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v >>>= 7 }
    out.push(v)
    return Uint8Array.from(out)
  }
  let x = BigInt(v)
  if (x < 0n) x &= (1n << 64n) - 1n
  const out: number[] = []
  do {
    let b = Number(x & 0x7fn)
    x >>= 7n
    if (x > 0n || pad > 0) b |= 0x80
    out.push(b)
  } while (x > 0n)
  for (let i = 0; i < pad; i++) out.push(i === pad - 1 ? 0x00 : 0x80)
  return Uint8Array.from(out)
}

export function tag(field: number, wt: number): Uint8Array {
  return field < 2 ** 27 ? varint(field * 8 + wt) : varint((BigInt(field) << 3n) | BigInt(wt))
}

export const u8 = (s: string): Uint8Array => new TextEncoder().encode(s)

export function fieldVarint(field: number, v: bigint | number, pad = 0): Uint8Array {
  return concat([tag(field, WT.VARINT), varint(v, pad)])
}
export function fieldLen(field: number, data: Uint8Array): Uint8Array {
  const t = tag(field, WT.LEN)
  const l = varint(data.byteLength)
  const out = new Uint8Array(t.byteLength + l.byteLength + data.byteLength)
  out.set(t); out.set(l, t.byteLength); out.set(data, t.byteLength + l.byteLength)
  return out
}
export function fieldFixed(field: number, bytes: Uint8Array): Uint8Array {
  return concat([tag(field, bytes.byteLength === 8 ? WT.I64 : WT.I32), bytes])
}

/** A well-formed RpcFrame (rpc.proto), fields omitted when default, as protons writes them. */
export function rpcFrame(f: { id?: bigint, response?: boolean, body?: Uint8Array, error?: string }): Uint8Array {
  const parts: Uint8Array[] = []
  if (f.id !== undefined && f.id !== 0n) parts.push(fieldVarint(1, f.id))
  if (f.response === true) parts.push(fieldVarint(2, 1))
  if (f.body !== undefined && f.body.byteLength > 0) parts.push(fieldLen(3, f.body))
  if (f.error !== undefined && f.error !== '') parts.push(fieldLen(4, u8(f.error)))
  return concat(parts)
}

/** Length-prefixed (the gridauth stream framing). */
export function lp(frame: Uint8Array): Uint8Array {
  const l = varint(frame.byteLength)
  const out = new Uint8Array(l.byteLength + frame.byteLength)
  out.set(l); out.set(frame, l.byteLength)
  return out
}

export interface WireField { field: number, wt: number, raw: Uint8Array /* tag + payload */, payload?: Uint8Array }

/** Splits a buffer into top-level fields; stops (returning what it has) at the first bad byte. */
export function parseFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = []
  let o = 0
  const readVarint = (): bigint | undefined => {
    let x = 0n
    for (let s = 0n; s < 70n; s += 7n) {
      if (o >= buf.byteLength) return undefined
      const b = buf[o++]
      x |= BigInt(b & 0x7f) << s
      if ((b & 0x80) === 0) return x
    }
    return undefined
  }
  while (o < buf.byteLength) {
    const start = o
    const t = readVarint()
    if (t === undefined) break
    const wt = Number(t & 7n)
    const field = Number(t >> 3n)
    let payload: Uint8Array | undefined
    if (wt === WT.VARINT) { if (readVarint() === undefined) break } else if (wt === WT.I64) { if (o + 8 > buf.byteLength) break; o += 8 } else if (wt === WT.I32) { if (o + 4 > buf.byteLength) break; o += 4 } else if (wt === WT.LEN) {
      const n = readVarint()
      if (n === undefined || BigInt(o) + n > BigInt(buf.byteLength)) break
      payload = buf.subarray(o, o + Number(n))
      o += Number(n)
    } else break
    out.push({ field, wt, raw: buf.subarray(start, o), payload })
  }
  return out
}

export const INTERESTING_VARINTS: bigint[] = [0n, 1n, 127n, 128n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n]

/** One or more wire-level mutations of an encoded message. */
export function mutate(rng: Rng, buf: Uint8Array, rounds = rng.int(1, 3)): { bytes: Uint8Array, ops: string[] } {
  let cur = buf
  const ops: string[] = []
  for (let r = 0; r < rounds; r++) {
    const fields = parseFields(cur)
    const op = rng.weighted<string>([
      [3, 'flip-bits'], [2, 'truncate'], [2, 'drop-field'], [2, 'dup-field'], [1, 'swap-fields'],
      [2, 'extreme-int'], [2, 'wrong-wire-type'], [1, 'non-minimal-varint'], [1, 'unknown-field'],
      [1, 'lying-length'], [1, 'append-garbage'], [1, 'nested-mutate'], [1, 'invalid-utf8'], [1, 'huge-field-number']
    ])
    ops.push(op)
    const fi = fields.length > 0 ? rng.int(0, fields.length - 1) : -1
    const f = fi >= 0 ? fields[fi] : undefined
    const rebuild = (replace: Array<Uint8Array | undefined>): Uint8Array => concat(fields.map((x, i) => replace[i] ?? x.raw).filter((x): x is Uint8Array => x !== undefined))
    switch (op) {
      case 'flip-bits': {
        if (cur.byteLength === 0) { cur = rng.bytes(rng.int(1, 8)); break }
        cur = new Uint8Array(cur)
        for (let i = rng.int(1, 4); i > 0; i--) cur[rng.int(0, cur.byteLength - 1)] ^= 1 << rng.int(0, 7)
        break
      }
      case 'truncate':
        cur = cur.subarray(0, rng.int(0, Math.max(0, cur.byteLength - 1)))
        break
      case 'drop-field':
        if (f !== undefined) cur = concat(fields.filter((_, i) => i !== fi).map((x) => x.raw))
        break
      case 'dup-field':
        if (f !== undefined) cur = concat([...fields.map((x) => x.raw), ...Array.from({ length: rng.int(1, 3) }, () => f.raw)])
        break
      case 'swap-fields':
        if (fields.length > 1) { const a = fields.map((x) => x.raw); const j = rng.int(0, a.length - 1); [a[fi], a[j]] = [a[j], a[fi]]; cur = concat(a) }
        break
      case 'extreme-int': {
        const v = rng.pick(INTERESTING_VARINTS)
        if (f !== undefined && f.wt === WT.VARINT) cur = rebuild(fields.map((x, i) => (i === fi ? fieldVarint(x.field, v) : undefined)))
        else cur = concat([cur, fieldVarint(f?.field ?? rng.int(1, 24), v)])
        break
      }
      case 'wrong-wire-type': {
        if (f === undefined) break
        const alt = rng.pick([WT.VARINT, WT.I64, WT.LEN, WT.I32, WT.SGROUP, WT.EGROUP, 6, 7].filter((w) => w !== f.wt))
        const payload = alt === WT.VARINT ? varint(rng.u64()) : alt === WT.I64 ? rng.bytes(8) : alt === WT.I32 ? rng.bytes(4) : alt === WT.LEN ? concat([varint(4), rng.bytes(4)]) : new Uint8Array(0)
        cur = rebuild(fields.map((x, i) => (i === fi ? concat([tag(x.field, alt), payload]) : undefined)))
        break
      }
      case 'non-minimal-varint':
        if (f !== undefined && f.wt === WT.VARINT) {
          const p = parseVarintAt(f.raw, tag(f.field, f.wt).byteLength)
          cur = rebuild(fields.map((x, i) => (i === fi ? concat([tag(x.field, WT.VARINT), varint(p, rng.int(1, 6))]) : undefined)))
        } else cur = concat([cur, tag(rng.int(1, 24), WT.VARINT), Uint8Array.of(0x80, 0x80, 0x80, 0x00)])
        break
      case 'unknown-field':
        cur = concat([cur, rng.chance(0.5) ? fieldVarint(rng.int(25, 5000), rng.u64()) : fieldLen(rng.int(25, 5000), rng.bytes(rng.size(64)))])
        break
      case 'lying-length':
        if (f !== undefined && f.wt === WT.LEN) {
          const n = (f.payload?.byteLength ?? 0) + rng.pick([-1, 1, 2, 1000, 2 ** 31])
          cur = rebuild(fields.map((x, i) => (i === fi ? concat([tag(x.field, WT.LEN), varint(Math.max(0, n)), x.payload ?? new Uint8Array(0)]) : undefined)))
        } else cur = concat([cur, tag(rng.int(1, 24), WT.LEN), varint(rng.int(1, 1 << 20)), rng.bytes(rng.int(0, 8))])
        break
      case 'append-garbage':
        cur = concat([cur, rng.bytes(rng.size(64) + 1)])
        break
      case 'nested-mutate':
        if (f !== undefined && f.wt === WT.LEN && f.payload !== undefined && f.payload.byteLength > 0) {
          const inner = mutate(rng, f.payload, 1).bytes
          cur = rebuild(fields.map((x, i) => (i === fi ? fieldLen(x.field, inner) : undefined)))
        }
        break
      case 'invalid-utf8': {
        const bad = rng.pick([Uint8Array.of(0xff), Uint8Array.of(0xc3, 0x28), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf4, 0x90, 0x80, 0x80), Uint8Array.of(0x00)])
        if (f !== undefined && f.wt === WT.LEN) cur = rebuild(fields.map((x, i) => (i === fi ? fieldLen(x.field, concat([x.payload ?? new Uint8Array(0), bad])) : undefined)))
        else cur = concat([cur, fieldLen(rng.int(1, 24), bad)])
        break
      }
      case 'huge-field-number':
        cur = concat([cur, tag(rng.pick([0, 19000, 536870911, 2 ** 32]), WT.VARINT), varint(1)])
        break
    }
  }
  return { bytes: cur, ops }
}

function parseVarintAt(b: Uint8Array, o: number): bigint {
  let x = 0n
  for (let s = 0n; o < b.byteLength; s += 7n) {
    const c = b[o++]
    x |= BigInt(c & 0x7f) << s
    if ((c & 0x80) === 0) break
  }
  return x
}

export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))
