// Signature pre-verification. Ed25519 verification dominates block execution (one or two
// per transaction). A replica can verify a request's signature once when it arrives (or in
// a worker thread) and record it here; block execution then only looks the triple up.
// Determinism is unaffected: an entry exists only if this process verified that exact
// (public key, domain, message, signature) itself, so results equal uncached verification.
import { createHash } from 'node:crypto'
import { verifyDomain } from '../crypto/ed25519.js'
import { BoundedSet } from '../util/bounded-set.js'

export interface SignatureVerifier {
  verify: (publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array) => boolean
}

export const directVerifier: SignatureVerifier = { verify: verifyDomain }

function keyOf (publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): string {
  return createHash('sha256').update(publicKey).update(domain).update(Uint8Array.of(0)).update(message).update(signature).digest('base64')
}

/**
 * Entries a SignatureCache holds by default (~90 B each: ~3 MB). An entry is needed only while
 * its transaction or block is in flight (a tx's signature from arrival to execution, a COMMIT
 * vote's ledger signature until the block is stored): this covers ~30 blocks of the default
 * 1,024 txs. It was 200,000 (~17 MB once a long-running validator had filled it).
 */
export const SIGNATURE_CACHE_ENTRIES = 32_768

/** Bounded cache of successfully verified signatures (FIFO eviction). */
export class SignatureCache implements SignatureVerifier {
  private readonly ok: BoundedSet
  constructor (readonly capacity = SIGNATURE_CACHE_ENTRIES) {
    this.ok = new BoundedSet(capacity)
  }

  get size (): number { return this.ok.size }

  /** Records a signature this process has verified by other means (e.g. a worker thread). */
  addVerified (publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): void {
    this.ok.add(keyOf(publicKey, domain, message, signature))
  }

  /** Cached result if present, else verifies now (and caches a success). */
  verify (publicKey: Uint8Array, domain: string, message: Uint8Array, signature: Uint8Array): boolean {
    const k = keyOf(publicKey, domain, message, signature)
    if (this.ok.has(k)) return true
    const good = verifyDomain(publicKey, domain, message, signature)
    if (good) this.ok.add(k)
    return good
  }
}
