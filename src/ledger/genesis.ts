// Genesis: parsed from the operator's JSON file, validated with clear errors, and turned
// deterministically into the canonical GenesisDoc whose hash every state commits to.
import { sha256 } from '../crypto/hash.js'
import type { ValidatorInfo, GenesisDoc } from '../wire/ledger.js'
import { ab, codecs, fromHex } from './codec.js'
import {
  LEDGER_VERSION, MAX_ADDRESS_LEN, MAX_CHAIN_LENGTH, MAX_NETWORK_ID_LEN, MAX_VALIDATORS, PUBLIC_KEY_LEN
} from './constants.js'

export interface Genesis {
  readonly version: number
  readonly networkId: string
  /** Genesis block timestamp, ms since the Unix epoch. */
  readonly genesisTime: number
  readonly operatorKey: Uint8Array
  /** Initial validator set in canonical order (as listed in the file). */
  readonly validators: readonly ValidatorInfo[]
  /** Block placement redundancy r (skip-graph levels with extra copies). */
  readonly redundancy: number
  /** Default hash-chain length N for terminals. */
  readonly hashChainLength: number
  /** Batching parameters for the primary (e.g. maxTxPerBlock, windowMs); opaque to the ledger. */
  readonly batching: Readonly<Record<string, number>>
  /** Timeouts for consensus and flows (e.g. requestMs, viewChangeMs); opaque to the ledger. */
  readonly timeouts: Readonly<Record<string, number>>
  /** Initial VRF seed (the "previous seed" for the proposer of height 1). */
  readonly vrfSeed: Uint8Array
  /** Certificate validity period granted at registration. */
  readonly certificateValidityMs: number
  /** Access requests / auth records must be timestamped within +-window of block time. */
  readonly accessWindowMs: number
  /** Canonical encoding (GenesisDoc) and its SHA-256. */
  readonly doc: GenesisDoc
  readonly hash: Uint8Array
}

export class GenesisError extends Error {
  constructor (message: string) {
    super(`invalid genesis: ${message}`)
    this.name = 'GenesisError'
  }
}

export const DEFAULT_CERTIFICATE_VALIDITY_MS = 365 * 24 * 3600 * 1000
export const DEFAULT_ACCESS_WINDOW_MS = 30_000
export const NETWORK_ID_RE = /^[A-Za-z0-9._-]+$/

const KNOWN_KEYS = new Set([
  'version', 'networkId', 'genesisTime', 'operatorPublicKey', 'validators', 'redundancy', 'hashChainLength',
  'batching', 'timeouts', 'vrfSeed', 'certificateValidityMs', 'accessWindowMs'
])

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function int(o: Record<string, unknown>, key: string, min: number, max: number, dflt?: number): number {
  const v = o[key]
  if (v === undefined) {
    if (dflt !== undefined) return dflt
    throw new GenesisError(`missing "${key}"`)
  }
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new GenesisError(`"${key}" must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`)
  }
  return v
}

function hexField(v: unknown, what: string, minLen: number, maxLen: number): Uint8Array {
  if (typeof v !== 'string') throw new GenesisError(`${what} must be a hex string`)
  let b: Uint8Array
  try {
    b = fromHex(v.startsWith('0x') ? v.slice(2) : v)
  } catch {
    throw new GenesisError(`${what} is not valid hex`)
  }
  if (b.length < minLen || b.length > maxLen) {
    throw new GenesisError(`${what} must be ${minLen === maxLen ? minLen : `${minLen}-${maxLen}`} bytes, got ${b.length}`)
  }
  return b
}

function params(o: Record<string, unknown>, key: string): Record<string, number> {
  const v = o[key]
  if (v === undefined) return {}
  if (!isObject(v)) throw new GenesisError(`"${key}" must be an object of non-negative integers`)
  const out: Record<string, number> = {}
  for (const name of Object.keys(v).sort()) {
    const x = v[name]
    if (name.length === 0 || name.length > 64) throw new GenesisError(`"${key}" has an invalid parameter name`)
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) {
      throw new GenesisError(`"${key}.${name}" must be a non-negative integer, got ${JSON.stringify(x)}`)
    }
    out[name] = x
  }
  return out
}

/** Validates a validator list (used by genesis and by validator-set changes). Returns an error or null. */
export function validatorSetError(validators: readonly ValidatorInfo[]): string | null {
  if (validators.length === 0) return 'validator set is empty'
  if (validators.length > MAX_VALIDATORS) return `more than ${MAX_VALIDATORS} validators`
  const seen = new Set<string>()
  for (const [i, v] of validators.entries()) {
    if (v.publicKey.length !== PUBLIC_KEY_LEN) return `validator ${i}: public key must be ${PUBLIC_KEY_LEN} bytes`
    if (v.address.length === 0 || v.address.length > MAX_ADDRESS_LEN) return `validator ${i}: address must be 1-${MAX_ADDRESS_LEN} characters`
    const k = Buffer.from(v.publicKey).toString('hex')
    if (seen.has(k)) return `validator ${i}: duplicate public key`
    seen.add(k)
  }
  return null
}

/** Parses and validates a genesis file (JSON text or an already parsed object). Throws GenesisError. */
export function loadGenesis(json: string | unknown): Genesis {
  let o: unknown = json
  if (typeof json === 'string') {
    try {
      o = JSON.parse(json)
    } catch (err) {
      throw new GenesisError(`not valid JSON: ${(err as Error).message}`)
    }
  }
  if (!isObject(o)) throw new GenesisError('top level must be a JSON object')
  for (const k of Object.keys(o)) if (!KNOWN_KEYS.has(k)) throw new GenesisError(`unknown field "${k}"`)
  const version = int(o, 'version', LEDGER_VERSION, LEDGER_VERSION, LEDGER_VERSION)
  const networkId = o.networkId
  if (typeof networkId !== 'string' || networkId.length === 0 || networkId.length > MAX_NETWORK_ID_LEN || !NETWORK_ID_RE.test(networkId)) {
    throw new GenesisError(`"networkId" must be 1-${MAX_NETWORK_ID_LEN} characters of [A-Za-z0-9._-]`)
  }
  const genesisTime = int(o, 'genesisTime', 0, Number.MAX_SAFE_INTEGER, 0)
  const operatorKey = hexField(o.operatorPublicKey, '"operatorPublicKey"', PUBLIC_KEY_LEN, PUBLIC_KEY_LEN)
  if (!Array.isArray(o.validators)) throw new GenesisError('"validators" must be an array')
  const validators: ValidatorInfo[] = o.validators.map((v: unknown, i: number) => {
    if (!isObject(v)) throw new GenesisError(`validators[${i}] must be an object`)
    if (typeof v.address !== 'string') throw new GenesisError(`validators[${i}].address must be a string`)
    return { publicKey: ab(hexField(v.publicKey, `validators[${i}].publicKey`, PUBLIC_KEY_LEN, PUBLIC_KEY_LEN)), address: v.address }
  })
  const vErr = validatorSetError(validators)
  if (vErr !== null) throw new GenesisError(vErr)
  const redundancy = int(o, 'redundancy', 0, 64)
  const hashChainLength = int(o, 'hashChainLength', 2, MAX_CHAIN_LENGTH)
  const batching = params(o, 'batching')
  const timeouts = params(o, 'timeouts')
  const vrfSeed = hexField(o.vrfSeed, '"vrfSeed"', 32, 64)
  const certificateValidityMs = int(o, 'certificateValidityMs', 1, Number.MAX_SAFE_INTEGER, DEFAULT_CERTIFICATE_VALIDITY_MS)
  const accessWindowMs = int(o, 'accessWindowMs', 1, 24 * 3600 * 1000, DEFAULT_ACCESS_WINDOW_MS)
  const doc: GenesisDoc = {
    version,
    networkId,
    genesisTime,
    operatorKey: ab(operatorKey),
    validators,
    redundancy,
    hashChainLength,
    batching: Object.entries(batching).map(([name, value]) => ({ name, value })),
    timeouts: Object.entries(timeouts).map(([name, value]) => ({ name, value })),
    vrfSeed: ab(vrfSeed),
    certificateValidityMs,
    accessWindowMs
  }
  const hash = sha256(codecs.genesis.encode(doc))
  return {
    version, networkId, genesisTime, operatorKey, validators, redundancy, hashChainLength, batching, timeouts,
    vrfSeed, certificateValidityMs, accessWindowMs, doc, hash
  }
}

/** The JSON form of a genesis (inverse of loadGenesis, for tooling and tests). */
export function genesisToJson(g: Genesis): Record<string, unknown> {
  const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
  return {
    version: g.version,
    networkId: g.networkId,
    genesisTime: g.genesisTime,
    operatorPublicKey: hex(g.operatorKey),
    validators: g.validators.map(v => ({ publicKey: hex(v.publicKey), address: v.address })),
    redundancy: g.redundancy,
    hashChainLength: g.hashChainLength,
    batching: { ...g.batching },
    timeouts: { ...g.timeouts },
    vrfSeed: hex(g.vrfSeed),
    certificateValidityMs: g.certificateValidityMs,
    accessWindowMs: g.accessWindowMs
  }
}
