// Ed25519 through node:crypto (OpenSSL). The same 32-byte seed is the node's libp2p identity
// key and its terminal key. Every signature is domain-separated: the signed bytes are
//   "gridauth/1/" || domain || 0x00 || message
// so a signature made for one message type can never be replayed as another.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'

export const PUBLIC_KEY_LEN = 32
export const SEED_LEN = 32
export const SIGNATURE_LEN = 64

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const DOMAIN_PREFIX = Buffer.from('gridauth/1/')

export interface SigningKey {
  /** 32-byte Ed25519 seed (RFC 8032 secret key). Also the ECVRF secret key. */
  readonly seed: Uint8Array
  readonly publicKey: Uint8Array
  readonly keyObject: KeyObject
}

export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== SEED_LEN) throw new Error(`Ed25519 seed must be ${SEED_LEN} bytes, got ${seed.length}`)
  const keyObject = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const spki = createPublicKey(keyObject).export({ format: 'der', type: 'spki' })
  return { seed: Uint8Array.from(seed), publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)), keyObject }
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

function domainBytes(domain: string, message: Uint8Array): Buffer {
  return Buffer.concat([DOMAIN_PREFIX, Buffer.from(domain), Buffer.of(0), message])
}

/** Signs `message` under `domain` (a short constant naming the message type). */
export function signDomain(key: SigningKey, domain: string, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, domainBytes(domain, message), key.keyObject))
}

/** Verifies a domain-separated signature; never throws on malformed keys or signatures. */
export function verifyDomain(publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LEN || signature.length !== SIGNATURE_LEN) return false
  try {
    return verify(null, domainBytes(domain, message), publicKeyObject(publicKey), signature)
  } catch {
    return false
  }
}
