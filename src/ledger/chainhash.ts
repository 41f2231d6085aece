// The identity hash-chain step H used by the ledger to check a spent value x against the
// latest published hash L: x is valid when chainHash(x) == L. It is the terminals' own step
// (src/crypto/hashchain.ts, domain-separated SHA-256), so both sides agree by construction.
import { hashChainStep } from '../crypto/hashchain.js'

export type ChainHash = (x: Uint8Array) => Uint8Array

export const defaultChainHash: ChainHash = hashChainStep
