// A node's skip-graph identity (key and membership vector) derived from its Ed25519 public key.
// The operator's `enroll` uses exactly these derivations when no key / vector is assigned, so a
// node that derives its own identity matches its enrollment record.
import { sha256 } from '../crypto/hash.js'
import { keyFromBytes, mvFromBytes, type Key, type MembershipVector } from './keys.js'

const te = new TextEncoder()
const SKIP_KEY_TAG = te.encode('gridauth/skip-key/1')
const MEMBERSHIP_TAG = te.encode('gridauth/membership/1')

/** 32-byte skip-graph key: sha256("gridauth/skip-key/1" || publicKey). */
export function deriveSkipKeyBytes(publicKey: Uint8Array): Uint8Array {
  return sha256(SKIP_KEY_TAG, publicKey)
}

/** 32-byte (256-bit) membership vector: sha256("gridauth/membership/1" || publicKey). */
export function deriveMembershipVectorBytes(publicKey: Uint8Array): Uint8Array {
  return sha256(MEMBERSHIP_TAG, publicKey)
}

export function deriveSkipKey(publicKey: Uint8Array): Key {
  return keyFromBytes(deriveSkipKeyBytes(publicKey))
}

export function deriveMembershipVector(publicKey: Uint8Array): MembershipVector {
  return mvFromBytes(deriveMembershipVectorBytes(publicKey))
}
