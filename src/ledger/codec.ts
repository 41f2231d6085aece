// Canonical encoding helpers. protons writes fields in field-number order and omits defaults;
// decodeCanonical() additionally re-encodes and rejects any input whose bytes differ
// (unknown fields, duplicates, out-of-order fields, non-minimal varints, explicit defaults,
// out-of-range numbers), so every value has exactly one accepted encoding and hashes and
// signatures over encoded bytes are unambiguous.
import { sha256 } from '../crypto/hash.js'
import { bytesEqual } from '../crypto/merkle.js'
import * as wire from '../wire/ledger.js'

export interface Codec<T> {
  encode: (obj: T) => Uint8Array
  decode: (buf: Uint8Array) => T
}

export class DecodeError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'DecodeError'
  }
}

/** Decodes and rejects non-canonical bytes. Throws DecodeError. */
export function decodeCanonical<T>(codec: Codec<T>, bytes: Uint8Array, what: string, maxBytes?: number): T {
  if (maxBytes !== undefined && bytes.length > maxBytes) throw new DecodeError(`${what}: ${bytes.length} bytes exceeds limit ${maxBytes}`)
  let obj: T
  try {
    obj = codec.decode(bytes)
  } catch (err) {
    throw new DecodeError(`${what}: ${(err as Error).message}`)
  }
  let again: Uint8Array
  try {
    again = codec.encode(obj)
  } catch (err) {
    throw new DecodeError(`${what}: ${(err as Error).message}`)
  }
  if (!bytesEqual(again, bytes)) throw new DecodeError(`${what}: non-canonical encoding`)
  return obj
}

/** Cast for protons' Uint8Array<ArrayBuffer> fields (no copy). */
export function ab(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return u as Uint8Array<ArrayBuffer>
}

export const codecs = {
  identity: wire.TerminalIdentity as Codec<wire.TerminalIdentity>,
  enrollment: wire.Enrollment as Codec<wire.Enrollment>,
  signedEnrollment: wire.SignedEnrollment as Codec<wire.SignedEnrollment>,
  tx: wire.Tx as Codec<wire.Tx>,
  registration: wire.Registration as Codec<wire.Registration>,
  access: wire.AccessRequest as Codec<wire.AccessRequest>,
  chainUpdate: wire.ChainUpdate as Codec<wire.ChainUpdate>,
  chainRenewal: wire.ChainRenewal as Codec<wire.ChainRenewal>,
  authRecord: wire.AuthRecord as Codec<wire.AuthRecord>,
  revocation: wire.Revocation as Codec<wire.Revocation>,
  validatorInfo: wire.ValidatorInfo as Codec<wire.ValidatorInfo>,
  validatorSet: wire.ValidatorSetChange as Codec<wire.ValidatorSetChange>,
  certificate: wire.Certificate as Codec<wire.Certificate>,
  record: wire.TerminalRecord as Codec<wire.TerminalRecord>,
  meta: wire.LedgerMeta as Codec<wire.LedgerMeta>,
  recordProof: wire.RecordProof as Codec<wire.RecordProof>,
  annex: wire.RecordAnnex as Codec<wire.RecordAnnex>,
  header: wire.BlockHeader as Codec<wire.BlockHeader>,
  block: wire.Block as Codec<wire.Block>,
  txResult: wire.TxResult as Codec<wire.TxResult>,
  commitVote: wire.CommitVote as Codec<wire.CommitVote>,
  commitCertificate: wire.CommitCertificate as Codec<wire.CommitCertificate>,
  genesis: wire.GenesisDoc as Codec<wire.GenesisDoc>
}

const TERMINAL_ID_TAG = new TextEncoder().encode('gridauth/terminal-id/1')
const VALIDATORS_TAG = new TextEncoder().encode('gridauth/validators/1')

/** terminal_id = SHA-256("gridauth/terminal-id/1" || encoded TerminalIdentity). */
export function terminalIdOf(identity: wire.TerminalIdentity): Uint8Array {
  return sha256(TERMINAL_ID_TAG, codecs.identity.encode(identity))
}

export function headerHash(header: wire.BlockHeader): Uint8Array {
  return sha256(codecs.header.encode(header))
}

export function txHash(txBytes: Uint8Array): Uint8Array {
  return sha256(txBytes)
}

export function certificateHash(cert: wire.Certificate): Uint8Array {
  return sha256(codecs.certificate.encode(cert))
}

/** Hash of an ordered validator list (order matters: it is the canonical order). */
export function validatorsHash(validators: readonly wire.ValidatorInfo[]): Uint8Array {
  return sha256(VALIDATORS_TAG, ...validators.map(v => codecs.validatorInfo.encode(v)))
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex')
}

export function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) throw new Error(`invalid hex string`)
  return new Uint8Array(Buffer.from(s, 'hex'))
}
