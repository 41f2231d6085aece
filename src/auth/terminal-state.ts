// What a terminal keeps across restarts to authenticate: its operator enrollment, its
// hash-chain wallet and its transaction request ids, all in the node's datastore.
// - The wallet saves its position before a value is revealed (HashChainWallet), so a crash
//   can skip a chain value but never reveal one twice; the ledger accepts bounded skips.
// - Request ids must only grow (the ledger refuses a stale one). They are reserved in blocks of
//   REQUEST_ID_BLOCK: the reservation is persisted before any id in it is used, so after a crash
//   the terminal continues above everything it may have sent.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { Key } from 'interface-datastore'
import type { LevelDatastore } from 'datastore-level'
import { HashChainWallet, type ChainStore } from '../crypto/hashchain.js'
import { codecs } from '../ledger/codec.js'
import { fromHex, terminalIdOf, toHex } from '../ledger/index.js'
import { UserError } from '../util/errors.js'

export const REQUEST_ID_BLOCK = 256
const K = { enrollment: new Key('/auth/enrollment'), wallet: new Key('/auth/wallet'), requestIds: new Key('/auth/request-ids'), registration: new Key('/auth/registration-tx'), minHeight: new Key('/auth/min-height') }

export interface EnrollmentInfo {
  networkId: string
  terminalId: Uint8Array
  /** The encoded SignedEnrollment, as the operator signed it. */
  signed: Uint8Array
  serial: string
  publicKey: Uint8Array
  skipKey: Uint8Array
  membershipVector: Uint8Array
}

export function parseEnrollment(bytes: Uint8Array): EnrollmentInfo {
  const signed = codecs.signedEnrollment.decode(bytes)
  const enrollment = codecs.enrollment.decode(signed.body)
  const identity = enrollment.identity
  if (identity === undefined) throw new Error('enrollment without identity')
  return {
    networkId: enrollment.networkId,
    terminalId: terminalIdOf(identity),
    signed: bytes,
    serial: identity.serial,
    publicKey: identity.publicKey,
    skipKey: identity.skipKey,
    membershipVector: identity.membershipVector
  }
}

/** Reads the JSON file written by `gridauth enroll`. */
export function readEnrollmentFile(path: string): EnrollmentInfo {
  let o: { type?: string, enrollment?: string }
  try {
    o = JSON.parse(readFileSync(path, 'utf8')) as typeof o
  } catch (err) {
    throw new UserError(`cannot read enrollment ${path}: ${(err as Error).message}`)
  }
  if (o.type !== 'gridauth-enrollment/1' || typeof o.enrollment !== 'string') throw new UserError(`${path} is not a gridauth enrollment file`)
  try {
    return parseEnrollment(fromHex(o.enrollment))
  } catch (err) {
    throw new UserError(`enrollment ${path} is corrupt: ${(err as Error).message}`)
  }
}

export class TerminalState {
  private nextRequestId = 0
  private reservedUpTo = 0

  private constructor(private readonly ds: LevelDatastore, readonly enrollment: EnrollmentInfo, readonly wallet: HashChainWallet, readonly freshWallet: boolean) {}

  /**
   * Opens the terminal's state. The enrollment comes from `enrollmentFile` the first time and is
   * kept in the store afterwards; a different enrollment for a store that has one is refused.
   */
  static async open(ds: LevelDatastore, opts: { enrollmentFile?: string, publicKey: Uint8Array, chainLength: number }): Promise<TerminalState | undefined> {
    let stored: Uint8Array | undefined
    try {
      stored = await ds.get(K.enrollment)
    } catch { stored = undefined }
    let enrollment: EnrollmentInfo
    if (opts.enrollmentFile !== undefined) {
      enrollment = readEnrollmentFile(opts.enrollmentFile)
      if (stored !== undefined && toHex(parseEnrollment(stored).terminalId) !== toHex(enrollment.terminalId)) {
        throw new UserError(`this node is already enrolled as terminal ${toHex(parseEnrollment(stored).terminalId)}; refusing enrollment ${opts.enrollmentFile}`)
      }
    } else if (stored !== undefined) {
      enrollment = parseEnrollment(stored)
    } else {
      return undefined
    }
    if (toHex(enrollment.publicKey) !== toHex(opts.publicKey)) {
      throw new UserError('the enrollment is for another key than this node\'s identity (check --peer-id given to `gridauth enroll`)')
    }
    if (stored === undefined) await ds.put(K.enrollment, enrollment.signed)
    const chainStore: ChainStore = {
      load: async () => { try { return await ds.get(K.wallet) } catch { return undefined } },
      save: async (bytes) => { await ds.put(K.wallet, bytes) }
    }
    let wallet = await HashChainWallet.open(chainStore)
    let fresh = false
    if (wallet === undefined) {
      wallet = await HashChainWallet.create(chainStore, randomBytes(32), opts.chainLength)
      fresh = true
    }
    const st = new TerminalState(ds, enrollment, wallet, fresh)
    let reserved = 0
    try {
      const v = await ds.get(K.requestIds)
      reserved = Number(new DataView(v.buffer, v.byteOffset, v.byteLength).getBigUint64(0))
    } catch { reserved = 0 }
    st.nextRequestId = reserved + 1
    st.reservedUpTo = reserved
    return st
  }

  /** The registration transaction once built, kept so a retry sends the very same bytes. */
  async registrationTx(build: () => Promise<Uint8Array>): Promise<Uint8Array> {
    try {
      return await this.ds.get(K.registration)
    } catch {
      const tx = await build()
      await this.ds.put(K.registration, tx)
      return tx
    }
  }

  /** Height from which this terminal's record holds its current chain (registration or last renewal). */
  async getMinHeight(): Promise<number> {
    try {
      const v = await this.ds.get(K.minHeight)
      return Number(new DataView(v.buffer, v.byteOffset, v.byteLength).getBigUint64(0))
    } catch {
      return 0
    }
  }

  async setMinHeight(height: number): Promise<void> {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigUint64(0, BigInt(height))
    await this.ds.put(K.minHeight, b)
  }

  get terminalId(): Uint8Array {
    return this.enrollment.terminalId
  }

  /** A request id larger than every one this terminal used before, even across crashes. */
  async requestId(): Promise<number> {
    if (this.nextRequestId > this.reservedUpTo) {
      const upTo = this.nextRequestId + REQUEST_ID_BLOCK - 1
      const b = new Uint8Array(8)
      new DataView(b.buffer).setBigUint64(0, BigInt(upTo))
      await this.ds.put(K.requestIds, b)
      this.reservedUpTo = upTo
    }
    return this.nextRequestId++
  }
}
