// The PBFT core's durable key/value state (its `persist` actions) as one append-only log file with
// synchronous group commit: each burst of events appends ONE record and fdatasyncs it on the main
// thread before any message of the burst is sent.
//
// Why not LevelDB (what this replaced): an asynchronous batch goes to a libuv worker thread and back,
// so every vote waited for two thread wake-ups besides the fsync itself. On a loaded 2-core machine
// each wake-up waits for a core (traces showed 20-100 ms per batch for a 0.2 ms fdatasync), and a
// block has three such batches on its critical path. A blocking fdatasync costs the event loop the
// disk time only, and nothing else is waiting for that loop meanwhile (the votes depend on it).
//
// File: records `[u32 length][u32 crc32(payload)][payload]`, payload = entries
// `[u8 op (1 put, 0 delete)][u16 key length][key utf8][u32 value length][value]`. On open the log is
// replayed; a torn or corrupt tail (crash in the middle of an append) is cut off, which is exactly the
// batch that was never acknowledged. When the file grows past max(4 MiB, 4 x the live data) it is
// rewritten as one record into `<path>.tmp`, fsynced and renamed over the log (atomic). Only the
// size of each live entry is kept in memory (the core keeps its own state); compaction replays the
// file to find the live values.
import { closeSync, existsSync, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { crc32 } from 'node:zlib'

/** Largest record accepted when replaying (bounds what a damaged length field can make us read). */
const MAX_RECORD_BYTES = 256 << 20
const MIN_COMPACT_BYTES = 4 << 20

export class KvLog {
  private fd: number
  private size: number
  private live = 0
  private readonly sizes = new Map<string, number>()

  private constructor(readonly path: string, kv: Map<string, Uint8Array>, private readonly sync: boolean) {
    this.fd = openSync(path, 'a')
    this.size = fstatSync(this.fd).size
    for (const [k, v] of kv) this.account(k, v)
  }

  /** The durable state as replayed by `open` (not kept up to date by later writes). */
  private loaded: Map<string, Uint8Array> | undefined
  /** Takes the state replayed at open (once; the log keeps no values afterwards). */
  takeState(): Map<string, Uint8Array> {
    const kv = this.loaded ?? new Map<string, Uint8Array>()
    this.loaded = undefined
    return kv
  }

  /** Opens (or creates) the log at `path` and replays it (`takeState()` hands the result over). */
  static open(path: string, opts: { sync?: boolean } = {}): KvLog {
    const kv = new Map<string, Uint8Array>()
    const fresh = !existsSync(path)
    if (!fresh) {
      const buf = readFileSync(path)
      const good = replay(buf, kv)
      if (good < buf.length) {
        // torn tail: the last append never completed, so nobody acted on it
        const fd = openSync(path, 'r+')
        try { ftruncateSync(fd, good); fsyncSync(fd) } finally { closeSync(fd) }
      }
    }
    const log = new KvLog(path, kv, opts.sync ?? true)
    log.loaded = kv
    if (fresh) syncDir(path)
    return log
  }

  /** Whether appended records still wait for their fdatasync (see `write(..., false)`). */
  dirty = false

  /**
   * Appends one atomic batch (`null` deletes). With `durable` (default) it is on disk, with every
   * record before it, when this returns; without, it waits for the next durable write or `flush()`
   * (records stay in order, so a crash loses a suffix of them, never one in the middle).
   */
  write(writes: Iterable<readonly [string, Uint8Array | null]>, durable = true): void {
    const entries: Array<readonly [string, Uint8Array | null]> = []
    for (const [k, v] of writes) {
      this.account(k, v)
      entries.push([k, v])
    }
    if (entries.length === 0) return
    const rec = record(entries)
    writeAll(this.fd, rec)
    this.size += rec.length
    this.dirty = true
    if (durable) this.flush()
    if (durable && this.size > Math.max(MIN_COMPACT_BYTES, 4 * this.live)) this.compact()
  }

  /** Live-data accounting (decides when to compact). */
  private account(k: string, v: Uint8Array | null): void {
    this.live -= this.sizes.get(k) ?? 0
    if (v === null) this.sizes.delete(k)
    else { const b = entryBytes(k, v); this.sizes.set(k, b); this.live += b }
  }

  /** Makes every record written so far durable. */
  flush(): void {
    if (!this.dirty) return
    if (this.sync) fdatasyncSync(this.fd)
    this.dirty = false
  }

  /** Rewrites the log as one record of the live entries (atomic rename). */
  compact(): void {
    this.flush()
    const kv = new Map<string, Uint8Array>()
    replay(readFileSync(this.path), kv)
    const tmp = `${this.path}.tmp`
    const rec = record([...kv])
    const fd = openSync(tmp, 'w')
    try { writeAll(fd, rec); fsyncSync(fd) } finally { closeSync(fd) }
    renameSync(tmp, this.path)
    syncDir(this.path)
    closeSync(this.fd)
    this.fd = openSync(this.path, 'a')
    this.size = rec.length
    this.dirty = false
  }

  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

function entryBytes(k: string, v: Uint8Array): number {
  return 7 + Buffer.byteLength(k) + v.length
}

function record(entries: ReadonlyArray<readonly [string, Uint8Array | null]>): Buffer {
  let len = 0
  const keys = entries.map(([k]) => Buffer.from(k, 'utf8'))
  entries.forEach(([, v], i) => { len += 7 + keys[i].length + (v?.length ?? 0) })
  const out = Buffer.allocUnsafe(8 + len)
  let o = 8
  entries.forEach(([, v], i) => {
    const key = keys[i]
    if (key.length > 0xffff) throw new Error('kvlog: key too long')
    out[o] = v === null ? 0 : 1
    out.writeUInt16BE(key.length, o + 1)
    key.copy(out, o + 3)
    o += 3 + key.length
    out.writeUInt32BE(v?.length ?? 0, o)
    o += 4
    if (v !== null) { out.set(v, o); o += v.length }
  })
  out.writeUInt32BE(len, 0)
  out.writeUInt32BE(crc32(out.subarray(8)), 4)
  return out
}

/** Applies every complete, intact record of `buf` to `kv`; returns the length of that prefix. */
function replay(buf: Buffer, kv: Map<string, Uint8Array>): number {
  let o = 0
  while (o + 8 <= buf.length) {
    const len = buf.readUInt32BE(o)
    if (len > MAX_RECORD_BYTES || o + 8 + len > buf.length) break
    const payload = buf.subarray(o + 8, o + 8 + len)
    if (crc32(payload) !== buf.readUInt32BE(o + 4)) break
    const entries: Array<[string, Uint8Array | null]> = []
    let p = 0
    let ok = true
    while (p < len) {
      if (p + 3 > len) { ok = false; break }
      const op = payload[p]
      const kl = payload.readUInt16BE(p + 1)
      if (op > 1 || p + 3 + kl + 4 > len) { ok = false; break }
      const key = payload.toString('utf8', p + 3, p + 3 + kl)
      const vl = payload.readUInt32BE(p + 3 + kl)
      const vs = p + 7 + kl
      if (vs + vl > len) { ok = false; break }
      entries.push([key, op === 1 ? new Uint8Array(payload.buffer.slice(payload.byteOffset + vs, payload.byteOffset + vs + vl)) : null])
      p = vs + vl
    }
    if (!ok) break
    for (const [k, v] of entries) { if (v === null) kv.delete(k); else kv.set(k, v) }
    o += 8 + len
  }
  return o
}

function writeAll(fd: number, b: Buffer): void {
  let o = 0
  while (o < b.length) o += writeSync(fd, b, o, b.length - o)
}

/** fsync of the directory: a new or renamed file's name is durable too. */
function syncDir(path: string): void {
  const fd = openSync(dirname(path), 'r')
  try { fsyncSync(fd) } finally { closeSync(fd) }
}
