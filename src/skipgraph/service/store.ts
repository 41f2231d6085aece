// Where a node keeps the blocks it is responsible for: the node's datastore under
// /skipgraph/blocks/<hash hex>, or memory (benchmarks, tests).
import { Key as DsKey, type Datastore } from 'interface-datastore'

export interface BlockStore {
  /** Hex hashes of every stored block (loaded at start). */
  list(): Promise<string[]>
  get(hashHex: string): Promise<Uint8Array | undefined>
  put(hashHex: string, bytes: Uint8Array): Promise<void>
  /** Deletes the block and its annex. */
  delete(hashHex: string): Promise<void>
  /** Hex hashes of the blocks whose record annex is stored (loaded at start). */
  listAnnexes(): Promise<string[]>
  getAnnex(hashHex: string): Promise<Uint8Array | undefined>
  putAnnex(hashHex: string, bytes: Uint8Array): Promise<void>
}

export const BLOCK_PREFIX = '/skipgraph/blocks/'
/** A block's record annex (ledger.proto RecordAnnex) lives beside it under this prefix. */
export const ANNEX_PREFIX = '/skipgraph/annex/'

export class DatastoreBlockStore implements BlockStore {
  constructor(private readonly ds: Datastore) {}

  async list(): Promise<string[]> {
    return await this.keys(BLOCK_PREFIX)
  }

  async listAnnexes(): Promise<string[]> {
    return await this.keys(ANNEX_PREFIX)
  }

  private async keys(prefix: string): Promise<string[]> {
    const out: string[] = []
    for await (const k of this.ds.queryKeys({ prefix })) {
      const h = k.toString().slice(prefix.length)
      if (/^[0-9a-f]{64}$/.test(h)) out.push(h)
    }
    return out
  }

  async get(hashHex: string): Promise<Uint8Array | undefined> {
    return await this.value(BLOCK_PREFIX + hashHex)
  }

  async getAnnex(hashHex: string): Promise<Uint8Array | undefined> {
    return await this.value(ANNEX_PREFIX + hashHex)
  }

  async putAnnex(hashHex: string, bytes: Uint8Array): Promise<void> {
    await this.ds.put(new DsKey(ANNEX_PREFIX + hashHex), bytes)
  }

  /** One read: a missing key is the datastore's NotFoundError, not a `has` before every `get`. */
  private async value(key: string): Promise<Uint8Array | undefined> {
    try {
      return await this.ds.get(new DsKey(key))
    } catch (err) {
      if ((err as Error).name === 'NotFoundError') return undefined
      throw err
    }
  }

  async put(hashHex: string, bytes: Uint8Array): Promise<void> {
    await this.ds.put(new DsKey(BLOCK_PREFIX + hashHex), bytes)
  }

  async delete(hashHex: string): Promise<void> {
    await this.ds.delete(new DsKey(BLOCK_PREFIX + hashHex))
    await this.ds.delete(new DsKey(ANNEX_PREFIX + hashHex))
  }
}

export class MemoryBlockStore implements BlockStore {
  readonly map = new Map<string, Uint8Array>()
  readonly annexes = new Map<string, Uint8Array>()
  async list(): Promise<string[]> { return [...this.map.keys()] }
  async get(h: string): Promise<Uint8Array | undefined> { return this.map.get(h) }
  async put(h: string, b: Uint8Array): Promise<void> { this.map.set(h, b) }
  async delete(h: string): Promise<void> { this.map.delete(h); this.annexes.delete(h) }
  async listAnnexes(): Promise<string[]> { return [...this.annexes.keys()] }
  async getAnnex(h: string): Promise<Uint8Array | undefined> { return this.annexes.get(h) }
  async putAnnex(h: string, b: Uint8Array): Promise<void> { this.annexes.set(h, b) }
}
