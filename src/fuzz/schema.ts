// Structure-aware generation from the .proto schemas by reflection (protobufjs 7, a transitive
// dependency of protons): every protocols/*.proto is loaded, and a message of any type is
// generated field by field, with values steered by field names towards what the node's
// validators accept (32-byte keys and hashes, the attacker's own PeerId in `from`/`id`, bit
// strings in `mv`, real multiaddrs in `addrs`, nested ledger blocks in `block`...), so a share
// of the inputs gets past decoding into the protocol cores. Emission is canonical (field order,
// defaults omitted) unless asked otherwise; wire.ts then mutates it.
import { createRequire } from 'node:module'
import { readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import type * as PB from 'protobufjs'
import type { Rng } from './prng.js'
import { concat, fieldLen, fieldVarint, fieldFixed, u8, varint, tag, WT } from './wire.js'

type Protobuf = typeof PB
let pbCache: Protobuf | undefined | null
/** protobufjs, or undefined if it cannot be loaded (then only RpcFrame-level fuzzing runs). */
export function loadProtobufjs(): Protobuf | undefined {
  if (pbCache === undefined) {
    try {
      pbCache = createRequire(import.meta.url)('protobufjs') as Protobuf
    } catch {
      pbCache = null
    }
  }
  return pbCache ?? undefined
}

export interface GenCtx {
  /** The attacker's own PeerId (what `from` must be to pass the sender check). */
  attackerId: string
  /** PeerIds of the target nodes. */
  peerIds: string[]
  /** Binary multiaddrs (no /p2p) of the target nodes and the attacker. */
  addrs: Uint8Array[]
  /** "Now" for time-like fields (fixed per campaign so inputs stay a function of (seed, index)). */
  nowMs: number
  /** Known 32-byte values worth reusing (hashes of stored blocks, keys). */
  known: Uint8Array[]
}

export class Schemas {
  readonly roots = new Map<string, PB.Root>()
  readonly errors: string[] = []

  constructor(readonly dir: string) {
    const pb = loadProtobufjs()
    if (pb === undefined) { this.errors.push('protobufjs is not importable'); return }
    if (!existsSync(dir)) { this.errors.push(`no ${dir}`); return }
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.proto')).sort()) {
      try {
        this.roots.set(f, new pb.Root().loadSync(join(dir, f), { keepCase: true }))
      } catch (err) {
        this.errors.push(`${f}: ${(err as Error).message}`)
      }
    }
  }

  type(file: string, name: string): PB.Type | undefined {
    try {
      return this.roots.get(file)?.lookupType(name)
    } catch {
      return undefined
    }
  }

  /** Message types of a file that no other message of the file embeds: its top-level bodies. */
  topLevel(file: string): string[] {
    const root = this.roots.get(file)
    if (root === undefined) return []
    const types = allTypes(root)
    const used = new Set<string>()
    for (const t of types) for (const f of t.fieldsArray) { f.resolve(); if (f.resolvedType !== null && 'fieldsArray' in f.resolvedType) used.add(f.resolvedType.fullName) }
    return types.filter((t) => !used.has(t.fullName)).map((t) => t.fullName.replace(/^\./, ''))
  }

  allTypeNames(file: string): string[] {
    const root = this.roots.get(file)
    return root === undefined ? [] : allTypes(root).map((t) => t.fullName.replace(/^\./, ''))
  }
}

function allTypes(ns: PB.NamespaceBase): PB.Type[] {
  const out: PB.Type[] = []
  for (const n of ns.nestedArray) {
    if ('fieldsArray' in n) out.push(n as PB.Type)
    if ('nestedArray' in n) out.push(...allTypes(n as PB.NamespaceBase))
  }
  return out
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'

export interface GenOptions {
  /** Emit every field, defaults included (non-canonical). */
  explicitDefaults?: boolean
  /** Leave fields out at random (most decoders accept missing fields). */
  sparse?: boolean
  maxDepth?: number
}

export class Generator {
  private attackerIdBytes: Uint8Array | undefined
  constructor(readonly schemas: Schemas, readonly ctx: GenCtx) {}

  /** An encoded message of `type`. */
  message(rng: Rng, type: PB.Type, opts: GenOptions = {}, depth = 0): Uint8Array {
    const parts: Uint8Array[] = []
    const fields = [...type.fieldsArray].sort((a, b) => a.id - b.id)
    for (const f of fields) {
      f.resolve()
      if (opts.sparse === true && rng.chance(0.3)) continue
      if (f.repeated) {
        const r = rng.float()
        const n = depth >= (opts.maxDepth ?? 4) ? 0 : depth > 0 ? (r < 0.9 ? rng.int(0, 2) : rng.int(3, 17)) : r < 0.55 ? rng.int(0, 2) : r < 0.8 ? rng.int(0, 4) : r < 0.97 ? rng.int(5, 20) : rng.int(20, 80)
        if (f.packed && f.resolvedType === null && f.type !== 'string' && f.type !== 'bytes' && n > 0) {
          const vals = Array.from({ length: n }, () => this.scalarPayload(rng, f))
          parts.push(fieldLen(f.id, concat(vals.map((v) => v.bytes))))
        } else {
          for (let i = 0; i < n; i++) { const v = this.value(rng, f, opts, depth); if (v !== undefined) parts.push(v) }
        }
        continue
      }
      const v = this.value(rng, f, opts, depth)
      if (v !== undefined) parts.push(v)
    }
    return concat(parts)
  }

  /** One encoded field (tag included), or undefined when it is the default and omitted. */
  private value(rng: Rng, f: PB.Field, opts: GenOptions, depth: number): Uint8Array | undefined {
    const rt = f.resolvedType
    const keepDefault = opts.explicitDefaults === true || f.options?.proto3_optional === true || f.repeated
    if (rt !== null && 'fieldsArray' in rt) {
      if (depth >= (opts.maxDepth ?? 4) && !rng.chance(0.1)) return undefined
      return fieldLen(f.id, this.message(rng, rt as PB.Type, opts, depth + 1))
    }
    if (f.type === 'string') {
      const s = this.str(rng, f.name)
      return s.byteLength === 0 && !keepDefault ? undefined : fieldLen(f.id, s)
    }
    if (f.type === 'bytes') {
      const b = this.bytesFor(rng, f.name, depth)
      return b.byteLength === 0 && !keepDefault ? undefined : fieldLen(f.id, b)
    }
    const p = this.scalarPayload(rng, f)
    if (p.zero && !keepDefault) return undefined
    return concat([tag(f.id, p.wt), p.bytes])
  }

  private scalarPayload(rng: Rng, f: PB.Field): { wt: number, bytes: Uint8Array, zero: boolean } {
    const rt = f.resolvedType
    if (rt !== null && 'values' in rt) {
      const vals = Object.values((rt as PB.Enum).values)
      const v = rng.chance(0.9) ? BigInt(rng.pick(vals)) : rng.pick([BigInt(Math.max(...vals) + 1), 2n ** 32n - 1n, 2n ** 64n - 1n, BigInt(rng.int(0, 1000))])
      return { wt: WT.VARINT, bytes: varint(v), zero: v === 0n }
    }
    switch (f.type) {
      case 'bool': {
        const v = rng.chance(0.97) ? BigInt(rng.int(0, 1)) : rng.pick([2n, 255n, 2n ** 64n - 1n])
        return { wt: WT.VARINT, bytes: varint(v), zero: v === 0n }
      }
      case 'fixed64': case 'sfixed64': case 'double': return { wt: WT.I64, bytes: rng.bytes(8), zero: false }
      case 'fixed32': case 'sfixed32': case 'float': return { wt: WT.I32, bytes: rng.bytes(4), zero: false }
      case 'uint32': case 'int32': case 'sint32': {
        const v = this.small(rng, f.name)
        return { wt: WT.VARINT, bytes: varint(v), zero: v === 0n }
      }
      default: { // uint64, int64, sint64
        const v = rng.chance(0.6) ? this.small(rng, f.name) : rng.u64()
        return { wt: WT.VARINT, bytes: varint(v), zero: v === 0n }
      }
    }
  }

  private small(rng: Rng, name: string): bigint {
    if (/time|_at$|timestamp|not_before|not_after/.test(name) && rng.chance(0.6)) return BigInt(this.ctx.nowMs + rng.int(-60_000, 60_000))
    if (/type|op|version/.test(name)) return BigInt(rng.int(0, 9))
    if (/level/.test(name)) { const r = rng.float(); return BigInt(r < 0.8 ? rng.int(0, 4) : r < 0.96 ? rng.int(5, 300) : 2 ** 32 - 1) }
    const r = rng.float()
    if (r < 0.55) return BigInt(rng.int(0, 5))
    if (r < 0.82) return BigInt(rng.int(0, 300))
    if (r < 0.92) return BigInt(rng.int(0, 100_000))
    return r < 0.97 ? 2n ** 32n - 1n : 2n ** 31n
  }

  private peerId(rng: Rng): string {
    return rng.weighted<() => string>([
      [6, () => this.ctx.attackerId],
      [2, () => (this.ctx.peerIds.length > 0 ? rng.pick(this.ctx.peerIds) : this.ctx.attackerId)],
      [1, () => '12D3KooW' + Array.from({ length: 44 }, () => B58[rng.int(0, 57)]).join('')],
      [0.5, () => ''], [0.5, () => 'x'.repeat(rng.int(100, 300))], [0.5, () => 'QmNotAPeerId']
    ])()
  }

  str(rng: Rng, name: string): Uint8Array {
    if (name === 'id' || /peer/.test(name)) { const id = this.peerId(rng); return id === this.ctx.attackerId ? (this.attackerIdBytes ??= u8(id)) : u8(id) }
    if (name === 'mv') return u8(rng.weighted<() => string>([[8, () => Array.from({ length: rng.int(0, 12) }, () => (rng.chance(0.5) ? '1' : '0')).join('')], [1, () => '1'.repeat(rng.int(250, 260))], [1, () => '01x2']])())
    if (name === 'qid') return u8(rng.weighted<() => string>([[8, () => `${this.ctx.attackerId}/q${rng.int(0, 50)}`], [1, () => ''], [1, () => 'q'.repeat(rng.int(190, 210))]])())
    if (name === 'network_id') return u8(rng.pick(['gridauth', 'test-net', '', 'a'.repeat(65), 'bad id!']))
    if (/address/.test(name)) return u8(rng.pick(['/ip4/127.0.0.1/tcp/4001', '/ip4/10.0.0.1/tcp/1', 'not a multiaddr', '']))
    const n = rng.size(300)
    return rng.chance(0.8) ? u8(Array.from({ length: n }, () => String.fromCharCode(rng.int(0x20, 0x7e))).join('')) : u8(Array.from({ length: Math.min(n, 64) }, () => String.fromCodePoint(rng.int(0x80, 0x10ffff) & ~0x800)).join(''))
  }

  bytesFor(rng: Rng, name: string, depth: number): Uint8Array {
    const ledger = (typeName: string): Uint8Array | undefined => {
      const t = this.schemas.type('ledger.proto', typeName)
      return t === undefined || depth > 3 ? undefined : this.message(rng, t, { sparse: rng.chance(0.3) }, depth + 1)
    }
    const hash32 = (): Uint8Array => rng.weighted<() => Uint8Array>([
      [6, () => rng.bytes(32)], [2, () => (this.ctx.known.length > 0 ? rng.pick(this.ctx.known) : rng.bytes(32))],
      [1, () => new Uint8Array(32)], [1, () => new Uint8Array(32).fill(0xff)], [1, () => rng.bytes(rng.pick([0, 1, 31, 33, 64]))]
    ])()
    if (name === 'addrs') return rng.weighted<() => Uint8Array>([[6, () => (this.ctx.addrs.length > 0 ? rng.pick(this.ctx.addrs) : rng.bytes(8))], [2, () => rng.bytes(rng.int(1, 140))], [1, () => rng.bytes(rng.int(129, 300))]])()
    if (name === 'block') return (rng.chance(0.8) ? ledger('Block') : undefined) ?? rng.bytes(rng.size(4096))
    if (name === 'txs') return (rng.chance(0.8) ? ledger('Tx') : undefined) ?? rng.bytes(rng.size(512))
    if (name === 'body') return (rng.chance(0.7) ? ledger(rng.pick(this.schemas.allTypeNames('ledger.proto'))) : undefined) ?? rng.bytes(rng.size(512))
    if (name === 'signature') return rng.bytes(rng.chance(0.9) ? 64 : rng.int(0, 100))
    if (name === 'vrf_proof') return rng.bytes(rng.chance(0.9) ? 80 : rng.int(0, 100))
    if (name === 'nonce' || name === 'verification_code') return rng.bytes(rng.int(0, 70))
    if (/key|hash|target|root|_id$|proposer|anchor|seed|value/.test(name)) return hash32()
    return rng.bytes(rng.size(1024))
  }
}

export const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest())

/** Wire type helper re-exported for registry fixups. */
export { fieldLen, fieldVarint, fieldFixed }
