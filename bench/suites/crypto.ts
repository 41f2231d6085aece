// Crypto micro-benchmarks: Ed25519 and ECVRF through libsodium (sodium-native) against the
// references they replaced (node:crypto for Ed25519, @noble/curves for the ECVRF; @noble/curves
// Ed25519 too), and the identity hash chain. Each native/reference pair is timed in alternating
// slices and charged CPU time, not wall time (the 2 cores are shared): ops/s here means
// operations per CPU-second.
import { ed25519 } from '@noble/curves/ed25519.js'
import { createHash } from 'node:crypto'
import { type BenchRow, type BenchSuite, round } from '../harness.js'
import { signingKeyFromSeed, signDomain, verifyDomain, signDomainReference, verifyDomainReference } from '../../src/crypto/ed25519.js'
import {
  vrfProve, vrfVerify, vrfPublicKey, vrfProofToHash, vrfPathCounts,
  vrfProveReference, vrfVerifyReference, vrfProofToHashReference, vrfPrepareKeyReference,
} from '../../src/crypto/vrf.js'
import { HashChainTraverser, HashChainWallet, hashChainMemoryBound, hashChainStepBound, type ChainStore } from '../../src/crypto/hashchain.js'

const seed = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(label).digest())

/**
 * ops per CPU-second of each function: `slices` alternating slices of about ms / slices of wall
 * time each (after a warm-up), each slice charged the process's CPU time (user + system) it used,
 * not its wall time, so time spent waiting for a core on a shared machine does not count.
 */
function alternating(fns: Array<() => unknown>, ms: number, slices = 6): number[] {
  for (const f of fns) for (let i = 0; i < 3; i++) f()
  const ops = fns.map(() => 0)
  const cpuUs = fns.map(() => 0)
  const slice = ms / slices
  for (let r = 0; r < slices; r++) {
    for (const [i, f] of fns.entries()) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      let n = 0
      while (performance.now() - t0 < slice) {
        f()
        n++
      }
      const c = process.cpuUsage(c0)
      ops[i] += n
      cpuUs[i] += c.user + c.system
    }
  }
  return ops.map((n, i) => n / (cpuUs[i] / 1e6))
}

const us = (opsPerS: number): string => `${round(1e6 / opsPerS, 1)} us CPU/op`

function ed25519Rows(ms: number): BenchRow[] {
  const key = signingKeyFromSeed(seed('bench-ed25519'))
  const msg = seed('bench-msg')
  const domain = 'bench'
  // All three sign the exact bytes of signDomain; RFC 8032 signatures are deterministic.
  const signed = new Uint8Array(Buffer.concat([Buffer.from('gridauth/1/'), Buffer.from(domain), Buffer.of(0), msg]))
  const sig = signDomain(key, domain, msg)
  const osslSig = signDomainReference(key, domain, msg)
  const nobleSig = ed25519.sign(signed, key.seed)
  if (Buffer.compare(Buffer.from(sig), Buffer.from(osslSig)) !== 0) throw new Error('libsodium and node:crypto signatures differ')
  if (Buffer.compare(Buffer.from(sig), Buffer.from(nobleSig)) !== 0) throw new Error('libsodium and noble signatures differ')
  if (!verifyDomain(key.publicKey, domain, msg, sig) || !verifyDomainReference(key.publicKey, domain, msg, sig)) throw new Error('Ed25519 self-check failed')
  const [sodiumSign, osslSign, nobleSign] = alternating([
    () => signDomain(key, domain, msg), () => signDomainReference(key, domain, msg), () => ed25519.sign(signed, key.seed),
  ], ms)
  const [sodiumVerify, osslVerify, nobleVerify] = alternating([
    () => verifyDomain(key.publicKey, domain, msg, sig), () => verifyDomainReference(key.publicKey, domain, msg, sig),
    () => ed25519.verify(nobleSig, signed, key.publicKey),
  ], ms)
  return [
    { metric: 'Ed25519 sign (libsodium, signDomain)', value: round(sodiumSign, 0), unit: 'ops/s', note: `${us(sodiumSign)}; ${round(sodiumSign / osslSign, 2)}x node:crypto, ${round(sodiumSign / nobleSign, 1)}x @noble/curves` },
    { metric: 'Ed25519 sign (node:crypto reference)', value: round(osslSign, 0), unit: 'ops/s', note: us(osslSign) },
    { metric: 'Ed25519 sign (@noble/curves)', value: round(nobleSign, 0), unit: 'ops/s', note: us(nobleSign) },
    { metric: 'Ed25519 verify (libsodium, verifyDomain)', value: round(sodiumVerify, 0), unit: 'ops/s', note: `${us(sodiumVerify)}; ${round(sodiumVerify / osslVerify, 2)}x node:crypto, ${round(sodiumVerify / nobleVerify, 1)}x @noble/curves` },
    { metric: 'Ed25519 verify (node:crypto reference)', value: round(osslVerify, 0), unit: 'ops/s', note: us(osslVerify) },
    { metric: 'Ed25519 verify (@noble/curves)', value: round(nobleVerify, 0), unit: 'ops/s', note: us(nobleVerify) },
  ]
}

function vrfRows(ms: number): BenchRow[] {
  const sk = seed('bench-vrf')
  const pk = vrfPublicKey(sk)
  const alpha = seed('bench-alpha')
  const pi = vrfProve(sk, alpha)
  if (Buffer.compare(Buffer.from(pi), Buffer.from(vrfProveReference(sk, alpha))) !== 0) throw new Error('VRF proofs differ')
  const beta = vrfVerify(pk, alpha, pi)
  if (beta === null || Buffer.compare(Buffer.from(beta), Buffer.from(vrfVerifyReference(pk, alpha, pi) ?? [])) !== 0) throw new Error('VRF self-check failed')
  vrfPrepareKeyReference(pk) // the reference's wNAF table for the key, as a validator would have it
  const before = { ...vrfPathCounts }
  const [nativeProve, refProve] = alternating([() => vrfProve(sk, alpha), () => vrfProveReference(sk, alpha)], ms)
  const [nativeVerify, refVerify] = alternating([() => vrfVerify(pk, alpha, pi), () => vrfVerifyReference(pk, alpha, pi)], ms)
  const [nativeHash, refHash] = alternating([() => vrfProofToHash(pi), () => vrfProofToHashReference(pi)], ms / 2)
  if (vrfPathCounts.fallbackProve !== before.fallbackProve || vrfPathCounts.fallbackVerify !== before.fallbackVerify) throw new Error('VRF bench left the libsodium path')
  return [
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI prove (libsodium)', value: round(nativeProve, 0), unit: 'ops/s', note: `${us(nativeProve)}; ${round(nativeProve / refProve, 1)}x @noble/curves` },
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI prove (@noble/curves reference)', value: round(refProve, 0), unit: 'ops/s', note: us(refProve) },
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI verify (libsodium)', value: round(nativeVerify, 0), unit: 'ops/s', note: `${us(nativeVerify)}; ${round(nativeVerify / refVerify, 1)}x @noble/curves; with validate_key` },
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI verify (@noble/curves reference)', value: round(refVerify, 0), unit: 'ops/s', note: `${us(refVerify)}; key table precomputed` },
    { metric: 'ECVRF proof_to_hash (libsodium)', value: round(nativeHash, 0), unit: 'ops/s', note: `${us(nativeHash)}; ${round(nativeHash / refHash, 1)}x @noble/curves` },
    { metric: 'ECVRF proof_to_hash (@noble/curves reference)', value: round(refHash, 0), unit: 'ops/s', note: us(refHash) },
  ]
}

function chainRows(n: number, steps: number): BenchRow[] {
  const t0 = performance.now()
  const t = HashChainTraverser.create(seed(`bench-chain-${n}`), n)
  const setupMs = performance.now() - t0
  let total = 0
  let max = 0
  let maxMem = t.storedValues
  let maxBytes = t.toBytes().length
  const t1 = performance.now()
  for (let i = 0; i < steps; i++) {
    t.advance()
    total += t.lastStepHashes
    if (t.lastStepHashes > max) max = t.lastStepHashes
    if (t.storedValues > maxMem) maxMem = t.storedValues
  }
  const stepUs = ((performance.now() - t1) * 1000) / steps
  for (let i = 0; i < Math.min(steps, 2000); i++) maxBytes = Math.max(maxBytes, t.toBytes().length)
  const span = steps === n ? 'whole chain' : `first ${steps} of ${n} steps`
  const tag = `N=${n.toExponential(0).replace('+', '')}`
  return [
    { metric: `hash chain ${tag}: setup`, value: round(setupMs, 1), unit: 'ms', note: `${n} SHA-256 (computes anchor and initial pebbles)` },
    { metric: `hash chain ${tag}: hashes per step (avg)`, value: round(total / steps, 2), unit: 'hashes', note: span },
    { metric: `hash chain ${tag}: hashes per step (max)`, value: max, unit: 'hashes', note: `${span}; bound ${hashChainStepBound(n)}` },
    { metric: `hash chain ${tag}: stored values (max)`, value: maxMem, unit: '32-byte values', note: `pebbles + anchor; bound ${hashChainMemoryBound(n)}; state <= ${maxBytes} bytes` },
    { metric: `hash chain ${tag}: advance()`, value: round(stepUs, 2), unit: 'us', note: span },
  ]
}

async function walletRow(reveals: number): Promise<BenchRow> {
  let saved = 0
  const store: ChainStore = {
    load: async () => undefined,
    save: async (b) => { saved += b.length },
  }
  const w = await HashChainWallet.create(store, seed('bench-wallet'), 10_000)
  const t0 = performance.now()
  for (let i = 0; i < reveals; i++) await w.reveal()
  const us = ((performance.now() - t0) * 1000) / reveals
  return { metric: 'hash chain wallet reveal() (N=1e4)', value: round(us, 2), unit: 'us', note: `advance + serialise + in-memory save (~${Math.round(saved / (reveals + 1))} bytes per save); excludes real storage I/O` }
}

export const suite: BenchSuite = {
  name: 'crypto',
  title: 'Crypto primitives: Ed25519, ECVRF (libsodium vs references), identity hash chain',
  async run({ quick }) {
    const ms = quick ? 150 : 1000
    return [
      ...ed25519Rows(ms),
      ...vrfRows(ms * 2),
      ...chainRows(10_000, 10_000),
      ...chainRows(1_000_000, quick ? 2_000 : 20_000),
      await walletRow(quick ? 2_000 : 9_000),
    ]
  },
}
