// Identity hash chain of paper B (Lamport / S-Key one-time passwords).
//
// Chain. From a 32-byte random seed s (passed in, never generated here):
//     h_0 = s,   h_i = H(h_{i-1}),   H(x) = SHA-256("gridauth/hc/v1" || x)
// The prefix domain-separates chain steps from every other SHA-256 use in gridauth; prefix
// plus a 32-byte value is 46 bytes, so a step is still one SHA-256 compression.
// The anchor h_N is published at registration. The k-th authentication (k = 1..N) reveals
// h_{N-k}; a verifier holding `latest` (initially h_N, then the last accepted value) accepts x
// iff H(x) == latest, and then stores x as the new latest.
//
// Traversal. A terminal never stores the chain. HashChainTraverser uses Jakobsson's fractal
// ("speed-2 binary") pebbling, M. Jakobsson, "Fractal hash sequence representation and
// traversal", ISIT 2002; our own formulation, written in "output positions":
//     position p = 1..N is the p-th value revealed, v_p = h_{N-p}; v_N = s; v_0 = h_N (anchor).
//     Pebble of level i >= 1 visits, in turn, every position d ≡ 2^i (mod 2^(i+1)) with d < N;
//     the seed stays on position N.
//     When the pebble of level i is revealed at round d, it is re-dispatched to d + 2^(i+1):
//     it copies the value of the pebble at min(d + 3·2^i, N) (always already in place) and
//     walks down 2^i positions at 2 hashes per round. It arrives exactly when the next lower
//     level needs it as a source, and before it is itself revealed.
//     Odd rounds reveal H(pebble at p+1) (1 hash).
// Bounds (checked by test/unit/crypto/hashchain.test.ts, measured by bench/suites/crypto.ts):
//     memory: at most ceil(log2 N) secret hash values (levels 1..ceil(log2 N)-1 plus the seed),
//             plus the public anchor: hashChainMemoryBound(N) = ceil(log2 N) + 1 values;
//     work:   at most ceil(log2 N) + 1 hashes in any single step (a level travels during a
//             quarter of its period, and two adjacent levels never travel in the same round, so
//             at most ceil((L-1)/2) pebbles move, 2 hashes each, plus 1 for odd rounds);
//             measured: max ceil(log2 N) - 1, average about (log2 N)/2 - 1 (7.0 for N = 2^16);
//             setup costs N hashes (one pass from the seed to the anchor).
// The traverser state (about 41 bytes per pebble) serialises to bytes so it can be persisted
// after every reveal. It contains secrets (the seed): store it privately.
//
// Crash safety: HashChainWallet persists the advanced state BEFORE returning a value, so a
// value is never revealed twice; a crash or failed save can make the terminal skip values,
// which verifiers absorb with verifyChainValueWithin (bounded skip-ahead).
//
// Renewal: see HashChainWallet.renew and verifyRenewal.
import { timingSafeEqual } from 'node:crypto'
import { sha256 } from './hash.js'

export const CHAIN_VALUE_LEN = 32
export const MAX_CHAIN_LENGTH = 0xffffffff
const DOMAIN = new TextEncoder().encode('gridauth/hc/v1')

/** One chain step: H(x) = SHA-256("gridauth/hc/v1" || x). */
export function hashChainStep(x: Uint8Array): Uint8Array {
  return sha256(DOMAIN, x)
}

/** Computes h_n = H^n(seed) directly (O(n) time, O(1) memory). */
export function hashChainAnchor(seed: Uint8Array, n: number): Uint8Array {
  checkValue(seed, 'seed')
  checkLength(n)
  let x: Uint8Array = Uint8Array.from(seed)
  for (let i = 0; i < n; i++) x = hashChainStep(x)
  return x
}

function eq32(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === CHAIN_VALUE_LEN && b.length === CHAIN_VALUE_LEN && timingSafeEqual(a, b)
}

function checkValue(x: Uint8Array, what: string): void {
  if (!(x instanceof Uint8Array) || x.length !== CHAIN_VALUE_LEN) throw new Error(`hash chain ${what} must be ${CHAIN_VALUE_LEN} bytes`)
}

function checkLength(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CHAIN_LENGTH) throw new Error(`hash chain length must be an integer in 1..${MAX_CHAIN_LENGTH}`)
}

/** Verifier, exact step: accepts `candidate` iff H(candidate) == latest. */
export function verifyChainValue(latest: Uint8Array, candidate: Uint8Array): boolean {
  if (!(latest instanceof Uint8Array) || !(candidate instanceof Uint8Array)) return false
  if (latest.length !== CHAIN_VALUE_LEN || candidate.length !== CHAIN_VALUE_LEN) return false
  return eq32(hashChainStep(candidate), latest)
}

/**
 * Verifier with bounded skip-ahead: returns s in 1..maxSteps if H^s(candidate) == latest, else
 * null. s = 1 is the normal case; s > 1 means s - 1 values were never seen by this verifier
 * (a terminal crashed after persisting but before revealing, or the verifier missed updates).
 * On success the verifier records candidate as its new latest and adds s to the chain height.
 * Costs at most maxSteps hashes, so keep maxSteps small (tens to a few thousand); a value
 * older than latest never verifies, since that would need a preimage of latest's successor.
 */
export function verifyChainValueWithin(latest: Uint8Array, candidate: Uint8Array, maxSteps: number): number | null {
  if (!(latest instanceof Uint8Array) || !(candidate instanceof Uint8Array)) return null
  if (latest.length !== CHAIN_VALUE_LEN || candidate.length !== CHAIN_VALUE_LEN) return null
  if (!Number.isInteger(maxSteps) || maxSteps < 1) return null
  let x = candidate
  for (let s = 1; s <= maxSteps; s++) {
    x = hashChainStep(x)
    if (eq32(x, latest)) return s
  }
  return null
}

/** Memory bound of HashChainTraverser, counted as stored 32-byte values (pebbles + anchor). */
export function hashChainMemoryBound(n: number): number {
  checkLength(n)
  return Math.max(1, ceilLog2(n)) + 1
}

/** Worst-case hashes in a single advance() of HashChainTraverser. */
export function hashChainStepBound(n: number): number {
  checkLength(n)
  return ceilLog2(n) + 1
}

function ceilLog2(n: number): number {
  let k = 0
  while (2 ** k < n) k++
  return k
}

const TOP = 0xff // level of the seed pebble (never moves)

interface Pebble {
  level: number
  pos: number // position of `value` (v_pos); pos > dest while travelling
  dest: number
  value: Uint8Array
}

const TRAVERSER_MAGIC = 0x47484331 // "GHC1"
const PEBBLE_BYTES = 1 + 4 + 4 + CHAIN_VALUE_LEN
const TRAVERSER_HEADER = 4 + 4 + 4 + CHAIN_VALUE_LEN + 1

/** Fractal (Jakobsson) pebbled traversal of one hash chain; see the file header. */
export class HashChainTraverser {
  /** Hashes computed by this instance since it was created or deserialised (instrumentation). */
  hashes = 0
  /** Hashes computed by the last advance(). */
  lastStepHashes = 0

  private constructor(
    readonly length: number,
    private revealed: number,
    private readonly anchorValue: Uint8Array,
    private pebbles: Pebble[],
  ) {}

  /** Builds the chain from `seed` (32 random bytes) with N = length; costs N hashes. */
  static create(seed: Uint8Array, length: number): HashChainTraverser {
    checkValue(seed, 'seed')
    checkLength(length)
    const pebbles: Pebble[] = [{ level: TOP, pos: length, dest: length, value: Uint8Array.from(seed) }]
    // Initial pebbles: level i on position 2^i for every i >= 1 with 2^i < N.
    let level = ceilLog2(length) - 1
    let v: Uint8Array = Uint8Array.from(seed)
    for (let p = length - 1; p >= 0; p--) {
      v = hashChainStep(v)
      if (level >= 1 && p === 2 ** level) {
        pebbles.push({ level, pos: p, dest: p, value: v })
        level--
      }
    }
    const t = new HashChainTraverser(length, 0, v, pebbles)
    t.hashes = length
    return t
  }

  /** h_N, the value to publish. */
  get anchor(): Uint8Array {
    return Uint8Array.from(this.anchorValue)
  }

  /** Number of values revealed so far (k). The next value is h_{N-k-1}. */
  get position(): number {
    return this.revealed
  }

  /** Values still available. */
  get remaining(): number {
    return this.length - this.revealed
  }

  /** Stored 32-byte values: pebbles (secret) plus the anchor. */
  get storedValues(): number {
    return this.pebbles.length + 1
  }

  private arrivedAt(p: number): Pebble | undefined {
    for (const pb of this.pebbles) if (pb.pos === p && pb.dest === p) return pb
    return undefined
  }

  /** The next value to reveal, without changing state (at most 1 hash). */
  peekNext(): Uint8Array {
    if (this.remaining <= 0) throw new Error('hash chain exhausted')
    const c = this.revealed + 1
    const at = this.arrivedAt(c)
    if (at !== undefined) return Uint8Array.from(at.value)
    const above = this.arrivedAt(c + 1)
    if (above === undefined) throw new Error('hash chain traverser: inconsistent state')
    return hashChainStep(above.value)
  }

  /** Reveals (returns) the next value h_{N-k-1} and advances; bounded work per call. */
  advance(): Uint8Array {
    if (this.remaining <= 0) throw new Error('hash chain exhausted')
    let work = 0
    const c = this.revealed + 1
    let out: Uint8Array
    const at = this.arrivedAt(c)
    if (at !== undefined) {
      out = Uint8Array.from(at.value)
      if (at.level === TOP) {
        this.pebbles = this.pebbles.filter((p) => p !== at)
      } else {
        const step = 2 ** at.level
        const dest = c + 2 * step
        if (dest >= this.length) {
          this.pebbles = this.pebbles.filter((p) => p !== at)
        } else {
          const src = this.arrivedAt(Math.min(dest + step, this.length))
          if (src === undefined) throw new Error('hash chain traverser: inconsistent state')
          at.pos = src.pos
          at.dest = dest
          at.value = src.value
        }
      }
    } else {
      const above = this.arrivedAt(c + 1)
      if (above === undefined) throw new Error('hash chain traverser: inconsistent state')
      out = hashChainStep(above.value)
      work++
    }
    this.revealed = c
    for (const pb of this.pebbles) {
      for (let i = 0; i < 2 && pb.pos > pb.dest; i++) {
        pb.value = hashChainStep(pb.value)
        pb.pos--
        work++
      }
    }
    this.hashes += work
    this.lastStepHashes = work
    return out
  }

  clone(): HashChainTraverser {
    return HashChainTraverser.fromBytes(this.toBytes())
  }

  /** Serialises the whole state (contains secrets). */
  toBytes(): Uint8Array {
    const out = new Uint8Array(TRAVERSER_HEADER + this.pebbles.length * PEBBLE_BYTES)
    const dv = new DataView(out.buffer)
    dv.setUint32(0, TRAVERSER_MAGIC)
    dv.setUint32(4, this.length)
    dv.setUint32(8, this.revealed)
    out.set(this.anchorValue, 12)
    out[44] = this.pebbles.length
    let o = TRAVERSER_HEADER
    for (const pb of this.pebbles) {
      out[o] = pb.level
      dv.setUint32(o + 1, pb.pos)
      dv.setUint32(o + 5, pb.dest)
      out.set(pb.value, o + 9)
      o += PEBBLE_BYTES
    }
    return out
  }

  /** Inverse of toBytes; throws on malformed input. */
  static fromBytes(bytes: Uint8Array): HashChainTraverser {
    if (!(bytes instanceof Uint8Array) || bytes.length < TRAVERSER_HEADER) throw new Error('hash chain state: too short')
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (dv.getUint32(0) !== TRAVERSER_MAGIC) throw new Error('hash chain state: bad magic')
    const length = dv.getUint32(4)
    const revealed = dv.getUint32(8)
    checkLength(length)
    if (revealed > length) throw new Error('hash chain state: position beyond length')
    const count = bytes[44]
    if (bytes.length !== TRAVERSER_HEADER + count * PEBBLE_BYTES) throw new Error('hash chain state: bad length')
    if (count > Math.max(1, ceilLog2(length))) throw new Error('hash chain state: too many pebbles')
    const pebbles: Pebble[] = []
    let o = TRAVERSER_HEADER
    for (let i = 0; i < count; i++) {
      const level = bytes[o]
      const pos = dv.getUint32(o + 1)
      const dest = dv.getUint32(o + 5)
      if ((level !== TOP && (level < 1 || level > 31)) || dest > pos || pos > length || dest <= revealed) {
        throw new Error('hash chain state: bad pebble')
      }
      pebbles.push({ level, pos, dest, value: bytes.slice(o + 9, o + 9 + CHAIN_VALUE_LEN) })
      o += PEBBLE_BYTES
    }
    return new HashChainTraverser(length, revealed, bytes.slice(12, 44), pebbles)
  }
}

// ---------------------------------------------------------------------------------------------
// Renewal

/**
 * Renewal message, sent when a chain runs out (or early): it reveals the next unrevealed value
 * of the old chain and, with it, the new anchor and length.
 *
 * Verifier (verifyRenewal) checks exactly: all fields well-formed (32-byte values, 1 <= newLength
 * <= 2^32-1); H^s(revealed) == latest for some s in 1..maxSteps (the same rule as a normal
 * reveal, so it needs a fresh old-chain preimage only the terminal knows); and newAnchor differs
 * from both revealed and latest. On success it replaces latest with newAnchor, resets the height
 * to 0 and the length to newLength. Old-chain values never verify against the new anchor.
 * As for every chain value, what binds newAnchor to the reveal is the channel: the message is
 * accepted only over the Noise session of the PeerId registered for the terminal, and is then
 * recorded on the ledger (a replay is rejected, because `revealed` is no longer ahead of latest).
 */
export interface RenewalMessage {
  revealed: Uint8Array
  newAnchor: Uint8Array
  newLength: number
}

const RENEWAL_VERSION = 1
export const RENEWAL_MESSAGE_LEN = 1 + CHAIN_VALUE_LEN + CHAIN_VALUE_LEN + 4

export function encodeRenewal(m: RenewalMessage): Uint8Array {
  checkValue(m.revealed, 'revealed value')
  checkValue(m.newAnchor, 'anchor')
  checkLength(m.newLength)
  const out = new Uint8Array(RENEWAL_MESSAGE_LEN)
  out[0] = RENEWAL_VERSION
  out.set(m.revealed, 1)
  out.set(m.newAnchor, 33)
  new DataView(out.buffer).setUint32(65, m.newLength)
  return out
}

/** Returns null on malformed input. */
export function decodeRenewal(bytes: Uint8Array): RenewalMessage | null {
  if (!(bytes instanceof Uint8Array) || bytes.length !== RENEWAL_MESSAGE_LEN || bytes[0] !== RENEWAL_VERSION) return null
  const newLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(65)
  if (newLength < 1) return null
  return { revealed: bytes.slice(1, 33), newAnchor: bytes.slice(33, 65), newLength }
}

/** See RenewalMessage. Returns the skip count s, or null if the renewal must be rejected. */
export function verifyRenewal(
  latest: Uint8Array,
  message: RenewalMessage | Uint8Array,
  maxSteps = 1,
): { steps: number; newAnchor: Uint8Array; newLength: number } | null {
  const m = message instanceof Uint8Array ? decodeRenewal(message) : message
  if (m === null) return null
  if (!(m.newAnchor instanceof Uint8Array) || m.newAnchor.length !== CHAIN_VALUE_LEN) return null
  if (!Number.isInteger(m.newLength) || m.newLength < 1 || m.newLength > MAX_CHAIN_LENGTH) return null
  const steps = verifyChainValueWithin(latest, m.revealed, maxSteps)
  if (steps === null) return null
  if (eq32(m.newAnchor, m.revealed) || eq32(m.newAnchor, latest)) return null
  return { steps, newAnchor: Uint8Array.from(m.newAnchor), newLength: m.newLength }
}

// ---------------------------------------------------------------------------------------------
// Crash-safe wallet

/** Injected persistence. save() must be atomic (e.g. write a temp file, fsync, rename). */
export interface ChainStore {
  load(): Promise<Uint8Array | undefined>
  save(bytes: Uint8Array): Promise<void>
}

const WALLET_MAGIC = 0x47485731 // "GHW1"

/**
 * A terminal's hash chain with crash-safe reveals. Rule: every value is returned only after a
 * state in which it counts as revealed has been saved, and the in-memory state never moves
 * backwards (even when save() throws). Hence no value is ever revealed twice; a crash or a failed
 * save may skip values, which verifiers accept with bounded skip-ahead.
 * The last value of each chain (h_0) is reserved for renew(): reveal() refuses to use it.
 */
export class HashChainWallet {
  private queue: Promise<unknown> = Promise.resolve()
  private pending: { fresh: HashChainTraverser; message: RenewalMessage } | undefined

  private constructor(
    private readonly store: ChainStore,
    private chain: HashChainTraverser,
    private gen: number,
    private renewal: RenewalMessage | undefined,
  ) {}

  /** New wallet with a fresh chain; persisted before it returns. Publish `anchor`. */
  static async create(store: ChainStore, seed: Uint8Array, length: number): Promise<HashChainWallet> {
    if (length < 2) throw new Error('wallet chain length must be >= 2 (one value is reserved for renewal)')
    const w = new HashChainWallet(store, HashChainTraverser.create(seed, length), 0, undefined)
    await store.save(w.encode(w.chain, w.gen, w.renewal))
    return w
  }

  /** Loads the wallet from the store; undefined if the store is empty. */
  static async open(store: ChainStore): Promise<HashChainWallet | undefined> {
    const bytes = await store.load()
    if (bytes === undefined) return undefined
    const { chain, gen, renewal } = HashChainWallet.decode(bytes)
    return new HashChainWallet(store, chain, gen, renewal)
  }

  get anchor(): Uint8Array {
    return this.chain.anchor
  }
  /** Chain generation: 0 for the first chain, +1 per renewal. */
  get generation(): number {
    return this.gen
  }
  get position(): number {
    return this.chain.position
  }
  get length(): number {
    return this.chain.length
  }
  /** Values reveal() can still return (the reserved renewal value is not counted). */
  get remaining(): number {
    return Math.max(0, this.chain.remaining - 1)
  }
  /** The last renewal message (kept so it can be re-sent after a crash), if any. */
  get lastRenewal(): RenewalMessage | undefined {
    return this.renewal
  }
  get storedValues(): number {
    return this.chain.storedValues
  }
  needsRenewal(threshold = 0): boolean {
    return this.remaining <= threshold
  }

  /** Next chain value, persisted as revealed before it is returned. */
  reveal(): Promise<Uint8Array> {
    return this.exclusive(async () => {
      if (this.pending !== undefined) throw new Error('renewal pending: call renew() again')
      if (this.remaining <= 0) throw new Error('hash chain exhausted: renew()')
      const next = this.chain.clone()
      const value = next.advance()
      this.chain = next // never go back, even if save throws (the value is then skipped)
      await this.store.save(this.encode(next, this.gen, this.renewal))
      return value
    })
  }

  /**
   * Starts a new chain from `newSeed` (32 random bytes) with `newLength` values, and returns the
   * renewal message: the next old-chain value + the new anchor and length (see RenewalMessage).
   * The new chain and the message are persisted before returning. If save() throws, the renewal
   * stays pending in memory: reveal() then refuses, and the next renew() call re-saves and
   * returns exactly the same message (its arguments are then ignored), so the reserved value is
   * never burnt and never bound to two different anchors. After a crash, if the store holds the
   * new chain, re-send `lastRenewal`; if it holds the old one, nothing was revealed.
   */
  renew(newSeed: Uint8Array, newLength: number): Promise<RenewalMessage> {
    return this.exclusive(async () => {
      if (this.pending === undefined) {
        if (this.chain.remaining <= 0) throw new Error('hash chain fully used: cannot authenticate a renewal')
        if (newLength < 2) throw new Error('wallet chain length must be >= 2')
        const old = this.chain.clone()
        const revealed = old.advance()
        const fresh = HashChainTraverser.create(newSeed, newLength)
        this.pending = { fresh, message: { revealed, newAnchor: fresh.anchor, newLength } }
      }
      const { fresh, message } = this.pending
      await this.store.save(this.encode(fresh, this.gen + 1, message))
      this.pending = undefined
      this.chain = fresh
      this.gen += 1
      this.renewal = message
      return message
    })
  }

  /** True after a renew() whose save failed; call renew() again. */
  get renewalPending(): boolean {
    return this.pending !== undefined
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  private encode(chain: HashChainTraverser, gen: number, renewal: RenewalMessage | undefined): Uint8Array {
    const c = chain.toBytes()
    const r = renewal === undefined ? new Uint8Array(0) : encodeRenewal(renewal)
    const out = new Uint8Array(9 + r.length + c.length)
    const dv = new DataView(out.buffer)
    dv.setUint32(0, WALLET_MAGIC)
    dv.setUint32(4, gen)
    out[8] = r.length === 0 ? 0 : 1
    out.set(r, 9)
    out.set(c, 9 + r.length)
    return out
  }

  private static decode(bytes: Uint8Array): { chain: HashChainTraverser; gen: number; renewal: RenewalMessage | undefined } {
    if (!(bytes instanceof Uint8Array) || bytes.length < 9) throw new Error('hash chain wallet: too short')
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    if (dv.getUint32(0) !== WALLET_MAGIC) throw new Error('hash chain wallet: bad magic')
    const gen = dv.getUint32(4)
    let renewal: RenewalMessage | undefined
    let o = 9
    if (bytes[8] === 1) {
      const r = decodeRenewal(bytes.subarray(9, 9 + RENEWAL_MESSAGE_LEN))
      if (r === null) throw new Error('hash chain wallet: bad renewal')
      renewal = r
      o += RENEWAL_MESSAGE_LEN
    } else if (bytes[8] !== 0) {
      throw new Error('hash chain wallet: bad flag')
    }
    return { chain: HashChainTraverser.fromBytes(bytes.subarray(o)), gen, renewal }
  }
}
