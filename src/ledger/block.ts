// Block and header codecs, commit votes and commit certificates.
// A commit certificate is >= quorum(n) signatures of distinct validators of the set that was
// current BEFORE the block (the pre-state of the block) over the encoded
// CommitVote{height, view, header_hash}, domain "ledger/commit@<network-id>".
// INTEGRATION (PBFT): sign exactly commitVoteBytes(header) in COMMIT so the collected
// commit signatures form this certificate without re-signing.
import { signDomain, type SigningKey } from '../crypto/ed25519.js'
import { bytesEqual } from '../crypto/merkle.js'
import type * as wire from '../wire/ledger.js'
import { ab, codecs, decodeCanonical, DecodeError, headerHash, toHex } from './codec.js'
import { Domain, MAX_BLOCK_BYTES, MAX_BLOCK_TXS, MAX_VALIDATORS, netDomain } from './constants.js'
import type { Block, BlockHeader, ValidatorInfo } from './state.js'
import { directVerifier, type SignatureCache, type SignatureVerifier } from './sigcache.js'
import { TOUCH_PREFIX_LEN } from './touched.js'

export type CommitCertificate = wire.CommitCertificate
export type CommitSignature = wire.CommitSignature

export function encodeHeader (h: BlockHeader): Uint8Array {
  return codecs.header.encode(h)
}

/** Largest encoded header: 4 KiB of fixed fields plus a touched list of one prefix per transaction. */
export const MAX_HEADER_BYTES = 4096 + TOUCH_PREFIX_LEN * MAX_BLOCK_TXS

export function decodeHeader (bytes: Uint8Array): BlockHeader {
  return decodeCanonical(codecs.header, bytes, 'block header', MAX_HEADER_BYTES)
}

export function encodeBlock (b: Block): Uint8Array {
  return codecs.block.encode({ header: b.header, txs: b.txs.map(ab) })
}

export function decodeBlock (bytes: Uint8Array): Block {
  const b = decodeCanonical({
    encode: codecs.block.encode,
    decode: (buf: Uint8Array) => (codecs.block as unknown as { decode: (b: Uint8Array, o: unknown) => wire.Block }).decode(buf, { limits: { txs: MAX_BLOCK_TXS } })
  }, bytes, 'block', MAX_BLOCK_BYTES)
  if (b.header === undefined) throw new DecodeError('block: missing header')
  return { header: b.header, txs: b.txs }
}

/** Fault tolerance f for n validators: floor((n - 1) / 3). */
export function faultTolerance (n: number): number {
  return Math.floor((n - 1) / 3)
}

/** Quorum for n validators: the smallest q with 2q - n > f, i.e. 2f+1 when n = 3f+1. */
export function quorumSize (n: number): number {
  return Math.floor((n + faultTolerance(n)) / 2) + 1
}

export function commitVoteBytes (header: BlockHeader): Uint8Array {
  return codecs.commitVote.encode({ height: header.height, view: header.view, headerHash: ab(headerHash(header)) })
}

export function signCommit (key: SigningKey, header: BlockHeader): CommitSignature {
  return {
    publicKey: ab(key.publicKey),
    signature: ab(signDomain(key, netDomain(Domain.Commit, header.networkId), commitVoteBytes(header)))
  }
}

/** Verifies one commit vote signature (for PBFT, which collects them one by one). */
export function verifyCommitSignature (header: BlockHeader, sig: CommitSignature, verifier?: SignatureVerifier): boolean {
  return (verifier ?? directVerifier).verify(sig.publicKey, netDomain(Domain.Commit, header.networkId), commitVoteBytes(header), sig.signature)
}

/** Records a commit signature this process made itself in `cache`, as verified. */
export function cacheOwnCommitSignature (cache: SignatureCache, header: BlockHeader, sig: CommitSignature): void {
  cache.addVerified(sig.publicKey, netDomain(Domain.Commit, header.networkId), commitVoteBytes(header), sig.signature)
}

/** Assembles a certificate; signatures are sorted by public key (canonical form). */
export function makeCommitCertificate (header: BlockHeader, signatures: CommitSignature[]): CommitCertificate {
  const sigs = signatures.slice().sort((a, b) => Buffer.compare(a.publicKey, b.publicKey))
  return { height: header.height, view: header.view, headerHash: ab(headerHash(header)), signatures: sigs }
}

export function encodeCommitCertificate (c: CommitCertificate): Uint8Array {
  return codecs.commitCertificate.encode(c)
}

export function decodeCommitCertificate (bytes: Uint8Array): CommitCertificate {
  return decodeCanonical({
    encode: codecs.commitCertificate.encode,
    decode: (buf: Uint8Array) => (codecs.commitCertificate as unknown as { decode: (b: Uint8Array, o: unknown) => CommitCertificate }).decode(buf, { limits: { signatures: MAX_VALIDATORS } })
  }, bytes, 'commit certificate', 16384)
}

/**
 * True when `cert` certifies `header`: it names the header's height, view and hash, and holds
 * valid signatures of at least quorumSize(validators.length) distinct members of
 * `validators` (the set current before the block). Any non-member, duplicate or invalid
 * signature makes the certificate invalid. Never throws. `verifier` (a SignatureCache) skips
 * signatures this process has verified already (a validator's COMMIT votes).
 */
export function verifyCommitCertificate (header: BlockHeader, cert: CommitCertificate, validators: readonly ValidatorInfo[], verifier?: SignatureVerifier): boolean {
  const v = verifier ?? directVerifier
  try {
    if (cert.height !== header.height || cert.view !== header.view) return false
    if (!bytesEqual(cert.headerHash, headerHash(header))) return false
    const members = new Set(validators.map(v => toHex(v.publicKey)))
    const seen = new Set<string>()
    const msg = commitVoteBytes(header)
    const domain = netDomain(Domain.Commit, header.networkId)
    for (const s of cert.signatures) {
      const k = toHex(s.publicKey)
      if (!members.has(k) || seen.has(k)) return false
      seen.add(k)
      if (!v.verify(s.publicKey, domain, msg, s.signature)) return false
    }
    return seen.size >= quorumSize(validators.length)
  } catch {
    return false
  }
}
