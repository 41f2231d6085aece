// Registration certificates: issued by the state machine at registration (validity
// notBefore = block time, notAfter = notBefore + genesis.certificateValidityMs) and kept in
// the terminal's record. Any node can verify one from a certified header: commit
// certificate -> header -> record proof -> record.certificate.
import { bytesEqual } from '../crypto/merkle.js'
import { certificateHash, codecs, decodeCanonical } from './codec.js'
import { verifyCommitCertificate, type CommitCertificate } from './block.js'
import { verifyRecordProof, type RecordProof } from './proof.js'
import type { BlockHeader, TerminalRecord, ValidatorInfo } from './state.js'
import type { Certificate } from './tx.js'

export { certificateHash }

export function encodeCertificate (c: Certificate): Uint8Array {
  return codecs.certificate.encode(c)
}

export function decodeCertificate (bytes: Uint8Array): Certificate {
  return decodeCanonical(codecs.certificate, bytes, 'certificate', 1024)
}

/** Is the certificate valid at time `now` (ms)? */
export function certificateValidAt (c: Certificate, now: number): boolean {
  return now >= c.notBefore && now <= c.notAfter
}

export interface CertificateEvidence {
  header: BlockHeader
  commit: CommitCertificate
  /** Validator set current before `header` (the one that certified it). */
  validators: readonly ValidatorInfo[]
  record: TerminalRecord | Uint8Array
  proof: RecordProof | Uint8Array
}

/**
 * Verifies that `cert` is the certificate of a registered terminal as of a committed header:
 * commit certificate valid, record proven under the header's state root, the record's
 * certificate equal to `cert`, and the terminal not revoked. Does not check the time.
 */
export function verifyCertificate (cert: Certificate, ev: CertificateEvidence): boolean {
  if (!verifyCommitCertificate(ev.header, ev.commit, ev.validators)) return false
  if (!verifyRecordProof(ev.header, ev.record, ev.proof)) return false
  let rec: TerminalRecord
  try {
    rec = ev.record instanceof Uint8Array ? decodeCanonical(codecs.record, ev.record, 'record') : ev.record
  } catch {
    return false
  }
  if (rec.certificate === undefined || rec.revoked) return false
  return bytesEqual(certificateHash(rec.certificate), certificateHash(cert))
}
