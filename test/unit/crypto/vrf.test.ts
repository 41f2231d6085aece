import { test } from 'node:test'
import * as assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as path from 'node:path'
import fc from 'fast-check'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import {
  vrfProve, vrfVerify, vrfProofToHash, vrfPublicKey, vrfPrepareKey, vrfVerifyChallenge, vrfPathCounts, VRF_PROOF_LEN,
  vrfProveReference, vrfVerifyReference, vrfProofToHashReference, vrfPublicKeyReference, vrfPrepareKeyReference,
  vrfVerifyChallengeReference,
} from '../../../src/crypto/vrf.js'
import { signingKeyFromSeed } from '../../../src/crypto/ed25519.js'
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js'
import { SMALL_ORDER } from './small-order.js'

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

/** Little-endian bytes <-> numbers (RFC 8032 encodings), from @noble/curves. */
function leBytes(n: bigint, len = 32): Uint8Array { return numberToBytesLE(n, len) }
function leNum(b: Uint8Array): bigint { return bytesToNumberLE(b) }

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
    // the @noble/curves reference too
    assert.equal(hex(vrfPublicKeyReference(sk)), v.pk, `reference pk, example ${v.example}`)
    assert.equal(hex(vrfProveReference(sk, alpha)), v.pi, `reference pi, example ${v.example}`)
    assert.equal(hex(vrfProofToHashReference(unhex(v.pi))), v.beta)
    assert.equal(hex(vrfVerifyReference(unhex(v.pk), alpha, unhex(v.pi)) ?? new Uint8Array(0)), v.beta)
  }
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
  assert.throws(() => vrfProofToHash(exactQ))
  assert.throws(() => vrfProofToHashReference(exactQ))
  const belowQ = Uint8Array.from(PI)
  belowQ.set(leBytes(Q - 1n), 48)
  assert.equal(hex(vrfProofToHash(belowQ)), hex(vrfProofToHash(PI)))
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

// ------------------------------------------------------------------------------------------
// libsodium path (vrf.ts) against the @noble/curves reference (vrf-reference.ts)

const Point = ed25519.Point
type EdPoint = InstanceType<typeof Point>
const SMALL = SMALL_ORDER.map((e) => Point.fromBytes(unhex(e)))
const orderOf = (t: EdPoint): number => [1, 2, 4, 8].find((n) => t.multiplyUnsafe(BigInt(n)).is0())!
const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
const alphaArb = fc.uint8Array({ maxLength: 80 })
const optHex = (b: Uint8Array | null): string | null => (b === null ? null : hex(b))

/** Both implementations on the same input: same beta (or null), same recomputed challenge. */
function assertSameVerify(pk: Uint8Array, alpha: Uint8Array, pi: Uint8Array, msg = ''): Uint8Array | null {
  const beta = vrfVerify(pk, alpha, pi)
  assert.equal(optHex(beta), optHex(vrfVerifyReference(pk, alpha, pi)), `verify ${msg}`)
  assert.equal(optHex(vrfVerifyChallenge(pk, alpha, pi)), optHex(vrfVerifyChallengeReference(pk, alpha, pi)), `challenge ${msg}`)
  return beta
}

/** Independent (test-side) encode_to_curve and challenge, to build proofs the prover never makes. */
function encodeToCurveT(pk: Uint8Array, alpha: Uint8Array): EdPoint {
  for (let ctr = 0; ctr < 256; ctr++) {
    const h = sha512(new Uint8Array([3, 1, ...pk, ...alpha, ctr, 0])).subarray(0, 32)
    let p: EdPoint
    try { p = Point.fromBytes(h, false) } catch { continue }
    if (!p.clearCofactor().is0()) return p.clearCofactor()
  }
  throw new Error('unreachable')
}
const challengeT = (...pts: Uint8Array[]): Uint8Array =>
  sha512(new Uint8Array([3, 2, ...pts.flatMap((p) => [...p]), 0])).subarray(0, 16)

/**
 * A proof for the key Y + tY with Gamma = x*H + tG (x the secret of `seed`), nonce k from `j`.
 * ECVRF_verify recomputes U = k*B - c*tY and V = k*H - c*tG, so it accepts exactly when
 * c*tY = c*tG = identity: `valid` says whether this one should.
 */
function forge(seed: Uint8Array, alpha: Uint8Array, tY: EdPoint, tG: EdPoint, j: number): { pk: Uint8Array, pi: Uint8Array, valid: boolean } {
  const { scalar: x, point: Y } = ed25519.utils.getExtendedPublicKey(seed)
  const pk = Y.add(tY).toBytes()
  const H = encodeToCurveT(pk, alpha)
  const gamma = H.multiply(x).add(tG).toBytes()
  const k = (leNum(sha512(new Uint8Array([...seed, ...alpha, j]))) % (Q - 1n)) + 1n
  const cString = challengeT(pk, H.toBytes(), gamma, Point.BASE.multiply(k).toBytes(), H.multiply(k).toBytes())
  const c = leNum(cString)
  const s = (k + c * x) % Q
  const valid = tY.multiplyUnsafe(c).is0() && tG.multiplyUnsafe(c).is0()
  return { pk, pi: new Uint8Array([...gamma, ...cString, ...leBytes(s)]), valid }
}

test('native: identical keys, proofs, outputs and verdicts to the reference on random keys and alphas', () => {
  const before = { ...vrfPathCounts }
  fc.assert(
    fc.property(seedArb, alphaArb, alphaArb, (seed, alpha, other) => {
      const pk = vrfPublicKey(seed)
      assert.equal(hex(pk), hex(vrfPublicKeyReference(seed)))
      const pi = vrfProve(seed, alpha)
      assert.equal(hex(pi), hex(vrfProveReference(seed, alpha)))
      assert.equal(hex(vrfProofToHash(pi)), hex(vrfProofToHashReference(pi)))
      const beta = assertSameVerify(pk, alpha, pi)
      assert.ok(beta !== null)
      assert.equal(hex(beta), hex(vrfProofToHash(pi)))
      assertSameVerify(pk, other, pi, 'other alpha')
      assertSameVerify(PK, alpha, pi, 'other key')
    }),
    { numRuns: 40 },
  )
  assert.ok(vrfPathCounts.nativeProve - before.nativeProve >= 40)
  assert.equal(vrfPathCounts.fallbackProve, before.fallbackProve)
  assert.ok(vrfPathCounts.nativeVerify - before.nativeVerify >= 40)
})

test('native: tampered proofs (bits flipped in Gamma, c and s) get the reference verdict and challenge', () => {
  const proofs = [PI, ...vectors.map((v) => unhex(v.pi))]
  const keys = [PK, ...vectors.map((v) => unhex(v.pk))]
  const alphas = [ALPHA, ...vectors.map((v) => unhex(v.alpha))]
  const before = { ...vrfPathCounts }
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: proofs.length - 1 }),
      fc.constantFrom<[number, number]>([0, 32], [32, 48], [48, 80], [0, 80]),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 }),
      (which, [from, to], flips) => {
        const bad = Uint8Array.from(proofs[which])
        for (const [at, mask] of flips) bad[from + (at % (to - from))] ^= mask
        assertSameVerify(keys[which], alphas[which], bad, `${hex(bad)}`)
      },
    ),
    { numRuns: 300 },
  )
  // c and s tampering keeps Gamma valid: those went through libsodium, not the fallback.
  assert.ok(vrfPathCounts.nativeVerify - before.nativeVerify > 50)
})

test('native: Gamma + each small-order point (mixed-order Gamma), rejected and accepted alike', () => {
  const before = { ...vrfPathCounts }
  let accepted = 0
  for (const [i, t] of SMALL.entries()) {
    // The honest proof with T added to Gamma: c*T != 0 unless ord(T) | c; checked both ways.
    const bad = Uint8Array.from(PI)
    bad.set(Point.fromBytes(PI.subarray(0, 32)).add(t).toBytes(), 0)
    assertSameVerify(PK, ALPHA, bad, `Gamma + small[${i}]`)
    // Proofs made with Gamma = x*H + T that verify (c a multiple of ord(T)) and that do not.
    const seed = unhex(vectors[0].sk)
    for (let j = 0; j < 12; j++) {
      const f = forge(seed, ALPHA, Point.ZERO, t, j)
      const beta = assertSameVerify(f.pk, ALPHA, f.pi, `forged Gamma + small[${i}], j=${j}`)
      assert.equal(beta !== null, f.valid, `small[${i}] j=${j}`)
      if (beta !== null) {
        accepted++
        // 8*Gamma drops T: the output is the honest one.
        assert.equal(hex(beta), hex(vrfProofToHash(vrfProve(seed, ALPHA))))
      }
    }
  }
  assert.ok(accepted >= 12, `accepted ${accepted}`)
  assert.ok(vrfPathCounts.fallbackVerify - before.fallbackVerify > 0, 'libsodium refused the mixed-order Gammas')
})

test('native: mixed-order public keys (Y + small-order point) pass validate_key and verify like the reference', () => {
  const before = { ...vrfPathCounts }
  let accepted = 0
  fc.assert(
    fc.property(seedArb, alphaArb, fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.nat({ max: 40 }), (seed, alpha, ty, tg, j) => {
      const f = forge(seed, alpha, SMALL[ty], SMALL[tg], j)
      assert.equal(vrfPrepareKey(f.pk), true)
      assert.equal(vrfPrepareKeyReference(f.pk), true)
      const beta = assertSameVerify(f.pk, alpha, f.pi, `mixed key small[${ty}] Gamma small[${tg}]`)
      assert.equal(beta !== null, f.valid)
      if (beta !== null) accepted++
    }),
    { numRuns: 60 },
  )
  // and proofs ground until they verify (c a multiple of 8 clears any small-order part)
  for (let ty = 1; ty < 8; ty++) {
    const seed = new Uint8Array(32).fill(ty)
    let f = forge(seed, ALPHA, SMALL[ty], Point.ZERO, 0)
    for (let j = 1; !f.valid; j++) f = forge(seed, ALPHA, SMALL[ty], Point.ZERO, j)
    assert.ok(assertSameVerify(f.pk, ALPHA, f.pi, `ground small[${ty}] (order ${orderOf(SMALL[ty])})`) !== null)
    accepted++
  }
  assert.ok(accepted >= 7)
  assert.ok(vrfPathCounts.fallbackVerify - before.fallbackVerify > 0)
})

test('native: s = 0, c = 0 and other extreme scalars give the reference verdict and challenge', () => {
  const before = { ...vrfPathCounts }
  const cs = [0n, 1n, 2n, 8n, 2n ** 128n - 1n]
  const ss = [0n, 1n, 8n, Q - 1n, Q - 8n]
  const proofs: Array<[Uint8Array, Uint8Array, Uint8Array]> = [[PK, ALPHA, PI], ...vectors.map((v): [Uint8Array, Uint8Array, Uint8Array] => [unhex(v.pk), unhex(v.alpha), unhex(v.pi)])]
  for (const [pk, alpha, pi] of proofs) {
    for (const c of [...cs, leNum(pi.subarray(32, 48))]) {
      for (const s of [...ss, leNum(pi.subarray(48, 80))]) {
        const bad = Uint8Array.from(pi)
        bad.set(leBytes(c, 16), 32)
        bad.set(leBytes(s), 48)
        const beta = assertSameVerify(pk, alpha, bad, `c=${c} s=${s}`)
        assert.equal(beta !== null, hex(bad) === hex(pi))
      }
    }
  }
  assert.ok(vrfPathCounts.fallbackVerify - before.fallbackVerify >= 4 * 11, 'c = 0 or s = 0 go to the reference')
  assert.ok(vrfPathCounts.nativeVerify - before.nativeVerify >= 4 * 25)
})

test('native: strict decoding and cofactor clearing equal the reference on random and edge encodings', () => {
  const same = (enc: Uint8Array): void => {
    const pi = Uint8Array.from(PI)
    pi.set(enc, 0)
    let want: string | null = null
    try { want = hex(vrfProofToHashReference(pi)) } catch { /* INVALID */ }
    let got: string | null = null
    try { got = hex(vrfProofToHash(pi)) } catch { /* INVALID */ }
    assert.equal(got, want, hex(enc))
  }
  // every y in [0, 40] and [p - 40, 2^255 - 1] (y >= p: non-canonical), both sign bits
  const ys: bigint[] = []
  for (let y = 0n; y <= 40n; y++) ys.push(y)
  for (let y = P - 40n; y < 2n ** 255n; y++) ys.push(y)
  for (const y of ys) {
    for (const sign of [0, 0x80]) {
      const enc = leBytes(y)
      enc[31] |= sign
      same(enc)
    }
  }
  for (const enc of SMALL_ORDER) same(unhex(enc))
  fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (enc) => same(enc)), { numRuns: 1500 })
  // validate_key on random strings: same verdict (about half of them decode)
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (enc) => {
      assert.equal(vrfPrepareKey(enc), vrfPrepareKeyReference(enc), hex(enc))
    }),
    { numRuns: 60 },
  )
  for (const enc of SMALL_ORDER) assert.equal(vrfPrepareKey(unhex(enc)), false)
})

test('native: proofs are accepted from any Uint8Array view (offsets), and malformed arguments never throw', () => {
  const buf = new Uint8Array(300)
  buf.set(PK, 3)
  buf.set(PI, 100)
  buf.set(ALPHA, 200)
  const beta = vrfVerify(buf.subarray(3, 35), buf.subarray(200, 200 + ALPHA.length), buf.subarray(100, 180))
  assert.equal(optHex(beta), hex(vrfProofToHash(PI)))
  const junk = [undefined, null, 'x', 7, {}, new Uint16Array(40)] as unknown as Uint8Array[]
  for (const j of junk) {
    assert.equal(vrfVerify(j, ALPHA, PI), null)
    assert.equal(vrfVerify(PK, j, PI), null)
    assert.equal(vrfVerify(PK, ALPHA, j), null)
    assert.equal(vrfPrepareKey(j), false)
    assert.throws(() => vrfProofToHash(j))
    assert.throws(() => vrfProve(SK, j))
    assert.throws(() => vrfProveReference(SK, j))
  }
})
