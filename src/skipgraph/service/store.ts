// Where a node keeps the blocks it is responsible for: the node's datastore under
// /skipgraph/blocks/<hash hex>, or memory (benchmarks, tests).
import { Key as DsKey, type Datastore } from 'interface-datastore'

export interface BlockStore {
  /** Hex hashes of every stored block (loaded at start). */
  list(): Promise<string[]>
  get(hashHex: string): Promise<Uint8Array | undefined>
  put(hashHex: string, bytes: Uint8Array): Promise<void>
  delete(hashHex: string): Promise<void>
}

export const BLOCK_PREFIX = '/skipgraph/blocks/'

export class DatastoreBlockStore implements BlockStore {
  constructor(private readonly ds: Datastore) {}

  async list(): Promise<string[]> {
    const out: string[] = []
    for await (const k of this.ds.queryKeys({ prefix: BLOCK_PREFIX })) {
      const h = k.toString().slice(BLOCK_PREFIX.length)
      if (/^[0-9a-f]{64}$/.test(h)) out.push(h)
    }
    return out
  }

  async get(hashHex: string): Promise<Uint8Array | undefined> {
    const k = new DsKey(BLOCK_PREFIX + hashHex)
    if (!(await this.ds.has(k))) return undefined
    return await this.ds.get(k)
  }

  async put(hashHex: string, bytes: Uint8Array): Promise<void> {
    await this.ds.put(new DsKey(BLOCK_PREFIX + hashHex), bytes)
  }

  async delete(hashHex: string): Promise<void> {
    await this.ds.delete(new DsKey(BLOCK_PREFIX + hashHex))
  }
}

export class MemoryBlockStore implements BlockStore {
  readonly map = new Map<string, Uint8Array>()
  async list(): Promise<string[]> { return [...this.map.keys()] }
  async get(h: string): Promise<Uint8Array | undefined> { return this.map.get(h) }
  async put(h: string, b: Uint8Array): Promise<void> { this.map.set(h, b) }
  async delete(h: string): Promise<void> { this.map.delete(h) }
}
