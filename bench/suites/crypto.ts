// Crypto micro-benchmarks: Ed25519 (node:crypto vs @noble/curves), ECVRF, identity hash chain.
import { ed25519 } from '@noble/curves/ed25519.js'
import { createHash } from 'node:crypto'
import { type BenchRow, type BenchSuite, opsPerSecond, round } from '../harness.js'
import { signingKeyFromSeed, signDomain, verifyDomain } from '../../src/crypto/ed25519.js'
import { vrfProve, vrfVerify, vrfPublicKey } from '../../src/crypto/vrf.js'
import { HashChainTraverser, HashChainWallet, hashChainMemoryBound, hashChainStepBound, type ChainStore } from '../../src/crypto/hashchain.js'

const seed = (label: string): Uint8Array => new Uint8Array(createHash('sha256').update(label).digest())

function ed25519Rows(ms: number): BenchRow[] {
  const key = signingKeyFromSeed(seed('bench-ed25519'))
  const msg = seed('bench-msg')
  const domain = 'bench'
  // noble signs the exact bytes node:crypto signs for signDomain, so the signatures are equal.
  const signed = new Uint8Array(Buffer.concat([Buffer.from('gridauth/1/'), Buffer.from(domain), Buffer.of(0), msg]))
  const sig = signDomain(key, domain, msg)
  const nobleSig = ed25519.sign(signed, key.seed)
  if (Buffer.compare(Buffer.from(sig), Buffer.from(nobleSig)) !== 0) throw new Error('node:crypto and noble signatures differ')
  const nodeSign = opsPerSecond(() => signDomain(key, domain, msg), ms)
  const nobleSign = opsPerSecond(() => ed25519.sign(signed, key.seed), ms)
  const nodeVerify = opsPerSecond(() => verifyDomain(key.publicKey, domain, msg, sig), ms)
  const nobleVerify = opsPerSecond(() => ed25519.verify(nobleSig, signed, key.publicKey), ms)
  return [
    { metric: 'Ed25519 sign (node:crypto)', value: round(nodeSign, 0), unit: 'ops/s', note: `${round(nodeSign / nobleSign, 1)}x @noble/curves` },
    { metric: 'Ed25519 sign (@noble/curves)', value: round(nobleSign, 0), unit: 'ops/s' },
    { metric: 'Ed25519 verify (node:crypto)', value: round(nodeVerify, 0), unit: 'ops/s', note: `${round(nodeVerify / nobleVerify, 1)}x @noble/curves` },
    { metric: 'Ed25519 verify (@noble/curves)', value: round(nobleVerify, 0), unit: 'ops/s' },
  ]
}

function vrfRows(ms: number): BenchRow[] {
  const sk = seed('bench-vrf')
  const pk = vrfPublicKey(sk)
  const alpha = seed('bench-alpha')
  const pi = vrfProve(sk, alpha)
  if (vrfVerify(pk, alpha, pi) === null) throw new Error('VRF self-check failed')
  return [
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI prove', value: round(opsPerSecond(() => vrfProve(sk, alpha), ms), 0), unit: 'ops/s', note: '@noble/curves' },
    { metric: 'ECVRF-EDWARDS25519-SHA512-TAI verify', value: round(opsPerSecond(() => vrfVerify(pk, alpha, pi), ms), 0), unit: 'ops/s', note: 'with validate_key' },
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
  title: 'Crypto primitives: Ed25519, ECVRF, identity hash chain',
  async run({ quick }) {
    const ms = quick ? 150 : 1000
    return [
      ...ed25519Rows(ms),
      ...vrfRows(ms),
      ...chainRows(10_000, 10_000),
      ...chainRows(1_000_000, quick ? 2_000 : 20_000),
      await walletRow(quick ? 2_000 : 9_000),
    ]
  },
}
