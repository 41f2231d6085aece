// Public API of the ledger core (pure) and its store (edge). See protocols/ledger.md.
export * from './constants.js'
export { DecodeError, terminalIdOf, headerHash, txHash, certificateHash, validatorsHash, toHex, fromHex, decodeCanonical } from './codec.js'
export { defaultChainHash, type ChainHash } from './chainhash.js'
export { loadGenesis, genesisToJson, validatorSetError, GenesisError, type Genesis, DEFAULT_ACCESS_WINDOW_MS, DEFAULT_CERTIFICATE_VALIDITY_MS } from './genesis.js'
export {
  LedgerState, BlockError, genesisState, genesisBlock, genesisHeader, buildBlock, executeBlock, commitBlock, apply,
  viewOf, stateFromParts, combineStateRoot, recordLeaf, signaturesOf, preverifyTx,
  type Block, type BlockHeader, type TerminalRecord, type TxResult, type ValidatorInfo, type LedgerOptions,
  type ExecutedBlock, type ChangedRecord, type ProposalFields, type ApplyResult, type ViewEntry, type ExecOptions, type SignatureCheck
} from './state.js'
export {
  encodeHeader, decodeHeader, MAX_HEADER_BYTES, encodeBlock, decodeBlock, faultTolerance, quorumSize, commitVoteBytes, signCommit, cacheOwnCommitSignature,
  verifyCommitSignature, makeCommitCertificate, encodeCommitCertificate, decodeCommitCertificate, verifyCommitCertificate,
  type CommitCertificate, type CommitSignature
} from './block.js'
export { proveRecord, verifyRecordProof, encodeRecordProof, decodeRecordProof, encodeRecord, decodeRecord, type RecordProof } from './proof.js'
export {
  makeEnrollment, makeRegistrationTx, makeAccessTx, makeChainUpdateTx, makeChainRenewalTx, makeAuthRecordTx,
  makeRevocationTx, makeValidatorSetTx, decodeTx,
  type TerminalIdentity, type SignedEnrollment, type Certificate, type DecodedTx, type TxBody
} from './tx.js'
export {
  TOUCH_PREFIX_LEN, MAX_ANNEX_BYTES, MAX_ANNEX_ENTRIES, DEFAULT_VIEW_INDEX_ENTRIES, touchedList, touchedPrefixes, touchPrefix, headerTouches, touches, ViewIndex,
  buildAnnex, encodeAnnex, decodeAnnex, annexError, recordFromAnnex, type RecordAnnex, type AnnexRejection
} from './view.js'
export { HeaderChain, type AcceptResult } from './header-chain.js'
export { encodeCertificate, decodeCertificate, certificateValidAt, verifyCertificate, type CertificateEvidence } from './certificate.js'
export { SignatureCache, directVerifier, type SignatureVerifier } from './sigcache.js'
