// Transaction builders (for terminals, operator tooling and tests) and inspection helpers
// (for the PBFT request de-duplication and the auth flows). Pure apart from signing.
import { signDomain, type SigningKey } from '../crypto/ed25519.js'
import type * as wire from '../wire/ledger.js'
import { ab, codecs, decodeCanonical, terminalIdOf, txHash } from './codec.js'
import { Domain, MAX_TX_BYTES, TxType, netDomain } from './constants.js'

export type TerminalIdentity = wire.TerminalIdentity
export type SignedEnrollment = wire.SignedEnrollment
export type Certificate = wire.Certificate

/** Operator signs an enrollment offline. expiresAt 0 = no expiry. */
export function makeEnrollment (operator: SigningKey, networkId: string, identity: TerminalIdentity,
  opts: { enrolledAt?: number, expiresAt?: number } = {}): SignedEnrollment {
  const body = codecs.enrollment.encode({ networkId, identity, enrolledAt: opts.enrolledAt ?? 0, expiresAt: opts.expiresAt ?? 0 })
  return { body: ab(body), signature: ab(signDomain(operator, netDomain(Domain.Enrollment, networkId), body)) }
}

function envelope (key: SigningKey, networkId: string, type: number, body: Uint8Array): Uint8Array {
  const signature = signDomain(key, netDomain(Domain.tx(type), networkId), body)
  return codecs.tx.encode({ type, body: ab(body), signature: ab(signature) })
}

export function makeRegistrationTx (terminal: SigningKey, networkId: string, enrollment: SignedEnrollment,
  p: { chainAnchor: Uint8Array, chainLength: number, requestId: number }): Uint8Array {
  return envelope(terminal, networkId, TxType.Registration, codecs.registration.encode({
    enrollment, chainAnchor: ab(p.chainAnchor), chainLength: p.chainLength, requestId: p.requestId
  }))
}

export function makeAccessTx (terminal: SigningKey, networkId: string,
  p: { terminalId: Uint8Array, certificateHash: Uint8Array, timestamp: number, nonce: Uint8Array, requestId: number, resource?: string }): Uint8Array {
  return envelope(terminal, networkId, TxType.Access, codecs.access.encode({
    terminalId: ab(p.terminalId), certificateHash: ab(p.certificateHash), timestamp: p.timestamp, nonce: ab(p.nonce),
    requestId: p.requestId, resource: p.resource ?? ''
  }))
}

export function makeChainUpdateTx (terminal: SigningKey, networkId: string,
  p: { terminalId: Uint8Array, value: Uint8Array, requestId: number }): Uint8Array {
  return envelope(terminal, networkId, TxType.ChainUpdate, codecs.chainUpdate.encode({
    terminalId: ab(p.terminalId), value: ab(p.value), requestId: p.requestId
  }))
}

export function makeChainRenewalTx (terminal: SigningKey, networkId: string,
  p: { terminalId: Uint8Array, lastValue: Uint8Array, newAnchor: Uint8Array, newLength: number, requestId: number }): Uint8Array {
  return envelope(terminal, networkId, TxType.ChainRenewal, codecs.chainRenewal.encode({
    terminalId: ab(p.terminalId), lastValue: ab(p.lastValue), newAnchor: ab(p.newAnchor), newLength: p.newLength, requestId: p.requestId
  }))
}

export function makeAuthRecordTx (verifier: SigningKey, networkId: string,
  p: { verifierId: Uint8Array, subjectId: Uint8Array, time: number, success: boolean, reason?: number, subjectChainHeight?: number, requestId: number }): Uint8Array {
  return envelope(verifier, networkId, TxType.AuthRecord, codecs.authRecord.encode({
    verifierId: ab(p.verifierId), subjectId: ab(p.subjectId), time: p.time, success: p.success, reason: p.reason ?? 0,
    subjectChainHeight: p.subjectChainHeight ?? 0, requestId: p.requestId
  }))
}

export function makeRevocationTx (operator: SigningKey, networkId: string, p: { terminalId: Uint8Array, reason?: string, opSeq: number }): Uint8Array {
  return envelope(operator, networkId, TxType.Revocation, codecs.revocation.encode({
    terminalId: ab(p.terminalId), reason: p.reason ?? '', opSeq: p.opSeq
  }))
}

export function makeValidatorSetTx (operator: SigningKey, networkId: string, p: { validators: wire.ValidatorInfo[], opSeq: number }): Uint8Array {
  return envelope(operator, networkId, TxType.ValidatorSet, codecs.validatorSet.encode({ validators: p.validators, opSeq: p.opSeq }))
}

export type TxBody =
  | { type: typeof TxType.Registration, body: wire.Registration, enrollment: wire.Enrollment }
  | { type: typeof TxType.Access, body: wire.AccessRequest }
  | { type: typeof TxType.ChainUpdate, body: wire.ChainUpdate }
  | { type: typeof TxType.ChainRenewal, body: wire.ChainRenewal }
  | { type: typeof TxType.AuthRecord, body: wire.AuthRecord }
  | { type: typeof TxType.Revocation, body: wire.Revocation }
  | { type: typeof TxType.ValidatorSet, body: wire.ValidatorSetChange }

export interface DecodedTx {
  hash: Uint8Array
  signature: Uint8Array
  /** Client for request de-duplication: terminal id (32 B) or "operator". */
  client: Uint8Array | 'operator'
  /** Per-client monotonic request id (op_seq for operator transactions). */
  requestId: number
  tx: TxBody
}

/**
 * Last decodings, by the byte array they came from. A validator decoded each transaction four or
 * more times (arrival, de-duplication key, every backup's check of a proposal, the receipts after
 * commit), each a canonical decode (decode, encode, compare) and a SHA-256: 0.17 ms per
 * transaction per validator in a 32-client profile. The entry keeps a copy of the bytes and is
 * used only if they are unchanged, so a caller that mutates an array in place (a test tampering
 * with a signature) gets a fresh decoding. Callers must treat the result as read-only.
 */
const decodings = new WeakMap<Uint8Array, { copy: Buffer, decoded: DecodedTx }>()

/** Decodes a transaction for inspection (no signature or state checks). Throws on malformed input. */
export function decodeTx (bytes: Uint8Array): DecodedTx {
  const hit = decodings.get(bytes)
  if (hit !== undefined && hit.copy.equals(bytes)) return hit.decoded
  const decoded = decodeTxBytes(bytes)
  decodings.set(bytes, { copy: Buffer.from(bytes), decoded })
  return decoded
}

function decodeTxBytes (bytes: Uint8Array): DecodedTx {
  const env = decodeCanonical(codecs.tx, bytes, 'tx', MAX_TX_BYTES)
  const base = { hash: txHash(bytes), signature: env.signature }
  switch (env.type) {
    case TxType.Registration: {
      const body = decodeCanonical(codecs.registration, env.body, 'registration')
      if (body.enrollment === undefined) throw new Error('registration: missing enrollment')
      const enrollment = decodeCanonical(codecs.enrollment, body.enrollment.body, 'enrollment')
      if (enrollment.identity === undefined) throw new Error('enrollment: missing identity')
      return { ...base, client: terminalIdOf(enrollment.identity), requestId: body.requestId, tx: { type: env.type, body, enrollment } }
    }
    case TxType.Access: {
      const body = decodeCanonical(codecs.access, env.body, 'access request')
      return { ...base, client: body.terminalId, requestId: body.requestId, tx: { type: env.type, body } }
    }
    case TxType.ChainUpdate: {
      const body = decodeCanonical(codecs.chainUpdate, env.body, 'chain update')
      return { ...base, client: body.terminalId, requestId: body.requestId, tx: { type: env.type, body } }
    }
    case TxType.ChainRenewal: {
      const body = decodeCanonical(codecs.chainRenewal, env.body, 'chain renewal')
      return { ...base, client: body.terminalId, requestId: body.requestId, tx: { type: env.type, body } }
    }
    case TxType.AuthRecord: {
      const body = decodeCanonical(codecs.authRecord, env.body, 'auth record')
      return { ...base, client: body.verifierId, requestId: body.requestId, tx: { type: env.type, body } }
    }
    case TxType.Revocation: {
      const body = decodeCanonical(codecs.revocation, env.body, 'revocation')
      return { ...base, client: 'operator', requestId: body.opSeq, tx: { type: env.type, body } }
    }
    case TxType.ValidatorSet: {
      const body = decodeCanonical(codecs.validatorSet, env.body, 'validator set change')
      return { ...base, client: 'operator', requestId: body.opSeq, tx: { type: env.type, body } }
    }
    default:
      throw new Error(`unknown transaction type ${env.type}`)
  }
}
