// Offline operator tooling: the operator key, the genesis file and terminal enrollments. None of
// these needs a running node; they only read and write files (keys with mode 0600).
import { randomBytes } from 'node:crypto'
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { signingKeyFromSeed, type SigningKey } from '../crypto/ed25519.js'
import { loadGenesis, genesisToJson, makeEnrollment, GenesisError, terminalIdOf, toHex, type Genesis } from '../ledger/index.js'
import { codecs } from '../ledger/codec.js'
import { UserError, errorCode } from '../util/errors.js'
import { deriveSkipKeyBytes, deriveMembershipVectorBytes } from '../skipgraph/identity.js'

const OPERATOR_KEY_TYPE = 'gridauth-operator-key/1'

function writeNew(path: string, text: string, mode: number, force: boolean): void {
  if (!force && existsSync(path)) throw new UserError(`${path} already exists; refusing to overwrite it (use --force)`)
  writeFileSync(path, text, { mode })
}

export function keygen(out: string, force: boolean): { publicKey: string, file: string } {
  const key = signingKeyFromSeed(randomBytes(32))
  const publicKey = toHex(key.publicKey)
  writeNew(out, JSON.stringify({ type: OPERATOR_KEY_TYPE, seed: toHex(key.seed), publicKey }, null, 2) + '\n', 0o600, force)
  return { publicKey, file: out }
}

export function loadOperatorKey(path: string): SigningKey {
  let text: string
  try {
    if ((statSync(path).mode & 0o077) !== 0) throw new UserError(`operator key ${path} is readable by others; chmod 600 it`)
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if (err instanceof UserError) throw err
    throw new UserError(`cannot read operator key ${path}: ${errorCode(err) === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
  try {
    const o = JSON.parse(text) as { type?: string, seed?: string }
    if (o.type !== OPERATOR_KEY_TYPE || typeof o.seed !== 'string' || !/^[0-9a-f]{64}$/.test(o.seed)) throw new Error('not a gridauth operator key')
    return signingKeyFromSeed(Buffer.from(o.seed, 'hex'))
  } catch (err) {
    throw new UserError(`operator key ${path} is corrupt: ${(err as Error).message}`)
  }
}

export function readGenesis(path: string): Genesis {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new UserError(`cannot read genesis ${path}: ${errorCode(err) === 'ENOENT' ? 'no such file' : (err as Error).message}`)
  }
  try {
    return loadGenesis(text)
  } catch (err) {
    if (err instanceof GenesisError) throw new UserError(`${path}: ${err.message}`)
    throw err
  }
}

/** The raw Ed25519 public key inside an Ed25519 PeerId (12D3KooW...). */
export function publicKeyOfPeerId(id: string): Uint8Array {
  let peer
  try {
    peer = peerIdFromString(id)
  } catch (err) {
    throw new UserError(`invalid peer id '${id}': ${(err as Error).message}`)
  }
  if (peer.type !== 'Ed25519' || peer.publicKey === undefined) throw new UserError(`peer id '${id}' is not an Ed25519 key`)
  return peer.publicKey.raw
}

export interface GenesisParams {
  operatorKey: string
  networkId: string
  validators: string[]
  redundancy: number
  hashChainLength: number
  batchMax: number
  batchWindowMs: number
  viewTimeoutMs: number
  certificateValidityDays: number
}

export function makeGenesis(p: GenesisParams): Record<string, unknown> {
  const operator = loadOperatorKey(p.operatorKey)
  if (p.validators.length === 0) throw new UserError('genesis needs at least one --validator <multiaddr ending in /p2p/<peer id>>')
  const validators = p.validators.map((v) => {
    let ma
    try {
      ma = multiaddr(v)
    } catch (err) {
      throw new UserError(`invalid validator multiaddr '${v}': ${(err as Error).message}`)
    }
    const id = ma.getComponents().findLast((c) => c.name === 'p2p')?.value
    if (id === undefined) throw new UserError(`invalid validator multiaddr '${v}': it must end in /p2p/<peer id>`)
    return { publicKey: toHex(publicKeyOfPeerId(id)), address: v }
  })
  const json = {
    version: 1,
    networkId: p.networkId,
    genesisTime: Date.now(),
    operatorPublicKey: toHex(operator.publicKey),
    validators,
    redundancy: p.redundancy,
    hashChainLength: p.hashChainLength,
    batching: { maxTxPerBlock: p.batchMax, windowMs: p.batchWindowMs },
    timeouts: { viewChangeMs: p.viewTimeoutMs },
    vrfSeed: toHex(randomBytes(32)),
    certificateValidityMs: Math.max(1, Math.round(p.certificateValidityDays * 24 * 3600 * 1000))
  }
  try {
    return genesisToJson(loadGenesis(json)) // validates exactly as every node will
  } catch (err) {
    if (err instanceof GenesisError) throw new UserError(err.message)
    throw err
  }
}

export interface EnrollParams {
  operatorKey: string
  genesis: string
  peerId: string
  address: string
  deviceType: string
  vendor: string
  serial: string
  skipKey?: string
  membershipVector?: string
  validDays?: number
}

/** A membership vector given as a bit string ("0110...") packed MSB first; at most 256 bits. */
export function parseMembershipVector(bits: string): Uint8Array {
  if (!/^[01]{1,256}$/.test(bits)) throw new UserError(`invalid membership vector '${bits}': give 1-256 bits as 0 and 1`)
  const out = new Uint8Array(Math.ceil(bits.length / 8))
  for (let i = 0; i < bits.length; i++) if (bits[i] === '1') out[i >> 3] |= 0x80 >> (i & 7)
  return out
}

export function enroll(p: EnrollParams): Record<string, unknown> {
  const operator = loadOperatorKey(p.operatorKey)
  const genesis = readGenesis(p.genesis)
  if (toHex(operator.publicKey) !== toHex(genesis.operatorKey)) throw new UserError(`operator key ${p.operatorKey} is not the operator key of network ${genesis.networkId}`)
  const publicKey = publicKeyOfPeerId(p.peerId)
  let skipKey: Uint8Array
  if (p.skipKey !== undefined) {
    if (!/^[0-9a-f]{64}$/i.test(p.skipKey)) throw new UserError(`invalid skip-graph key '${p.skipKey}': give 32 bytes as 64 hex digits`)
    skipKey = Buffer.from(p.skipKey, 'hex')
  } else {
    skipKey = deriveSkipKeyBytes(publicKey)
  }
  const membershipVector = p.membershipVector !== undefined ? parseMembershipVector(p.membershipVector) : deriveMembershipVectorBytes(publicKey)
  const identity = {
    networkAddress: p.address,
    verificationCode: randomBytes(16),
    deviceType: p.deviceType,
    vendor: p.vendor,
    serial: p.serial,
    skipKey,
    membershipVector,
    publicKey
  }
  const now = Date.now()
  const signed = makeEnrollment(operator, genesis.networkId, identity as Parameters<typeof makeEnrollment>[2], {
    enrolledAt: now, expiresAt: p.validDays === undefined ? 0 : now + p.validDays * 24 * 3600 * 1000
  })
  return {
    type: 'gridauth-enrollment/1',
    networkId: genesis.networkId,
    terminalId: toHex(terminalIdOf(identity as Parameters<typeof terminalIdOf>[0])),
    peerId: p.peerId,
    serial: p.serial,
    enrollment: toHex(codecs.signedEnrollment.encode(signed))
  }
}

export { writeNew }
