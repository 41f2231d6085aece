import { test } from 'node:test'
import * as assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as path from 'node:path'
import fc from 'fast-check'
import { ed25519 } from '@noble/curves/ed25519.js'
import { vrfProve, vrfVerify, vrfProofToHash, vrfPublicKey, VRF_PROOF_LEN } from '../../../src/crypto/vrf.js'
import { signingKeyFromSeed } from '../../../src/crypto/ed25519.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))

interface Vector { suite: string; sk: string; pk: string; alpha: string; pi: string; beta: string; example: number; h?: string }

function loadVectors(): Vector[] {
  // dist/test/unit/crypto/vrf.test.js -> /work/shared (the repo's sibling); fall back to cwd.
  const candidates = [
    fileURLToPath(new URL('../../../../../shared/vectors/ecvrf-rfc9381.json', import.meta.url)),
    path.resolve(process.cwd(), '../shared/vectors/ecvrf-rfc9381.json'),
  ]
  const file = candidates.find((p) => existsSync(p))
  if (file === undefined) throw new Error(`vector file not found in ${candidates.join(', ')}`)
  const all = (JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors
  return all.filter((v) => v.suite === 'ECVRF-EDWARDS25519-SHA512-TAI')
}

const vectors = loadVectors()
const Q = ed25519.Point.Fn.ORDER
const P = ed25519.Point.Fp.ORDER

function leBytes(n: bigint, len = 32): Uint8Array {
  const out = new Uint8Array(len)
  for (let i = 0; i < len; i++) { out[i] = Number(n & 0xffn); n >>= 8n }
  return out
}
function leNum(b: Uint8Array): bigint {
  let n = 0n
  for (let i = b.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(b[i])
  return n
}

// A fixed valid key/proof for the rejection tests.
const SK = unhex(vectors[0].sk)
const PK = unhex(vectors[0].pk)
const ALPHA = new TextEncoder().encode('gridauth view=7 seq=42')
const PI = vrfProve(SK, ALPHA)

test('RFC 9381 B.3 vectors: pk, pi and beta byte for byte (examples 16-18)', () => {
  assert.equal(vectors.length, 3)
  for (const v of vectors) {
    const sk = unhex(v.sk)
    const alpha = unhex(v.alpha)
    assert.equal(hex(vrfPublicKey(sk)), v.pk, `pk, example ${v.example}`)
    const pi = vrfProve(sk, alpha)
    assert.equal(pi.length, VRF_PROOF_LEN)
    assert.equal(hex(pi), v.pi, `pi, example ${v.example}`)
    assert.equal(hex(vrfProofToHash(pi)), v.beta, `proof_to_hash, example ${v.example}`)
    const beta = vrfVerify(unhex(v.pk), alpha, unhex(v.pi))
    assert.ok(beta !== null, `verify, example ${v.example}`)
    assert.equal(hex(beta), v.beta)
  }
})

test('vrfPublicKey equals the node:crypto Ed25519 public key', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
      assert.deepEqual(vrfPublicKey(seed), signingKeyFromSeed(seed).publicKey)
    }),
    { numRuns: 50 },
  )
})

test('prove/verify round trip on random keys and alphas; wrong alpha and wrong key reject', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 64 }),
      (seed, alpha, other) => {
        const pk = vrfPublicKey(seed)
        const pi = vrfProve(seed, alpha)
        const beta = vrfVerify(pk, alpha, pi)
        assert.ok(beta !== null)
        assert.equal(beta.length, 64)
        assert.deepEqual(beta, vrfProofToHash(pi))
        assert.deepEqual(vrfProve(seed, alpha), pi, 'deterministic')
        if (hex(other) !== hex(alpha)) assert.equal(vrfVerify(pk, other, pi), null)
        assert.equal(vrfVerify(PK, alpha, pi), hex(pk) === hex(PK) ? beta : null)
      },
    ),
    { numRuns: 25 },
  )
})

test('flipping any bit pattern in any byte of pi rejects', () => {
  assert.ok(vrfVerify(PK, ALPHA, PI))
  fc.assert(
    fc.property(fc.integer({ min: 0, max: VRF_PROOF_LEN - 1 }), fc.integer({ min: 1, max: 255 }), (i, mask) => {
      const bad = Uint8Array.from(PI)
      bad[i] ^= mask
      assert.equal(vrfVerify(PK, ALPHA, bad), null)
    }),
    { numRuns: 120 },
  )
  // and every single byte position, with one fixed flip
  for (let i = 0; i < VRF_PROOF_LEN; i++) {
    const bad = Uint8Array.from(PI)
    bad[i] ^= 0x01
    assert.equal(vrfVerify(PK, ALPHA, bad), null, `byte ${i}`)
  }
})

test('wrong alpha rejects', () => {
  assert.equal(vrfVerify(PK, new TextEncoder().encode('gridauth view=7 seq=43'), PI), null)
  assert.equal(vrfVerify(PK, new Uint8Array(0), PI), null)
})

// The 8 points of order dividing 8, canonical encodings.
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000', // identity
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // (0,-1), order 2
  '0000000000000000000000000000000000000000000000000000000000000000', // order 4
  '0000000000000000000000000000000000000000000000000000000000000080', // order 4
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
]

test('all 8 small-order public keys are rejected (validate_key)', () => {
  const seen = new Set<string>()
  for (const enc of SMALL_ORDER) {
    const p = ed25519.Point.fromBytes(unhex(enc)) // canonical: decodes
    assert.ok(p.isSmallOrder(), enc)
    assert.ok(p.clearCofactor().is0())
    seen.add(p.toBytes().toString())
    // A proof "for" such a key: Gamma = identity-ish forgeries and the honest proof all reject.
    assert.equal(vrfVerify(unhex(enc), ALPHA, PI), null, enc)
    const forged = new Uint8Array(80)
    forged.set(unhex(enc), 0)
    assert.equal(vrfVerify(unhex(enc), ALPHA, forged), null, enc)
  }
  assert.equal(seen.size, 8)
})

test('non-canonical encodings (y >= p) are rejected as key and as Gamma', () => {
  let count = 0
  for (let y = P; y < 2n ** 255n; y++) {
    for (const sign of [0, 0x80]) {
      const enc = leBytes(y)
      enc[31] |= sign
      assert.equal(vrfVerify(enc, ALPHA, PI), null)
      const bad = Uint8Array.from(PI)
      bad.set(enc, 0)
      assert.equal(vrfVerify(PK, ALPHA, bad), null)
      count++
    }
  }
  assert.equal(count, 38)
  // y + p for every y < 19 that is a valid point: the same point, non-canonically encoded.
  let aliases = 0
  for (let y = 0n; y < 19n; y++) {
    let ok = true
    try { ed25519.Point.fromBytes(leBytes(y)) } catch { ok = false }
    if (!ok) continue
    aliases++
    assert.throws(() => ed25519.Point.fromBytes(leBytes(y + P)))
  }
  assert.ok(aliases >= 2)
})

test('x = 0 with the sign bit set is rejected', () => {
  for (const enc of ['0100000000000000000000000000000000000000000000000000000000000080',
                     'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff']) {
    assert.throws(() => ed25519.Point.fromBytes(unhex(enc), false))
    assert.equal(vrfVerify(unhex(enc), ALPHA, PI), null)
    const bad = Uint8Array.from(PI)
    bad.set(unhex(enc), 0)
    assert.equal(vrfVerify(PK, ALPHA, bad), null)
    assert.throws(() => vrfProofToHash(bad))
  }
})

test('s >= q is rejected (s + q would otherwise verify)', () => {
  const s = leNum(PI.subarray(48, 80))
  assert.ok(s < Q)
  const bad = Uint8Array.from(PI)
  bad.set(leBytes(s + Q), 48)
  // Same scalar mod q: only the explicit range check rejects it.
  assert.equal(vrfVerify(PK, ALPHA, bad), null)
  assert.throws(() => vrfProofToHash(bad))
  const maxS = Uint8Array.from(PI)
  maxS.fill(0xff, 48, 80)
  assert.equal(vrfVerify(PK, ALPHA, maxS), null)
  const exactQ = Uint8Array.from(PI)
  exactQ.set(leBytes(Q), 48)
  assert.equal(vrfVerify(PK, ALPHA, exactQ), null)
})

test('truncated and extended proofs, and wrong-length keys, are rejected', () => {
  for (const len of [0, 1, 32, 48, 79]) {
    assert.equal(vrfVerify(PK, ALPHA, PI.subarray(0, len)), null)
    assert.throws(() => vrfProofToHash(PI.subarray(0, len)))
  }
  for (const extra of [1, 16, 80]) {
    const ext = new Uint8Array(80 + extra)
    ext.set(PI)
    assert.equal(vrfVerify(PK, ALPHA, ext), null)
    assert.throws(() => vrfProofToHash(ext))
  }
  assert.equal(vrfVerify(PK.subarray(0, 31), ALPHA, PI), null)
  assert.equal(vrfVerify(new Uint8Array(33), ALPHA, PI), null)
  assert.throws(() => vrfProve(new Uint8Array(31), ALPHA))
})
