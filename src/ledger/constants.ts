// Ledger constants: versions, limits, transaction types, failure reason codes and signing
// domains. Every limit here is documented in protocols/ledger.md.

export const LEDGER_VERSION = 1
export const HASH_LEN = 32
export const PUBLIC_KEY_LEN = 32
export const SIGNATURE_LEN = 64
export const VRF_PROOF_LEN = 80
export const VRF_SEED_LEN = 64

/** Maximum encoded size of one transaction (Tx envelope). */
export const MAX_TX_BYTES = 4096
/** Maximum number of transactions in one block. */
export const MAX_BLOCK_TXS = 65536
/** Maximum encoded size of one block (header + transactions). */
export const MAX_BLOCK_BYTES = 16 * 1024 * 1024
export const MAX_VALIDATORS = 64
export const MAX_ADDRESS_LEN = 256
export const MAX_NETWORK_ID_LEN = 64
export const MAX_SHORT_FIELD_LEN = 64
export const MIN_VERIFICATION_CODE_LEN = 16
export const MAX_VERIFICATION_CODE_LEN = 64
export const SKIP_KEY_LEN = 32
export const MAX_MEMBERSHIP_VECTOR_LEN = 32
export const NONCE_MIN_LEN = 8
export const NONCE_MAX_LEN = 32
export const MAX_RESOURCE_LEN = 128
export const MAX_REASON_LEN = 256
export const MAX_CHAIN_LENGTH = 1_000_000
/**
 * A spent chain value may be up to this many steps below the latest published hash. A terminal
 * persists its position before revealing a value, so a crash can skip values (never repeat
 * them); accepting a bounded skip keeps such a terminal from being locked out. The bound also caps how
 * many values a busy terminal may have out (shown to verifiers, not yet recorded): 32 hashes
 * cost a verifier about 20 us, and keep a terminal answering many peers at once from waiting on
 * consensus for every few values.
 */
export const MAX_CHAIN_SKIP = 32
export const MAX_CHAIN_VALUE_LEN = 64

export const TxType = {
  Registration: 1,
  Access: 2,
  ChainUpdate: 3,
  ChainRenewal: 4,
  AuthRecord: 5,
  Revocation: 6,
  ValidatorSet: 7
} as const
export type TxTypeCode = (typeof TxType)[keyof typeof TxType]

export const TX_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'registration',
  2: 'access',
  3: 'chain-update',
  4: 'chain-renewal',
  5: 'auth-record',
  6: 'revocation',
  7: 'validator-set'
}

/** Result codes of a transaction. 0 = applied; anything else is a failure record. */
export const Reason = {
  Ok: 0,
  Malformed: 1,
  BadSignature: 2,
  UnknownOperator: 3,
  EnrollmentInvalid: 4,
  DuplicateTerminal: 5,
  DuplicateKey: 6,
  DuplicateSerial: 7,
  DuplicateSkipKey: 8,
  UnknownTerminal: 9,
  Revoked: 10,
  CertificateExpired: 11,
  CertificateMismatch: 12,
  StaleRequest: 13,
  TimestampOutOfWindow: 14,
  ReplayedChainValue: 15,
  InvalidChainValue: 16,
  ChainExhausted: 17,
  AlreadyRevoked: 18,
  StaleOperatorSeq: 19,
  InvalidValidatorSet: 20,
  UnknownTxType: 21,
  WrongNetwork: 22,
  TxTooLarge: 23
} as const
export type ReasonCode = (typeof Reason)[keyof typeof Reason]

export const REASON_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(Reason).map(([k, v]) => [v, k])
)

/** Signing domains (passed to signDomain / verifyDomain, suffixed with "@<network-id>"). */
export const Domain = {
  Enrollment: 'ledger/enrollment',
  Commit: 'ledger/commit',
  tx: (type: number): string => `ledger/tx/${TX_TYPE_NAMES[type] ?? `type-${type}`}`
} as const

export function netDomain(domain: string, networkId: string): string {
  return `${domain}@${networkId}`
}
