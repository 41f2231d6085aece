// ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381, suite 0x03) on @noble/curves: the reference
// implementation. src/crypto/vrf.ts does the same with libsodium's point arithmetic and falls
// back to the functions here for every input libsodium refuses; the tests check that both give
// identical proofs, outputs and verdicts. Layouts follow RFC 9381 §5 exactly (see
// shared/notes/ecvrf.md); the RFC's Appendix B.3 vectors are reproduced in
// test/unit/crypto/vrf.test.ts against both.
//
// Decoding is strict everywhere (RFC 8032 §5.1.3: y < p, x = 0 only with sign bit 0, point on
// the curve), validate_key (§5.4.5) is always on (small-order public keys are rejected), and
// decode_proof rejects s >= q and any length other than 80. vrfVerifyReference never throws.
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { bytesToNumberLE, numberToBytesLE, concatBytes, equalBytes } from '@noble/curves/utils.js'

export const VRF_PROOF_LEN = 80
export const VRF_OUTPUT_LEN = 64
export const VRF_PUBLIC_KEY_LEN = 32
export const VRF_SECRET_KEY_LEN = 32

const Point = ed25519.Point
type EdPoint = InstanceType<typeof Point>
const Q = Point.Fn.ORDER // 2^252 + 27742317777372353535851937790883648493

const SUITE = 0x03
const ENCODE_TO_CURVE_DOMAIN_FRONT = Uint8Array.of(SUITE, 0x01)
const CHALLENGE_DOMAIN_FRONT = Uint8Array.of(SUITE, 0x02)
const PROOF_TO_HASH_DOMAIN_FRONT = Uint8Array.of(SUITE, 0x03)
const DOMAIN_BACK = Uint8Array.of(0x00)

/** Strict RFC 8032 string_to_point; null on INVALID (y >= p, not on curve, x = 0 with sign 1). */
function stringToPoint(bytes: Uint8Array): EdPoint | null {
  if (bytes.length !== 32) return null
  try {
    return Point.fromBytes(bytes, false)
  } catch {
    return null
  }
}

/** encode_to_curve by try-and-increment (§5.4.1.1); salt = PK_string. */
function encodeToCurve(pkString: Uint8Array, alpha: Uint8Array): EdPoint {
  const ctrByte = new Uint8Array(1)
  for (let ctr = 0; ctr < 256; ctr++) {
    ctrByte[0] = ctr
    const hashString = sha512(concatBytes(ENCODE_TO_CURVE_DOMAIN_FRONT, pkString, alpha, ctrByte, DOMAIN_BACK))
    const p = stringToPoint(hashString.subarray(0, 32))
    if (p === null) continue
    const h = p.clearCofactor()
    if (!h.is0()) return h
  }
  // Probability about 2^-256; the RFC also outputs INVALID here.
  throw new Error('ECVRF encode_to_curve: no valid point after 256 tries')
}

/** challenge_generation (§5.4.3): 16-byte c, returned as the raw string. */
function challenge(p1: Uint8Array, p2: EdPoint, p3: EdPoint, p4: EdPoint, p5: EdPoint): Uint8Array {
  const cString = sha512(
    concatBytes(CHALLENGE_DOMAIN_FRONT, p1, p2.toBytes(), p3.toBytes(), p4.toBytes(), p5.toBytes(), DOMAIN_BACK),
  )
  return cString.subarray(0, 16)
}

interface DecodedProof {
  gamma: EdPoint
  cString: Uint8Array
  c: bigint
  s: bigint
}

/** decode_proof (§5.4.4); null on INVALID. */
function decodeProof(pi: Uint8Array): DecodedProof | null {
  if (!(pi instanceof Uint8Array) || pi.length !== VRF_PROOF_LEN) return null
  const gamma = stringToPoint(pi.subarray(0, 32))
  if (gamma === null) return null
  const cString = pi.slice(32, 48)
  const s = bytesToNumberLE(pi.subarray(48, 80))
  if (s >= Q) return null
  return { gamma, cString, c: bytesToNumberLE(cString), s }
}

function gammaToHash(gamma: EdPoint): Uint8Array {
  return sha512(concatBytes(PROOF_TO_HASH_DOMAIN_FRONT, gamma.clearCofactor().toBytes(), DOMAIN_BACK))
}

function checkSecret(secretSeed: Uint8Array): void {
  if (!(secretSeed instanceof Uint8Array) || secretSeed.length !== VRF_SECRET_KEY_LEN) {
    throw new Error(`ECVRF secret key must be ${VRF_SECRET_KEY_LEN} bytes`)
  }
}

/** The VRF public key: identical to the Ed25519 public key of the same 32-byte seed. */
export function vrfPublicKeyReference(secretSeed: Uint8Array): Uint8Array {
  checkSecret(secretSeed)
  return ed25519.getPublicKey(secretSeed)
}

/** RFC 8032 key expansion (SHA-512 + a base-point multiplication) of a secret key object, cached. */
const extended = new WeakMap<Uint8Array, { seed: Uint8Array, prefix: Uint8Array, scalar: bigint, pointBytes: Uint8Array }>()
function extendedKey(secretSeed: Uint8Array): { prefix: Uint8Array, scalar: bigint, pointBytes: Uint8Array } {
  const hit = extended.get(secretSeed)
  if (hit !== undefined && equalBytes(hit.seed, secretSeed)) return hit
  const { prefix, scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(secretSeed)
  extended.set(secretSeed, { seed: secretSeed.slice(), prefix, scalar, pointBytes })
  return { prefix, scalar, pointBytes }
}

/** ECVRF_prove (§5.1): returns the 80-byte proof pi = Gamma || c(16) || s(32). */
export function vrfProveReference(secretSeed: Uint8Array, alpha: Uint8Array): Uint8Array {
  checkSecret(secretSeed)
  // scalar is the clamped x already reduced mod q (noble's multiply needs 1 <= k < q);
  // equivalent because H below lies in the prime-order subgroup.
  const { prefix, scalar: x, pointBytes: pk } = extendedKey(secretSeed)
  const H = encodeToCurve(pk, alpha)
  const hString = H.toBytes()
  const gamma = H.multiply(x)
  const k = bytesToNumberLE(sha512(concatBytes(prefix, hString))) % Q
  const cString = challenge(pk, H, gamma, Point.BASE.multiply(k), H.multiply(k))
  const c = bytesToNumberLE(cString)
  const s = (k + c * x) % Q
  return concatBytes(gamma.toBytes(), cString, numberToBytesLE(s, 32))
}

/**
 * ECVRF_verify (§5.3) with validate_key (§5.4.5). Returns the 64-byte beta when pi is a valid
 * proof for (publicKey, alpha), null otherwise (including malformed inputs). Never throws.
 */
export function vrfVerifyReference(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): Uint8Array | null {
  try {
    const r = verifyChallenge(publicKey, alpha, pi)
    if (r === null || !equalBytes(r.cPrime, r.proof.cString)) return null
    return gammaToHash(r.proof.gamma)
  } catch {
    return null
  }
}

/**
 * The challenge c' that ECVRF_verify recomputes from U and V (compared with the proof's c by
 * vrfVerifyReference); null when validate_key or decode_proof says INVALID. Exposed so the tests
 * can compare the arithmetic of both implementations even on proofs that do not verify.
 * Never throws.
 */
export function vrfVerifyChallengeReference(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): Uint8Array | null {
  try {
    return verifyChallenge(publicKey, alpha, pi)?.cPrime ?? null
  } catch {
    return null
  }
}

function verifyChallenge(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): { cPrime: Uint8Array, proof: DecodedProof } | null {
  if (!(publicKey instanceof Uint8Array) || !(alpha instanceof Uint8Array)) return null
  const Y = validatedKey(publicKey)
  if (Y === null) return null
  const d = decodeProof(pi)
  if (d === null) return null
  const H = encodeToCurve(publicKey, alpha)
  // c < 2^128 < q and s < q; either may be 0 (public data only: variable time is fine).
  // U = s*B - c*Y (B and the validator key Y have cached wNAF tables);
  // V = s*H - c*Gamma in one joint double-scalar multiplication (shared doublings).
  const U = Point.BASE.multiplyUnsafe(d.s).subtract(Y.multiplyUnsafe(d.c))
  const V = mulSubUnsafe(H, d.s, d.gamma, d.c)
  return { cPrime: challenge(publicKey, H, d.gamma, U, V), proof: d }
}

/**
 * Decoded public keys that passed validate_key (§5.4.5), with wNAF precomputes (the few validator
 * keys are verified against over and over). null = invalid key. Bounded.
 */
const keyCache = new Map<string, EdPoint | null>()
function validatedKey(publicKey: Uint8Array): EdPoint | null {
  const k = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('hex')
  const hit = keyCache.get(k)
  if (hit !== undefined) return hit
  const Y = stringToPoint(publicKey)
  const v = Y === null || Y.isSmallOrder() ? null : Y
  if (v !== null) v.precompute(5, false) // ~18 ms once per key; c*Y then costs ~0.5 ms instead of ~3
  if (keyCache.size >= 256) keyCache.clear()
  keyCache.set(k, v)
  return v
}

/** Warms the key cache (decode, validate_key, tables) so the first vrfVerifyReference for this key is not slow. */
export function vrfPrepareKeyReference(publicKey: Uint8Array): boolean {
  return validatedKey(publicKey) !== null
}

/** Signed width-w NAF digits of k >= 0, least significant first. */
function wnaf(k: bigint, w: number): Int8Array {
  const out = new Int8Array(256)
  const full = 1n << BigInt(w)
  const half = 1n << BigInt(w - 1)
  let i = 0
  while (k > 0n) {
    if ((k & 1n) === 1n) {
      let d = k & (full - 1n)
      if (d >= half) d -= full
      out[i] = Number(d)
      k -= d
    }
    k >>= 1n
    i++
  }
  return out.subarray(0, i)
}

/** Odd multiples P, 3P, ..., (2^(w-1) - 1)P. */
function oddMultiples(p: EdPoint, w: number): EdPoint[] {
  const t = [p]
  const p2 = p.double()
  for (let i = 1; i < 1 << (w - 2); i++) t.push(t[i - 1].add(p2))
  return t
}

/** a*P - b*Q, variable time (Straus / Shamir with width-5 NAF); public inputs only. */
function mulSubUnsafe(p: EdPoint, a: bigint, q: EdPoint, b: bigint): EdPoint {
  const W = 5
  const na = wnaf(a, W)
  const nb = wnaf(b, W)
  const tp = oddMultiples(p, W)
  const tq = oddMultiples(q, W)
  let r = Point.ZERO
  for (let i = Math.max(na.length, nb.length) - 1; i >= 0; i--) {
    r = r.double()
    const da = i < na.length ? na[i] : 0
    const db = i < nb.length ? nb[i] : 0
    if (da > 0) r = r.add(tp[(da - 1) >> 1])
    else if (da < 0) r = r.subtract(tp[(-da - 1) >> 1])
    if (db > 0) r = r.subtract(tq[(db - 1) >> 1])
    else if (db < 0) r = r.add(tq[(-db - 1) >> 1])
  }
  return r
}

/**
 * ECVRF_proof_to_hash (§5.2): beta from pi WITHOUT verifying it. Throws if pi does not decode.
 * Only use on proofs already accepted by vrfVerifyReference (which returns the same beta).
 */
export function vrfProofToHashReference(pi: Uint8Array): Uint8Array {
  const d = decodeProof(pi)
  if (d === null) throw new Error('ECVRF proof_to_hash: invalid proof')
  return gammaToHash(d.gamma)
}
