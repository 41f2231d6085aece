// One fuzz input = a pure function of (seed, index) and the run's context (the protocols the
// target advertises, peer ids, addresses): which node and protocol, and the exact bytes to
// write on one or more fresh streams, with timing. Inputs are saved as hex and replayed verbatim.
import { Rng } from './prng.js'
import { concat, hex, lp, mutate, rpcFrame, unhex, varint, u8 } from './wire.js'
import type { Generator } from './schema.js'
import type { ProtocolSpec } from './registry.js'

export interface StreamPlan {
  /** Chunks written in order (hex in saved files: see toSaved / fromSaved). */
  chunks: Uint8Array[]
  /** Pause between chunks (ms). */
  gapMs: number
  /** How our side ends the stream: graceful close, reset, or hold it open (slow writer) first. */
  end: 'close' | 'abort' | 'hold'
  holdMs: number
  /** Requests (id > 0, response = false) written: answers to wait for. */
  expect: number
}

/** Who plays an input: a peer unknown to the network, or a registered terminal with access
 * granted (it passes the admission gate of the skip graph and blocks; PBFT still refuses it,
 * a terminal speaking PBFT being the wrong role). */
export type Identity = 'stranger' | 'admitted'

export interface FuzzInput {
  seed: string
  index: number
  target: number
  /** The attacker identity that plays it (files saved before identities existed: stranger). */
  as: Identity
  protocol: string
  kind: string
  /** Human-readable detail (mutation ops, body type). */
  note: string
  streams: StreamPlan[]
}

export interface GenEnv {
  seed: string
  /** Per target node: the specs of the protocols it advertises. */
  specs: ProtocolSpec[][]
  gen: Generator
  /** The identities the campaign has (plain nodes: strangers only; a network: both). */
  identities?: Identity[]
  /** Each identity's PeerId as it appears in bodies (`from` and the like must match the sender). */
  attackerIds?: Partial<Record<Identity, string>>
  /** Recent base inputs by index, so a replay does not generate its original again (a cache:
   * inputs stay a pure function of (seed, index)). */
  recent?: Map<number, FuzzInput>
}

/** An input as saved in files: chunks as hex. */
export type SavedInput = Omit<FuzzInput, 'streams'> & { streams: Array<Omit<StreamPlan, 'chunks'> & { chunks: string[] }> }

export function toSaved(input: FuzzInput): SavedInput {
  return { ...input, streams: input.streams.map((p) => ({ ...p, chunks: p.chunks.map(hex) })) }
}

export function fromSaved(input: SavedInput): FuzzInput {
  return { ...input, as: input.as ?? 'stranger', streams: input.streams.map((p) => ({ ...p, chunks: p.chunks.map(unhex) })) }
}

/** Kinds that hold streams open on purpose: played from a second attacker connection so they
 * do not use up the stream slots (4 per protocol and connection) of the other inputs. */
export const HOLDING_KINDS = new Set<string>(['slow-writer', 'many-streams'])

export const KINDS = ['random-bytes', 'bad-prefix', 'frame-random-body', 'frame-struct', 'frame-mutated', 'wrong-role', 'replay', 'slow-writer', 'many-streams', 'flood'] as const
export type Kind = typeof KINDS[number]

const KIND_WEIGHTS: ReadonlyArray<readonly [number, Kind]> = [
  [8, 'random-bytes'], [8, 'bad-prefix'], [12, 'frame-random-body'], [30, 'frame-struct'], [12, 'frame-mutated'],
  [10, 'wrong-role'], [8, 'replay'], [2, 'slow-writer'], [1, 'many-streams'], [3, 'flood']
]
const RAW_KIND_WEIGHTS: ReadonlyArray<readonly [number, Kind]> = [[10, 'random-bytes'], [6, 'bad-prefix'], [4, 'frame-random-body'], [2, 'slow-writer'], [1, 'many-streams'], [2, 'replay']]

function reqId(rng: Rng): bigint {
  return rng.weighted<bigint>([[6, BigInt(rng.int(1, 1000))], [2, BigInt(rng.int(1, 2 ** 31))], [1, rng.u64() | 1n]])
}

/** A body for `spec` in `role`: crafted, generated from the schema, or random; then maybe mutated. */
function body(rng: Rng, env: GenEnv, spec: ProtocolSpec, role: 'oneWay' | 'request' | 'response', mutateP: number): { bytes: Uint8Array, note: string } {
  let b: Uint8Array
  let note: string
  const types = spec[role].length > 0 ? spec[role] : [...spec.oneWay, ...spec.request]
  if (spec.craft !== undefined && role !== 'response' && rng.chance(0.45)) {
    b = spec.craft(rng, env.gen)
    note = 'crafted'
  } else if (spec.file !== undefined && types.length > 0 && rng.chance(0.9)) {
    const name = rng.pick(types)
    const t = env.gen.schemas.type(spec.file, name)
    b = t !== undefined ? env.gen.message(rng, t, { sparse: rng.chance(0.4), explicitDefaults: rng.chance(0.05) }) : rng.bytes(rng.size(512))
    note = name
  } else {
    b = rng.bytes(rng.size(2048))
    note = 'random'
  }
  if (rng.chance(mutateP)) {
    const m = mutate(rng, b)
    b = m.bytes
    note += ` mutated(${m.ops.join(',')})`
  }
  return { bytes: b, note }
}

/** One RpcFrame for `spec`, in the role the protocol expects (or not). */
function frame(rng: Rng, env: GenEnv, spec: ProtocolSpec, mutateP: number, wrongRole = false): { bytes: Uint8Array, requests: number, note: string } {
  const roles: Array<'oneWay' | 'request'> = []
  if (spec.oneWay.length > 0) roles.push('oneWay')
  if (spec.request.length > 0) roles.push('request')
  let role: 'oneWay' | 'request' | 'response'
  if (wrongRole) {
    // responses nobody asked for; requests to one-way protocols; one-way to request protocols
    const wrong: Array<'oneWay' | 'request' | 'response'> = ['response']
    if (spec.oneWay.length === 0) wrong.push('oneWay')
    if (spec.request.length === 0) wrong.push('request')
    role = rng.pick(wrong)
  } else {
    role = roles.length > 0 ? rng.pick(roles) : 'request'
  }
  const b = body(rng, env, spec, role, mutateP)
  if (role === 'response') {
    const error = rng.chance(0.3) ? rng.pick(['busy', 'rate-limited', 'malformed', 'internal', 'unsupported', 'x'.repeat(rng.int(1, 5000))]) : ''
    return { bytes: rpcFrame({ id: rng.chance(0.15) ? 0n : reqId(rng), response: true, body: b.bytes, error }), requests: 0, note: `response ${b.note}${error !== '' ? ' error' : ''}` }
  }
  const id = role === 'request' ? reqId(rng) : 0n
  return { bytes: rpcFrame({ id, body: b.bytes, error: rng.chance(0.03) ? 'spurious' : '' }), requests: role === 'request' ? 1 : 0, note: `${role} ${b.note}` }
}

const plan = (chunks: Uint8Array[], o: Partial<StreamPlan> = {}): StreamPlan => ({ chunks, gapMs: 0, end: 'abort', holdMs: 0, expect: 0, ...o })

function endOf(rng: Rng): 'close' | 'abort' {
  return rng.chance(0.25) ? 'close' : 'abort'
}

/** The base input (any kind but replay). */
function generateBase(env: GenEnv, index: number, forbidReplay: boolean): FuzzInput {
  const rng = new Rng(env.seed, index)
  const target = rng.int(0, env.specs.length - 1)
  // a validators-only protocol resets every other peer's streams unread: a few inputs show it
  const weighted = env.specs[target].map((s) => [s.framing === 'raw' || s.gate === 'validators' ? 1 : 4, s] as const)
  const spec = rng.weighted(weighted)
  // the admitted identity gets past the gate of the skip graph and blocks; strangers test the gate
  const admittedP = spec.gate === 'admitted' ? 0.9 : 0.5
  const as: Identity = rng.float() < admittedP && (env.identities ?? []).includes('admitted') ? 'admitted' : 'stranger'
  let kind = rng.weighted(spec.framing === 'rpc' ? KIND_WEIGHTS : RAW_KIND_WEIGHTS)
  if (forbidReplay && kind === 'replay') kind = 'frame-struct'
  if (spec.framing === 'raw' && kind === 'frame-struct') kind = 'random-bytes'
  env.gen.ctx.attackerId = env.attackerIds?.[as] ?? env.gen.ctx.attackerId
  const input: FuzzInput = { seed: env.seed, index, target, as, protocol: spec.protocol, kind, note: '', streams: [] }
  const end = endOf(rng)
  switch (kind) {
    case 'random-bytes': {
      const n = rng.chance(0.03) ? rng.int(60_000, 200_000) : rng.size(4096) + 1
      const bytes = rng.bytes(n)
      const split = rng.chance(0.3) ? rng.int(0, bytes.byteLength) : -1
      input.streams.push(plan(split >= 0 ? [bytes.subarray(0, split), bytes.subarray(split)] : [bytes], { end, gapMs: split >= 0 ? rng.int(0, 20) : 0 }))
      input.note = `${n} bytes`
      break
    }
    case 'bad-prefix': {
      const variant = rng.pick(['truncated-prefix', 'overlong-varint', 'huge-varint', 'oversized-length', 'over-limit-by-one', 'short-body', 'zero-length', 'prefix-then-garbage', 'real-oversized'])
      let chunks: Uint8Array[]
      switch (variant) {
        case 'truncated-prefix': chunks = [Uint8Array.from({ length: rng.int(1, 4) }, () => 0x80 | rng.int(0, 127))]; break
        case 'overlong-varint': chunks = [concat([Uint8Array.from({ length: rng.int(5, 12) }, () => 0x80 | rng.int(0, 127)), Uint8Array.of(rng.int(0, 127)), rng.bytes(rng.int(0, 32))])]; break
        case 'huge-varint': chunks = [concat([varint(rng.pick([2n ** 35n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n])), rng.bytes(rng.int(0, 64))])]; break
        case 'oversized-length': chunks = [concat([varint(rng.pick([spec.maxFrame + 1, 16 * 1024 * 1024, 2 ** 31, 2 ** 32 + 5, 2 ** 34])), rng.bytes(rng.int(0, 256))])]; break
        case 'over-limit-by-one': chunks = [concat([varint(spec.maxFrame + 1), rng.bytes(rng.int(0, 64))])]; break
        case 'short-body': { const f = frame(rng, env, spec, 0.2); chunks = [concat([varint(f.bytes.byteLength + rng.int(1, 1000)), f.bytes])]; break }
        case 'zero-length': chunks = [Uint8Array.from({ length: rng.int(1, 50) }, () => 0)]; break
        case 'prefix-then-garbage': chunks = [concat([varint(rng.int(1, 300)), rng.bytes(rng.int(1, 300))])]; break
        default: { const n = spec.maxFrame + rng.int(1, 64); chunks = [concat([varint(n), rng.bytes(Math.min(n, 5 * 1024 * 1024))])] } // a real over-limit frame
      }
      if (variant === 'real-oversized' && !rng.chance(spec.maxFrame > 1024 * 1024 + 4096 ? 0.02 : 0.1)) chunks = [concat([varint(spec.maxFrame + 1), rng.bytes(16)])] // keep real 1-4 MiB writes rare
      input.streams.push(plan(chunks, { end }))
      input.note = variant
      break
    }
    case 'frame-random-body': {
      const n = rng.int(1, 4)
      const fs = Array.from({ length: n }, () => rpcFrame({ id: rng.chance(0.5) ? 0n : reqId(rng), response: rng.chance(0.1), body: rng.bytes(rng.size(4096)), error: rng.chance(0.05) ? 'e' : '' }))
      input.streams.push(plan([concat(fs.map(lp))], { end, expect: 0 }))
      input.note = `${n} frames`
      break
    }
    case 'frame-struct': case 'frame-mutated': {
      const r = rng.float()
      const n = r < 0.6 ? 1 : r < 0.9 ? rng.int(2, 5) : rng.int(6, 20)
      const fs = Array.from({ length: n }, () => frame(rng, env, spec, kind === 'frame-mutated' ? 1 : 0.1))
      let bytes = concat(fs.map((f) => lp(f.bytes)))
      if (kind === 'frame-mutated' && rng.chance(0.3)) {
        // mutate the RpcFrame itself (not just the body), keeping the length prefix consistent
        const m = mutate(rng, fs[0].bytes)
        bytes = concat([lp(m.bytes), ...fs.slice(1).map((f) => lp(f.bytes))])
        fs[0].note += ` frame-mutated(${m.ops.join(',')})`
      }
      const split = rng.chance(0.2) ? rng.int(1, Math.max(1, bytes.byteLength - 1)) : -1
      input.streams.push(plan(split > 0 ? [bytes.subarray(0, split), bytes.subarray(split)] : [bytes], { end: 'abort', gapMs: rng.int(0, 5), expect: fs.reduce((s, f) => s + f.requests, 0) }))
      input.note = fs.map((f) => f.note).slice(0, 4).join('; ')
      break
    }
    case 'wrong-role': {
      const n = rng.int(1, 6)
      const fs = Array.from({ length: n }, () => frame(rng, env, spec, 0.2, true))
      input.streams.push(plan([concat(fs.map((f) => lp(f.bytes)))], { end: 'abort', expect: fs.reduce((s, f) => s + f.requests, 0) }))
      input.note = fs.map((f) => f.note).slice(0, 4).join('; ')
      break
    }
    case 'slow-writer': {
      const f = spec.framing === 'rpc' ? frame(rng, env, spec, 0.1).bytes : rng.bytes(rng.int(8, 200))
      const full = lp(f)
      const cut = rng.int(1, Math.max(1, full.byteLength - 1))
      const holdMs = rng.int(200, 1500)
      const trickle = rng.chance(0.3)
      const chunks = trickle ? Array.from(full.subarray(0, cut)).slice(0, 20).map((b) => Uint8Array.of(b)) : [full.subarray(0, cut)]
      input.streams.push(plan(chunks, { end: 'hold', holdMs, gapMs: trickle ? rng.int(20, 100) : 0 }))
      input.note = `${trickle ? 'trickle' : 'partial'} ${cut}/${full.byteLength} bytes, hold ${holdMs} ms`
      break
    }
    case 'many-streams': {
      // past the 4 inbound streams per protocol and connection mostly; 1 in 5 past the 24 per peer
      const n = rng.chance(0.8) ? rng.int(5, 8) : rng.int(20, 30)
      for (let i = 0; i < n; i++) {
        const f = spec.framing === 'rpc' ? frame(rng, env, spec, 0.3) : { bytes: rng.bytes(rng.int(1, 64)), requests: 0 }
        input.streams.push(plan([lp(f.bytes)], { end: rng.chance(0.5) ? 'hold' : 'abort', holdMs: rng.int(50, 400), expect: f.requests }))
      }
      input.note = `${n} streams at once`
      break
    }
    case 'flood': {
      const proto = frame(rng, env, spec, 0.1)
      const n = Math.max(20, Math.min(rng.int(50, 600), Math.floor(128 * 1024 / (proto.bytes.byteLength + 4))))
      const varied = rng.chance(0.5)
      const fs = Array.from({ length: n }, (_, i) => (varied && i % 7 === 0 ? frame(rng, env, spec, 0.5).bytes : proto.bytes))
      input.streams.push(plan([concat(fs.map(lp))], { end: 'abort', expect: 0 }))
      input.note = `${n} frames (${proto.note})`
      break
    }
    case 'replay': break
  }
  return input
}

/** A replay repeats one of the inputs this far back at most. */
const REPLAY_WINDOW = 500

/** Input `index` of the campaign `env.seed`. */
export function generateInput(env: GenEnv, index: number): FuzzInput {
  const base = generateBase(env, index, false)
  if (env.recent !== undefined) {
    env.recent.set(index, base)
    env.recent.delete(index - REPLAY_WINDOW - 1)
  }
  if (base.kind !== 'replay') return base
  // Replay: the frames of an earlier input, again (same or another protocol, maybe twice).
  const rng = new Rng(env.seed, index, 1)
  const j = index === 0 ? 0 : rng.int(Math.max(0, index - REPLAY_WINDOW), index - 1)
  const cached = env.recent?.get(j)
  const earlier = cached !== undefined && cached.kind !== 'replay' ? cached : generateBase(env, j, true)
  const times = rng.int(1, 3)
  const first = earlier.streams[0] ?? plan([u8('')])
  const chunks = Array.from({ length: times }, () => first.chunks).flat()
  const crossProtocol = rng.chance(0.2)
  return {
    ...base,
    target: rng.chance(0.5) ? earlier.target : base.target,
    protocol: crossProtocol ? base.protocol : earlier.protocol,
    note: `replay of #${j} (${earlier.kind}) x${times}${crossProtocol ? ' on another protocol' : ''}`,
    streams: [{ ...first, chunks, end: 'abort', holdMs: 0, expect: first.expect * times }]
  }
}
