// ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381, suite 0x03) with libsodium's point arithmetic.
//
// Used to select the PBFT primary: every validator can verify a proof, and the output (beta)
// is unpredictable to anyone without the prover's secret key. Layouts follow RFC 9381 §5
// exactly (see shared/notes/ecvrf.md); the RFC's Appendix B.3 vectors are reproduced in
// test/unit/crypto/vrf.test.ts.
//
// Same semantics as the @noble/curves reference in ./vrf-reference.ts, bit for bit: decoding is
// strict everywhere (RFC 8032 §5.1.3: y < p, x = 0 only with sign bit 0, point on the curve),
// validate_key (§5.4.5) is always on (small-order public keys are rejected), decode_proof rejects
// s >= q and any length other than 80, and vrfVerify never throws.
//
// What libsodium does here, and why it is exact:
//  - Scalar multiplications (crypto_scalarmult_ed25519[_base]_noclamp; scalars 32-byte
//    little-endian, already < q). libsodium refuses a point that is small-order or outside the
//    prime-order subgroup, a zero scalar, and a result equal to the identity. RFC 9381 allows all
//    of these in verify (a mixed-order Gamma or public key, c = 0 or s = 0), so whenever libsodium
//    refuses, the whole call is redone by the reference (vrfPathCounts counts how often). When it
//    accepts, the inputs are a prime-order point and a non-zero scalar < q: the same product the
//    reference computes, and both encode points canonically (RFC 8032 §5.1.2), so the challenge
//    hashes the same bytes.
//  - Strict string_to_point followed by the cofactor clearing 8*P (encode_to_curve, validate_key,
//    proof_to_hash): y < p and "not x = 0 with the sign bit" are checked on the bytes here
//    (x = 0 exactly when y = 1 or y = p - 1); the remaining condition, that the curve equation
//    has a solution, is what crypto_core_ed25519_add checks when it decodes P to compute 2P
//    (it accepts any point on the curve, of any order), and two more additions give 8P.
//  - SHA-512 (crypto_hash_sha512).
// The nonce and s = k + c*x mod q are computed as in the reference (BigInt for s).
import { sodium } from './sodium.js'
import {
  VRF_PROOF_LEN, VRF_SECRET_KEY_LEN, vrfProveReference, vrfVerifyReference, vrfVerifyChallengeReference,
} from './vrf-reference.js'
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js'

export { VRF_PROOF_LEN, VRF_OUTPUT_LEN, VRF_PUBLIC_KEY_LEN, VRF_SECRET_KEY_LEN } from './vrf-reference.js'
export {
  vrfProveReference, vrfVerifyReference, vrfProofToHashReference, vrfPublicKeyReference,
  vrfPrepareKeyReference, vrfVerifyChallengeReference,
} from './vrf-reference.js'

const Q = 2n ** 252n + 27742317777372353535851937790883648493n
const Q_LE = leBytes(Q)
const IDENTITY = leBytes(1n)

const ENCODE_TO_CURVE_FRONT = Uint8Array.of(0x03, 0x01)
const CHALLENGE_FRONT = Uint8Array.of(0x03, 0x02)
const PROOF_TO_HASH_FRONT = Uint8Array.of(0x03, 0x03)
const BACK = Uint8Array.of(0x00)

/**
 * How often each path ran in this process: "native" = libsodium did the scalar multiplications,
 * "fallback" = it refused an input (mixed-order or small-order point, zero scalar) and the
 * reference decided. For tests and diagnostics.
 */
export const vrfPathCounts = { nativeProve: 0, fallbackProve: 0, nativeVerify: 0, fallbackVerify: 0 }

/** Little-endian bytes <-> numbers (RFC 8032 encodings), from @noble/curves. */
function leBytes(n: bigint, len = 32): Uint8Array { return numberToBytesLE(n, len) }
function leNum(b: Uint8Array): bigint { return bytesToNumberLE(b) }

function sha512(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(64)
  sodium.crypto_hash_sha512(out, parts.length === 1 ? parts[0] : Buffer.concat(parts))
  return out
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let d = 0
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i]
  return d === 0
}

/** s < q for a 32-byte little-endian s. */
function belowQ(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i] !== Q_LE[i]) return s[i] < Q_LE[i]
  }
  return false
}

/** RFC 8032 §5.1.3 on the bytes alone: y < p, and not x = 0 (y = 1 or y = p - 1) with the sign bit set. */
function strictEncoding(b: Uint8Array): boolean {
  let mid0 = true // bytes 1..30 all 0x00
  let midF = true // bytes 1..30 all 0xff
  for (let i = 1; i < 31; i++) {
    mid0 &&= b[i] === 0x00
    midF &&= b[i] === 0xff
  }
  const top = b[31] & 0x7f
  if (midF && top === 0x7f && b[0] >= 0xed) return false // y >= p = 2^255 - 19
  if ((b[31] & 0x80) !== 0) {
    if (mid0 && top === 0 && b[0] === 0x01) return false // y = 1
    if (midF && top === 0x7f && b[0] === 0xec) return false // y = p - 1
  }
  return true
}

/** 8 * string_to_point(b) (strict decoding), canonically encoded; null when b is INVALID. */
function clearCofactorStrict(b: Uint8Array): Uint8Array | null {
  if (b.length !== 32 || !strictEncoding(b)) return null
  const r = new Uint8Array(32)
  try {
    sodium.crypto_core_ed25519_add(r, b, b) // refuses exactly when b is not on the curve
  } catch {
    return null
  }
  sodium.crypto_core_ed25519_add(r, r, r)
  sodium.crypto_core_ed25519_add(r, r, r)
  return r
}

/** encode_to_curve by try-and-increment (§5.4.1.1); salt = PK_string. Returns h_string. */
function encodeToCurve(pkString: Uint8Array, alpha: Uint8Array): Uint8Array {
  const input = new Uint8Array(2 + 32 + alpha.length + 2)
  input.set(ENCODE_TO_CURVE_FRONT, 0)
  input.set(pkString, 2)
  input.set(alpha, 34)
  const ctrAt = 34 + alpha.length
  input[ctrAt + 1] = BACK[0]
  for (let ctr = 0; ctr < 256; ctr++) {
    input[ctrAt] = ctr
    const h = clearCofactorStrict(sha512(input).subarray(0, 32))
    if (h !== null && !equal(h, IDENTITY)) return h
  }
  // Probability about 2^-256; the RFC also outputs INVALID here.
  throw new Error('ECVRF encode_to_curve: no valid point after 256 tries')
}

/** challenge_generation (§5.4.3) over five encoded points: the 16-byte c_string. */
function challenge(p1: Uint8Array, p2: Uint8Array, p3: Uint8Array, p4: Uint8Array, p5: Uint8Array): Uint8Array {
  return sha512(CHALLENGE_FRONT, p1, p2, p3, p4, p5, BACK).subarray(0, 16)
}

/** proof_to_hash (§5.2) from 8*Gamma. */
function gamma8ToHash(gamma8: Uint8Array): Uint8Array {
  return sha512(PROOF_TO_HASH_FRONT, gamma8, BACK)
}

function checkSecret(secretSeed: Uint8Array): void {
  if (!(secretSeed instanceof Uint8Array) || secretSeed.length !== VRF_SECRET_KEY_LEN) {
    throw new Error(`ECVRF secret key must be ${VRF_SECRET_KEY_LEN} bytes`)
  }
}

interface ExpandedKey {
  /** Copy of the seed, to notice a caller mutating the array used as the cache key. */
  seed: Uint8Array
  /** x = clamp(SHA-512(SK)[0..32]) mod q, 32 bytes little-endian. */
  x: Uint8Array
  xInt: bigint
  /** SHA-512(SK)[32..64], the nonce prefix. */
  prefix: Uint8Array
  /** PK_string = point_to_string(x*B), the Ed25519 public key. */
  pk: Uint8Array
}

/** RFC 8032 key expansion of a secret key object, cached. */
const expanded = new WeakMap<Uint8Array, ExpandedKey>()
function expandedKey(secretSeed: Uint8Array): ExpandedKey {
  const hit = expanded.get(secretSeed)
  if (hit !== undefined && equal(hit.seed, secretSeed)) return hit
  const h = sha512(secretSeed)
  const wide = new Uint8Array(64)
  wide.set(h.subarray(0, 32))
  wide[0] &= 248
  wide[31] &= 127
  wide[31] |= 64
  const x = new Uint8Array(32)
  sodium.crypto_core_ed25519_scalar_reduce(x, wide)
  const pk = new Uint8Array(32)
  const sk = new Uint8Array(64)
  sodium.crypto_sign_seed_keypair(pk, sk, secretSeed)
  sk.fill(0)
  wide.fill(0)
  const k: ExpandedKey = { seed: secretSeed.slice(), x, xInt: leNum(x), prefix: h.slice(32), pk }
  expanded.set(secretSeed, k)
  return k
}

/** The VRF public key: identical to the Ed25519 public key of the same 32-byte seed. */
export function vrfPublicKey(secretSeed: Uint8Array): Uint8Array {
  checkSecret(secretSeed)
  return expandedKey(secretSeed).pk.slice()
}

/** ECVRF_prove (§5.1): returns the 80-byte proof pi = Gamma || c(16) || s(32). */
export function vrfProve(secretSeed: Uint8Array, alpha: Uint8Array): Uint8Array {
  checkSecret(secretSeed)
  if (!(alpha instanceof Uint8Array)) throw new Error('ECVRF alpha must be a Uint8Array')
  const key = expandedKey(secretSeed)
  const H = encodeToCurve(key.pk, alpha)
  const k = new Uint8Array(32)
  sodium.crypto_core_ed25519_scalar_reduce(k, sha512(key.prefix, H))
  const gamma = new Uint8Array(32)
  const kB = new Uint8Array(32)
  const kH = new Uint8Array(32)
  try {
    // x*H, k*B, k*H (constant time). H is in the prime-order subgroup; libsodium refuses only
    // x = 0 or k = 0 (mod q), probability about 2^-252 each.
    sodium.crypto_scalarmult_ed25519_noclamp(gamma, key.x, H)
    sodium.crypto_scalarmult_ed25519_base_noclamp(kB, k)
    sodium.crypto_scalarmult_ed25519_noclamp(kH, k, H)
  } catch {
    vrfPathCounts.fallbackProve++
    return vrfProveReference(secretSeed, alpha)
  }
  vrfPathCounts.nativeProve++
  const cString = challenge(key.pk, H, gamma, kB, kH)
  const s = (leNum(k) + leNum(cString) * key.xInt) % Q
  k.fill(0)
  const pi = new Uint8Array(VRF_PROOF_LEN)
  pi.set(gamma, 0)
  pi.set(cString, 32)
  pi.set(leBytes(s), 48)
  return pi
}

/** Public keys that passed validate_key (§5.4.5): strict decoding and 8*Y != identity. Bounded. */
const keyCache = new Map<string, boolean>()
function validKey(publicKey: Uint8Array): boolean {
  const id = Buffer.from(publicKey.buffer, publicKey.byteOffset, publicKey.byteLength).toString('hex')
  const hit = keyCache.get(id)
  if (hit !== undefined) return hit
  const y8 = clearCofactorStrict(publicKey)
  const ok = y8 !== null && !equal(y8, IDENTITY)
  if (keyCache.size >= 256) keyCache.clear()
  keyCache.set(id, ok)
  return ok
}

/** Warms the key cache (decode, validate_key); true when the key is valid. */
export function vrfPrepareKey(publicKey: Uint8Array): boolean {
  return publicKey instanceof Uint8Array && validKey(publicKey)
}

const REFUSED = Symbol('libsodium refused an input')

/**
 * ECVRF_verify (§5.3) up to the final comparison: c' and 8*Gamma, null on INVALID (validate_key,
 * decode_proof), REFUSED when libsodium will not multiply one of the inputs.
 */
function verifyNative(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): { cPrime: Uint8Array, gamma8: Uint8Array } | null | typeof REFUSED {
  if (!(publicKey instanceof Uint8Array) || !(alpha instanceof Uint8Array)) return null
  if (!validKey(publicKey)) return null
  if (!(pi instanceof Uint8Array) || pi.length !== VRF_PROOF_LEN) return null
  // decode_proof: Gamma strictly decoded (it equals its own canonical encoding, so pi[0..32] is
  // point_to_string(Gamma)), c = pi[32..48], s = pi[48..80] < q.
  const gamma = pi.slice(0, 32)
  const gamma8 = clearCofactorStrict(gamma)
  if (gamma8 === null) return null
  const c = new Uint8Array(32)
  c.set(pi.subarray(32, 48))
  const s = pi.slice(48, 80)
  if (!belowQ(s)) return null
  const H = encodeToCurve(publicKey, alpha)
  const sB = new Uint8Array(32)
  const cY = new Uint8Array(32)
  const sH = new Uint8Array(32)
  const cG = new Uint8Array(32)
  try {
    sodium.crypto_scalarmult_ed25519_base_noclamp(sB, s)
    sodium.crypto_scalarmult_ed25519_noclamp(cY, c, publicKey)
    sodium.crypto_scalarmult_ed25519_noclamp(sH, s, H)
    sodium.crypto_scalarmult_ed25519_noclamp(cG, c, gamma)
  } catch {
    return REFUSED
  }
  // U = s*B - c*Y, V = s*H - c*Gamma (the differences may be the identity: no refusal there).
  sodium.crypto_core_ed25519_sub(sB, sB, cY)
  sodium.crypto_core_ed25519_sub(sH, sH, cG)
  return { cPrime: challenge(publicKey, H, gamma, sB, sH), gamma8 }
}

/**
 * ECVRF_verify (§5.3) with validate_key (§5.4.5). Returns the 64-byte beta when pi is a valid
 * proof for (publicKey, alpha), null otherwise (including malformed inputs). Never throws.
 */
export function vrfVerify(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): Uint8Array | null {
  let r: ReturnType<typeof verifyNative>
  try {
    r = verifyNative(publicKey, alpha, pi)
  } catch {
    r = REFUSED // anything unexpected: the reference decides
  }
  if (r === REFUSED) {
    vrfPathCounts.fallbackVerify++
    return vrfVerifyReference(publicKey, alpha, pi)
  }
  if (r === null) return null
  vrfPathCounts.nativeVerify++
  return equal(r.cPrime, pi.subarray(32, 48)) ? gamma8ToHash(r.gamma8) : null
}

/**
 * The challenge c' that vrfVerify recomputes (null on INVALID input), same fallback rule as
 * vrfVerify. For tests: compared with vrfVerifyChallengeReference on proofs that do not verify.
 */
export function vrfVerifyChallenge(publicKey: Uint8Array, alpha: Uint8Array, pi: Uint8Array): Uint8Array | null {
  let r: ReturnType<typeof verifyNative>
  try {
    r = verifyNative(publicKey, alpha, pi)
  } catch {
    r = REFUSED
  }
  if (r === REFUSED) return vrfVerifyChallengeReference(publicKey, alpha, pi)
  return r === null ? null : r.cPrime
}

/**
 * ECVRF_proof_to_hash (§5.2): beta from pi WITHOUT verifying it. Throws if pi does not decode.
 * Only use on proofs already accepted by vrfVerify (which returns the same beta).
 */
export function vrfProofToHash(pi: Uint8Array): Uint8Array {
  const gamma8 = pi instanceof Uint8Array && pi.length === VRF_PROOF_LEN && belowQ(pi.subarray(48, 80))
    ? clearCofactorStrict(pi.slice(0, 32))
    : null
  if (gamma8 === null) throw new Error('ECVRF proof_to_hash: invalid proof')
  return gamma8ToHash(gamma8)
}
