// Durable ledger storage on datastore-level (LevelDB): the only non-pure ledger file.
//
// Layout (all under one LevelDB):
//   /ledger/genesis              genesis hash (32 B)
//   /ledger/head                 u64be height || header hash (32 B)
//   /ledger/header/<h16>         encoded BlockHeader       (h16 = height, 16 hex digits)
//   /ledger/block/<h16>          encoded Block
//   /ledger/cert/<h16>           encoded CommitCertificate (absent for genesis)
//   /ledger/hash/<hex>           u64be height of the block with that header hash
//   /ledger/record/<i8>          encoded TerminalRecord at leaf i (i8 = 8 hex digits)
//   /ledger/state-meta           encoded LedgerMeta of the head state
//   /meta/<key>                  free key-value space for other components (putMeta/getMeta)
// Every block is written with ONE LevelDB write batch holding header, block, certificate,
// hash index, changed records, state meta and the head pointer, so after a crash (kill -9,
// power loss with sync) the store holds the last fully written block and never a torn one.
// Writes are synchronous (fsync, classic-level `sync: true`) unless opened with sync: false;
// batches go through the datastore's underlying Level instance because datastore-level's
// own batch().commit() does not pass write options (it is the same atomic LevelDB batch).
// On open the head is checked: header hash, previous link, block and certificate present,
// and the state rebuilt from the stored records must have the head header's state root.
import { LevelDatastore } from 'datastore-level'

import { bytesEqual } from '../crypto/merkle.js'
import { verifyCommitCertificate, decodeBlock, decodeCommitCertificate, decodeHeader, encodeBlock, encodeCommitCertificate, encodeHeader, type CommitCertificate } from './block.js'
import { codecs, decodeCanonical, DecodeError, headerHash, toHex } from './codec.js'
import type { Genesis } from './genesis.js'
import { decodeRecord } from './proof.js'
import type { SignatureVerifier } from './sigcache.js'
import { buildAnnex, type RecordAnnex } from './view.js'
import { UserError } from '../util/errors.js'
import {
  apply, commitBlock, executeBlock, genesisBlock, genesisState, stateFromParts, BlockError,
  type ApplyResult, type Block, type BlockHeader, type ExecOptions, type ExecutedBlock, type LedgerOptions, type LedgerState, type TerminalRecord, type TxResult
} from './state.js'

/** An operator's error (one line, exit 1): the node refuses to run on a store it cannot trust. */
export class StoreCorruptionError extends UserError {
  constructor (path: string, message: string) {
    super(`ledger store ${path} is corrupt: ${message} (restore the data directory from a backup, or re-initialise this node)`)
    this.name = 'StoreCorruptionError'
  }
}

export interface StoreOptions extends LedgerOptions {
  /** fsync every block and meta write (default true). */
  sync?: boolean
}

type Op = { type: 'put', key: string, value: Uint8Array } | { type: 'del', key: string }

const h16 = (h: number): string => h.toString(16).padStart(16, '0')
const i8 = (i: number): string => i.toString(16).padStart(8, '0')
const K = {
  genesis: '/ledger/genesis',
  head: '/ledger/head',
  header: (h: number) => `/ledger/header/${h16(h)}`,
  block: (h: number) => `/ledger/block/${h16(h)}`,
  cert: (h: number) => `/ledger/cert/${h16(h)}`,
  results: (h: number) => `/ledger/results/${h16(h)}`,
  hash: (hash: Uint8Array) => `/ledger/hash/${toHex(hash)}`,
  record: (i: number) => `/ledger/record/${i8(i)}`,
  recordPrefix: '/ledger/record/',
  stateMeta: '/ledger/state-meta',
  meta: (k: string) => `/meta/${k}`
}

const META_KEY_RE = /^[A-Za-z0-9._\-/]{1,200}$/

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8)
  new DataView(b.buffer).setBigUint64(0, BigInt(n))
  return b
}
/** LevelDB hands out Buffers; normalise to plain Uint8Array views so decoded values compare equal. */
function plain (b: Uint8Array | undefined | null): Uint8Array | undefined {
  return b == null ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
}

function readU64(b: Uint8Array, off = 0): number {
  return Number(new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(off))
}

/** The head block's height, hash and header (kept in memory: every record read is proven against it). */
export interface Head { height: number, headerHash: Uint8Array, header: BlockHeader }

/** Results of a block: each TxResult length-prefixed (u16, big-endian). */
function encodeResults (results: readonly TxResult[]): Uint8Array {
  const parts = results.map(r => codecs.txResult.encode(r))
  const out = new Uint8Array(parts.reduce((n, p) => n + 2 + p.length, 0))
  let o = 0
  for (const p of parts) {
    out[o] = p.length >> 8
    out[o + 1] = p.length & 0xff
    out.set(p, o + 2)
    o += 2 + p.length
  }
  return out
}

function decodeResults (b: Uint8Array): TxResult[] {
  const out: TxResult[] = []
  let o = 0
  while (o + 2 <= b.length) {
    const n = (b[o] << 8) | b[o + 1]
    out.push(codecs.txResult.decode(b.subarray(o + 2, o + 2 + n)))
    o += 2 + n
  }
  return out
}

/** The batch entries of one block: header, block, certificate, results, hash index, changed records. */
function blockOps (block: Block, cert: CommitCertificate, ex: ExecutedBlock): Op[] {
  const h = ex.header.height
  const ops: Op[] = [
    { type: 'put', key: K.header(h), value: encodeHeader(ex.header) },
    { type: 'put', key: K.block(h), value: encodeBlock(block) },
    { type: 'put', key: K.cert(h), value: encodeCommitCertificate(cert) },
    { type: 'put', key: K.results(h), value: encodeResults(ex.results) },
    { type: 'put', key: K.hash(ex.headerHash), value: u64(h) }
  ]
  for (const c of ex.changed) ops.push({ type: 'put', key: K.record(c.index), value: c.bytes })
  return ops
}

export class LedgerStore {
  readonly path: string
  readonly genesis: Genesis
  /** The state at the head. Mutated in place by appendBlock; clone() it for speculation. */
  readonly state: LedgerState
  private readonly ds: LevelDatastore
  private readonly sync: boolean
  private queue: Promise<unknown> = Promise.resolve()
  private _head: Head

  private constructor (path: string, ds: LevelDatastore, genesis: Genesis, state: LedgerState, head: Head, sync: boolean) {
    this.path = path
    this.ds = ds
    this.genesis = genesis
    this.state = state
    this._head = head
    this.sync = sync
  }

  get head (): Head { return this._head }

  /** Opens (creating from genesis if empty) and checks the store. Throws StoreCorruptionError. */
  static async open (path: string, genesis: Genesis, opts: StoreOptions = {}): Promise<LedgerStore> {
    const ds = new LevelDatastore(path)
    await ds.open()
    try {
      const sync = opts.sync ?? true
      const raw = async (k: string): Promise<Uint8Array | undefined> => plain(await ds.db.get(k))
      const storedGenesis = await raw(K.genesis)
      if (storedGenesis === undefined) {
        const s = genesisState(genesis, opts)
        const gb = genesisBlock(genesis, opts)
        const hh = headerHash(gb.header)
        const ops: Op[] = [
          { type: 'put', key: K.genesis, value: genesis.hash },
          { type: 'put', key: K.header(0), value: encodeHeader(gb.header) },
          { type: 'put', key: K.block(0), value: encodeBlock(gb) },
          { type: 'put', key: K.hash(hh), value: u64(0) },
          { type: 'put', key: K.stateMeta, value: codecs.meta.encode(s.meta()) },
          { type: 'put', key: K.head, value: Uint8Array.from([...u64(0), ...hh]) }
        ]
        await ds.db.batch(ops, { sync } as never)
        return new LedgerStore(path, ds, genesis, s, { height: 0, headerHash: hh, header: gb.header }, sync)
      }
      const corrupt = (m: string): never => { throw new StoreCorruptionError(path, m) }
      if (!bytesEqual(storedGenesis, genesis.hash)) {
        throw new Error(`ledger store ${path} belongs to a different genesis (${toHex(storedGenesis)}, expected ${toHex(genesis.hash)})`)
      }
      const headBytes = await raw(K.head) ?? corrupt('missing head pointer')
      if (headBytes.length !== 40) corrupt('bad head pointer')
      const height = readU64(headBytes)
      const hh = headBytes.slice(8)
      const headerBytes = await raw(K.header(height)) ?? corrupt(`missing header ${height}`)
      const header = decodeHeader(headerBytes)
      if (header.height !== height || !bytesEqual(headerHash(header), hh)) corrupt(`header ${height} does not match the head pointer`)
      const blockBytes = await raw(K.block(height)) ?? corrupt(`missing block ${height}`)
      const block = decodeBlock(blockBytes)
      if (!bytesEqual(headerHash(block.header), hh)) corrupt(`block ${height} does not match its header`)
      if (height > 0) {
        if (await raw(K.cert(height)) === undefined) corrupt(`missing commit certificate ${height}`)
        const prev = await raw(K.header(height - 1)) ?? corrupt(`missing header ${height - 1}`)
        if (!bytesEqual(headerHash(decodeHeader(prev)), header.prevHash)) corrupt(`header ${height} does not link to header ${height - 1}`)
      }
      const metaBytes = await raw(K.stateMeta) ?? corrupt('missing state meta')
      const meta = decodeCanonical(codecs.meta, metaBytes, 'state meta')
      if (meta.height !== height) corrupt(`state meta is at height ${meta.height}, head at ${height}`)
      const records: TerminalRecord[] = []
      for await (const [key, value] of ds.db.iterator({ gte: K.recordPrefix, lt: K.recordPrefix + '\xff' })) {
        const r = decodeRecord(plain(value)!)
        if (key !== K.record(records.length) || r.leafIndex !== records.length) corrupt(`record index gap at ${records.length}`)
        records.push(r)
      }
      const heights = new Map<number, Uint8Array>()
      for (const r of records) {
        if (heights.has(r.lastUpdateHeight)) continue
        if (r.lastUpdateHeight > height) corrupt(`record ${r.leafIndex} updated at future height ${r.lastUpdateHeight}`)
        const hb = await raw(K.header(r.lastUpdateHeight)) ?? corrupt(`missing header ${r.lastUpdateHeight}`)
        heights.set(r.lastUpdateHeight, headerHash(decodeHeader(hb)))
      }
      const state = stateFromParts(genesis, opts, records, meta, hh, h => heights.get(h))
      if (!bytesEqual(state.stateRoot(), header.stateRoot)) corrupt(`state root at height ${height} does not match the stored records`)
      return new LedgerStore(path, ds, genesis, state, { height, headerHash: hh, header }, sync)
    } catch (err) {
      await ds.close().catch(() => {})
      if (err instanceof DecodeError) throw new StoreCorruptionError(path, err.message)
      throw err
    }
  }

  /**
   * Validates, persists (one atomic batch) and applies the next block. The commit certificate
   * is checked against the validator set before the block. Pass `executed` when the block was
   * produced by buildBlock/executeBlock on this same state to avoid re-execution, and
   * `verifier` (a SignatureCache) to reuse signatures verified on arrival. Calls are serialised.
   */
  async appendBlock (block: Block, cert: CommitCertificate, opts: { executed?: ExecutedBlock, annex?: boolean } & ExecOptions = {}): Promise<ApplyResult & { annex?: RecordAnnex }> {
    const run = async (): Promise<ApplyResult & { annex?: RecordAnnex }> => {
      const ex = opts.executed ?? executeBlock(this.state, block, opts)
      if (!verifyCommitCertificate(block.header, cert, this.state.validators, opts.verifier)) {
        throw new BlockError(`block ${block.header.height}: invalid commit certificate`)
      }
      const h = ex.header.height
      const ops = blockOps(block, cert, ex)
      ops.push({ type: 'put', key: K.stateMeta, value: ex.metaBytes })
      ops.push({ type: 'put', key: K.head, value: Uint8Array.from([...u64(h), ...ex.headerHash]) })
      await this.ds.db.batch(ops, { sync: this.sync } as never)
      commitBlock(this.state, ex)
      this._head = { height: h, headerHash: ex.headerHash, header: ex.header }
      // The annex needs the state exactly at h: built here, before the next queued block applies.
      const annex = opts.annex === true ? buildAnnex(this.state, ex.header, ex.changed.map(c => c.record.terminalId)) : undefined
      return { state: this.state, results: ex.results, headerHash: ex.headerHash, annex }
    }
    const p = this.queue.then(run, run)
    this.queue = p.catch(() => {})
    return await p
  }

  /**
   * Several consecutive blocks already executed on this store's chain (`executed` of each one
   * extends the previous one), persisted as ONE atomic LevelDB batch (one fsync for all of them:
   * a replica catching up appends tens of blocks at a time) and then applied in order. Each
   * certificate is checked as in appendBlock (through `verifier` when given: consensus passes the
   * cache its COMMIT votes were verified into). All or nothing: on any error nothing is written.
   */
  async appendExecuted (items: ReadonlyArray<{ block: Block, cert: CommitCertificate, executed: ExecutedBlock }>, opts: { annex?: boolean, verifier?: SignatureVerifier } = {}): Promise<Array<ApplyResult & { annex?: RecordAnnex }>> {
    const run = async (): Promise<Array<ApplyResult & { annex?: RecordAnnex }>> => {
      const ops: Op[] = []
      let height = this.state.height
      let last = this.state.lastHeaderHash
      let validators = this.state.validators
      for (const { block, cert, executed: ex } of items) {
        if (ex.prevHeight !== height || !bytesEqual(ex.prevHeaderHash, last)) {
          throw new BlockError(`executed block ${ex.header.height} does not extend height ${height}`)
        }
        if (!verifyCommitCertificate(block.header, cert, validators, opts.verifier)) {
          throw new BlockError(`block ${block.header.height}: invalid commit certificate`)
        }
        ops.push(...blockOps(block, cert, ex))
        height = ex.header.height
        last = ex.headerHash
        validators = ex.validators
      }
      if (items.length === 0) return []
      const tail = items[items.length - 1].executed
      ops.push({ type: 'put', key: K.stateMeta, value: tail.metaBytes })
      ops.push({ type: 'put', key: K.head, value: Uint8Array.from([...u64(tail.header.height), ...tail.headerHash]) })
      await this.ds.db.batch(ops, { sync: this.sync } as never)
      const out: Array<ApplyResult & { annex?: RecordAnnex }> = []
      for (const { executed: ex } of items) {
        commitBlock(this.state, ex)
        this._head = { height: ex.header.height, headerHash: ex.headerHash, header: ex.header }
        const annex = opts.annex === true ? buildAnnex(this.state, ex.header, ex.changed.map(c => c.record.terminalId)) : undefined
        out.push({ state: this.state, results: ex.results, headerHash: ex.headerHash, annex })
      }
      return out
    }
    const p = this.queue.then(run, run)
    this.queue = p.catch(() => {})
    return await p
  }

  private async raw (k: string): Promise<Uint8Array | undefined> {
    return plain(await this.ds.db.get(k))
  }

  async getHeader (height: number): Promise<BlockHeader | undefined> {
    const b = await this.raw(K.header(height))
    return b === undefined ? undefined : decodeHeader(b)
  }

  async getBlock (height: number): Promise<Block | undefined> {
    const b = await this.raw(K.block(height))
    return b === undefined ? undefined : decodeBlock(b)
  }

  /** Encoded header exactly as stored. */
  async getHeaderBytes (height: number): Promise<Uint8Array | undefined> {
    return await this.raw(K.header(height))
  }

  /** Encoded block exactly as stored (for serving over the network). */
  async getBlockBytes (height: number): Promise<Uint8Array | undefined> {
    return await this.raw(K.block(height))
  }

  /** Per-transaction outcomes of a block (its failure records included), as committed by results_root. */
  async getResults (height: number): Promise<TxResult[] | undefined> {
    const b = await this.raw(K.results(height))
    return b === undefined ? undefined : decodeResults(b)
  }

  async getCommitCertificate (height: number): Promise<CommitCertificate | undefined> {
    const b = await this.raw(K.cert(height))
    return b === undefined ? undefined : decodeCommitCertificate(b)
  }

  async getHeightOf (hash: Uint8Array): Promise<number | undefined> {
    const b = await this.raw(K.hash(hash))
    return b === undefined ? undefined : readU64(b)
  }

  /** Durable (fsync unless sync: false) small key-value write for other components. */
  async putMeta (key: string, value: Uint8Array): Promise<void> {
    if (!META_KEY_RE.test(key)) throw new Error(`invalid meta key ${JSON.stringify(key)}`)
    await this.ds.db.put(K.meta(key), value, { sync: this.sync } as never)
  }

  async getMeta (key: string): Promise<Uint8Array | undefined> {
    if (!META_KEY_RE.test(key)) throw new Error(`invalid meta key ${JSON.stringify(key)}`)
    return await this.raw(K.meta(key))
  }

  async deleteMeta (key: string): Promise<void> {
    if (!META_KEY_RE.test(key)) throw new Error(`invalid meta key ${JSON.stringify(key)}`)
    await this.ds.db.del(K.meta(key), { sync: this.sync } as never)
  }

  /**
   * Full check: every block 0..head present, linked, certified by the validators before it,
   * and replaying all blocks from genesis reproduces every header's state root. O(chain).
   */
  async verifyChain (): Promise<void> {
    const state = genesisState(this.genesis, { chainHash: this.state.chainHash })
    const g = await this.getBlock(0)
    if (g === undefined || !bytesEqual(headerHash(g.header), state.lastHeaderHash)) throw new StoreCorruptionError(this.path, 'genesis block mismatch')
    for (let h = 1; h <= this._head.height; h++) {
      const block = await this.getBlock(h)
      const cert = await this.getCommitCertificate(h)
      if (block === undefined || cert === undefined) throw new StoreCorruptionError(this.path, `block or certificate ${h} missing`)
      if (!verifyCommitCertificate(block.header, cert, state.validators)) throw new StoreCorruptionError(this.path, `bad commit certificate at ${h}`)
      try {
        apply(state, block)
      } catch (err) {
        throw new StoreCorruptionError(this.path, `block ${h}: ${(err as Error).message}`)
      }
    }
    if (!bytesEqual(state.lastHeaderHash, this._head.headerHash) || !bytesEqual(state.stateRoot(), this.state.stateRoot())) {
      throw new StoreCorruptionError(this.path, 'replayed state differs from the stored state')
    }
  }

  async close (): Promise<void> {
    await this.queue
    await this.ds.close()
  }
}
