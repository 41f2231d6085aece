// Ed25519 through libsodium (sodium-native), with node:crypto (OpenSSL) kept as the reference.
// The same 32-byte seed is the node's libp2p identity key and its terminal key. Every signature
// is domain-separated: the signed bytes are
//   "gridauth/1/" || domain || 0x00 || message
// so a signature made for one message type can never be replayed as another.
//
// Signing is RFC 8032 and deterministic: libsodium and OpenSSL produce the same 64 bytes for the
// same seed and message (test/unit/crypto/ed25519.test.ts checks it).
//
// Acceptance rule of verifyDomain: crypto_sign_verify_detached of the libsodium that
// sodium-native 5.1.0 bundles (default build, without ED25519_COMPAT). A signature R || S on
// message M under public key A is accepted if and only if ALL of:
//   1. the key is 32 bytes and the signature 64 bytes (checked here first);
//   2. S is canonical: S < L = 2^252 + 27742317777372353535851937790883648493;
//   3. R is not a small-order encoding: libsodium's list of 7 y values, whatever the sign bit:
//      y = 0, 1, p - 1, the 2 y values of the order-8 points (these cover all 8 points of order
//      1, 2, 4 or 8), and the non-canonical y = p and y = p + 1;
//   4. A is canonical (y < p) and not one of those small-order encodings either;
//   5. A decodes to a curve point (RFC 8032 §5.1.3 decoding);
//   6. cofactorless equation, compared as bytes: encode([S]B - [k]A) == R, where
//      k = SHA-512(R || A || M) mod L. So R must be the canonical encoding as well.
// Compared with OpenSSL (the previous path), rules 3 and 4 are the only differences: OpenSSL
// accepts small-order keys, non-canonical keys and small-order R, which lets anyone "sign" any
// message under the identity key (R = identity, S = 0). Honest keys and signatures (A = a*B,
// R = r*B, r and a from SHA-512) are never small-order, so every signature OpenSSL accepted from
// an honest signer is still accepted. Both use the cofactorless equation, so mixed-order keys and
// R values (a small-order component added) are treated the same way by both.
//
// Every node runs this same code, so all replicas agree on every signature; the rule above is
// part of the consensus rules (which is why sodium-native is pinned to an exact version).
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { sodium } from './sodium.js'

export const PUBLIC_KEY_LEN = 32
export const SEED_LEN = 32
export const SIGNATURE_LEN = 64
/** libsodium's secret key: seed || public key. */
export const SECRET_KEY_LEN = 64

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const DOMAIN_PREFIX = Buffer.from('gridauth/1/')

export interface SigningKey {
  /** 32-byte Ed25519 seed (RFC 8032 secret key). Also the ECVRF secret key. */
  readonly seed: Uint8Array
  readonly publicKey: Uint8Array
  /** The same key for node:crypto (OpenSSL); signDomainReference uses it. */
  readonly keyObject: KeyObject
  /** libsodium's 64-byte secret key (seed || publicKey), what signDomain signs with. */
  readonly secretKey: Uint8Array
}

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== SEED_LEN) throw new Error(`Ed25519 seed must be ${SEED_LEN} bytes, got ${seed.length}`)
  const publicKey = new Uint8Array(PUBLIC_KEY_LEN)
  const secretKey = new Uint8Array(SECRET_KEY_LEN)
  sodium.crypto_sign_seed_keypair(publicKey, secretKey, seed)
  const keyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  return { seed: Uint8Array.from(seed), publicKey, keyObject, secretKey }
}

function domainBytes(domain: string, message: Uint8Array): Buffer {
  return Buffer.concat([DOMAIN_PREFIX, Buffer.from(domain), Buffer.of(0), message])
}

/** Signs `message` under `domain` (a short constant naming the message type). */
export function signDomain(key: SigningKey, domain: string, message: Uint8Array): Uint8Array {
  const sig = new Uint8Array(SIGNATURE_LEN)
  sodium.crypto_sign_detached(sig, domainBytes(domain, message), key.secretKey)
  return sig
}

/**
 * Verifies a domain-separated signature with the acceptance rule in the header comment; never
 * throws on malformed keys, signatures or arguments.
 */
export function verifyDomain(publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    if (publicKey.length !== PUBLIC_KEY_LEN || signature.length !== SIGNATURE_LEN) return false
    return sodium.crypto_sign_verify_detached(signature, domainBytes(domain, message), publicKey) === true
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- node:crypto (OpenSSL) reference

/** signDomain through node:crypto: byte-identical output (RFC 8032 signing is deterministic). */
export function signDomainReference(key: SigningKey, domain: string, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, domainBytes(domain, message), key.keyObject))
}

const publicKeyCache = new Map<string, KeyObject>()

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex')
  let k = publicKeyCache.get(id)
  if (k === undefined) {
    k = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
    if (publicKeyCache.size > 4096) publicKeyCache.clear()
    publicKeyCache.set(id, k)
  }
  return k
}

/**
 * The previous verifier, OpenSSL's rule: rules 1, 2, 5 and 6 of the header comment, without 3
 * and 4 (and without requiring a canonical key). For benchmarks and tests; never throws.
 */
export function verifyDomainReference(publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LEN || signature.length !== SIGNATURE_LEN) return false
  try {
    return verify(null, domainBytes(domain, message), publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}
