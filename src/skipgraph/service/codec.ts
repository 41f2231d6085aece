// Core messages (src/skipgraph/messages.ts) <-> /gridauth/skipgraph/1.0.0 bodies (SgMessage),
// with every field validated. A body that does not decode or fails validation throws
// MalformedError; the shell turns that into RpcError('malformed') (counted by RpcEndpoint).
import { SgMessage, MsgType, Purpose, Side as WSide, FailReason, type NodeRef as WRef } from '../../wire/skipgraph.js'
import { keyFromBytes, keyToBytes, type Key } from '../keys.js'
import type { Msg, SearchPurpose } from '../messages.js'
import type { NodeRef, Side } from '../table.js'

/** Largest /gridauth/skipgraph/1.0.0 body (bytes). A `place` search-result with r+1 levels of
 * 2k refs of ~450 bytes each stays far below it for k <= 16 and r <= 8. */
export const MAX_SG_MESSAGE_BYTES = 64 * 1024
/** Refs per list (k is at most 16, config `skipgraph.neighboursPerSide`). */
export const MAX_LIST = 16
/** Levels in a `place` answer (r <= 63 by config; more is malformed). */
export const MAX_LEVELS = 64
/** Multiaddrs per ref and bytes per multiaddr. */
export const MAX_ADDRS = 4
export const MAX_ADDR_BYTES = 128
export const MAX_ID_CHARS = 128
export const MAX_QID_CHARS = 200

export class MalformedError extends Error {}

/** Address book the codec reads (encode) and fills (decode): peer id -> binary multiaddrs. */
export interface AddrBook {
  get(id: string): Uint8Array[] | undefined
  learn(id: string, addrs: Uint8Array[]): void
  /** Every decoded ref that carried addresses (a node one could contact). */
  met?(ref: NodeRef): void
}

const PURPOSE: Record<SearchPurpose, Purpose> = { lookup: Purpose.LOOKUP, join: Purpose.JOIN, place: Purpose.PLACE }
const PURPOSE_BACK: Record<string, SearchPurpose> = { LOOKUP: 'lookup', JOIN: 'join', PLACE: 'place' }
const SIDE = (s: Side): WSide => (s === 'left' ? WSide.LEFT : WSide.RIGHT)
const SIDE_BACK = (s: WSide): Side => {
  if (s === WSide.LEFT) return 'left'
  if (s === WSide.RIGHT) return 'right'
  throw new MalformedError('bad side')
}

function ref(r: NodeRef, book: AddrBook): WRef {
  return { id: r.id, key: keyToBytes(r.key) as Uint8Array<ArrayBuffer>, mv: r.mv, addrs: (book.get(r.id) ?? []).slice(0, MAX_ADDRS) as Array<Uint8Array<ArrayBuffer>> }
}
const refs = (a: NodeRef[], book: AddrBook): WRef[] => a.map((r) => ref(r, book))

function back(w: WRef | undefined, book: AddrBook, what: string): NodeRef {
  if (w === undefined) throw new MalformedError(`missing ${what}`)
  if (w.id.length === 0 || w.id.length > MAX_ID_CHARS) throw new MalformedError(`bad ${what}.id`)
  if (w.key.byteLength !== 32) throw new MalformedError(`${what}.key must be 32 bytes`)
  if (w.mv.length > 256 || !/^[01]*$/.test(w.mv)) throw new MalformedError(`bad ${what}.mv`)
  if (w.addrs.length > MAX_ADDRS || w.addrs.some((a) => a.byteLength === 0 || a.byteLength > MAX_ADDR_BYTES)) throw new MalformedError(`bad ${what}.addrs`)
  const r = { id: w.id, key: keyFromBytes(w.key), mv: w.mv }
  if (w.addrs.length > 0) { book.learn(w.id, w.addrs); book.met?.(r) }
  return r
}
const backs = (a: WRef[], book: AddrBook, what: string): NodeRef[] => {
  if (a.length > MAX_LIST) throw new MalformedError(`${what}: too many refs`)
  return a.map((w) => back(w, book, what))
}
function key32(b: Uint8Array): Key {
  if (b.byteLength !== 32) throw new MalformedError('target must be 32 bytes')
  return keyFromBytes(b)
}
function qid(s: string): string {
  if (s.length === 0 || s.length > MAX_QID_CHARS) throw new MalformedError('bad qid')
  return s
}
function level(n: number): number {
  if (n > 256) throw new MalformedError('bad level')
  return n
}

export function encodeMsg(m: Msg, book: AddrBook): Uint8Array {
  const w: Partial<SgMessage> = {}
  switch (m.t) {
    case 'search':
      Object.assign(w, { type: MsgType.SEARCH, qid: m.qid, origin: ref(m.origin, book), target: keyToBytes(m.target), purpose: PURPOSE[m.purpose], r: m.r, hops: m.hops, ttl: m.ttl })
      break
    case 'search-result':
      Object.assign(w, {
        type: MsgType.SEARCH_RESULT, qid: m.qid, purpose: PURPOSE[m.purpose], target: keyToBytes(m.target), node: ref(m.node, book), hops: m.hops, k: m.k,
        levels: (m.levels ?? []).map((l) => ({ left: refs(l.left, book), right: refs(l.right, book) }))
      })
      break
    case 'search-failed':
      Object.assign(w, { type: MsgType.SEARCH_FAILED, qid: m.qid, purpose: PURPOSE[m.purpose], target: keyToBytes(m.target), at: ref(m.at, book), hops: m.hops, reason: m.reason === 'ttl' ? FailReason.TTL : FailReason.STUCK })
      break
    case 'link':
      Object.assign(w, { type: MsgType.LINK, level: m.level, side: SIDE(m.side), from: ref(m.from, book) })
      break
    case 'link-ok':
      Object.assign(w, { type: MsgType.LINK_OK, level: m.level, side: SIDE(m.side), from: ref(m.from, book), displaced: ref(m.displaced, book), list: refs(m.list, book) })
      break
    case 'link-redirect':
      Object.assign(w, { type: MsgType.LINK_REDIRECT, level: m.level, side: SIDE(m.side), from: ref(m.from, book), closer: ref(m.closer, book) })
      break
    case 'walk':
      Object.assign(w, { type: MsgType.WALK, level: m.level, side: SIDE(m.dir), origin: ref(m.origin, book), hops: m.hops })
      break
    case 'walk-none':
      Object.assign(w, { type: MsgType.WALK_NONE, level: m.level, side: SIDE(m.dir), from: ref(m.from, book) })
      break
    case 'get-neighbours':
      Object.assign(w, { type: MsgType.GET_NEIGHBOURS, level: m.level, from: ref(m.from, book), qid: m.qid ?? '', hasQid: m.qid !== undefined })
      break
    case 'neighbours':
      Object.assign(w, { type: MsgType.NEIGHBOURS, level: m.level, from: ref(m.from, book), left: refs(m.left, book), right: refs(m.right, book), qid: m.qid ?? '', hasQid: m.qid !== undefined })
      break
    case 'unlink':
      Object.assign(w, { type: MsgType.UNLINK, level: m.level, side: SIDE(m.side), from: ref(m.from, book), replacement: refs(m.replacement, book) })
      break
    case 'unlink-ok':
      Object.assign(w, { type: MsgType.UNLINK_OK, level: m.level, from: ref(m.from, book) })
      break
    case 'ping':
    case 'pong':
      Object.assign(w, { type: m.t === 'ping' ? MsgType.PING : MsgType.PONG, nonce: BigInt(m.nonce), from: ref(m.from, book) })
      break
  }
  return SgMessage.encode(w)
}

const DECODE_LIMITS = {
  levels: MAX_LEVELS, list: MAX_LIST, left: MAX_LIST, right: MAX_LIST, replacement: MAX_LIST,
  levels$: { left: MAX_LIST, right: MAX_LIST }
}

/** Decodes and validates a body; `sender` is the authenticated remote PeerId: a message that
 * names its sender (`from`, `node`, `at`) must name this peer. */
export function decodeMsg(bytes: Uint8Array, sender: string, book: AddrBook): Msg {
  if (bytes.byteLength > MAX_SG_MESSAGE_BYTES) throw new MalformedError('message too large')
  let w: SgMessage
  try {
    w = SgMessage.decode(bytes, { limits: DECODE_LIMITS as never })
  } catch (err) {
    throw new MalformedError(`undecodable: ${(err as Error).message}`)
  }
  const self = (r: WRef | undefined, what: string): NodeRef => {
    const n = back(r, book, what)
    if (n.id !== sender) throw new MalformedError(`${what}.id is not the sending peer`)
    return n
  }
  const purpose = (): SearchPurpose => {
    const p = PURPOSE_BACK[w.purpose]
    if (p === undefined) throw new MalformedError('bad purpose')
    return p
  }
  const hops = (n: number): number => {
    if (n > 100_000) throw new MalformedError('bad hops')
    return n
  }
  switch (w.type) {
    case MsgType.SEARCH:
      return { t: 'search', qid: qid(w.qid), origin: back(w.origin, book, 'origin'), target: key32(w.target), purpose: purpose(), ...(w.r !== undefined ? { r: Math.min(w.r, MAX_LEVELS - 1) } : {}), hops: hops(w.hops), ttl: Math.min(w.ttl, 4096) }
    case MsgType.SEARCH_RESULT: {
      if (w.levels.length > MAX_LEVELS) throw new MalformedError('too many levels')
      const m: Extract<Msg, { t: 'search-result' }> = { t: 'search-result', qid: qid(w.qid), purpose: purpose(), target: key32(w.target), node: self(w.node, 'node'), hops: hops(w.hops) }
      if (w.k !== undefined) m.k = Math.max(1, Math.min(w.k, MAX_LIST))
      if (m.purpose === 'place') m.levels = w.levels.map((l) => ({ left: backs(l.left, book, 'levels.left'), right: backs(l.right, book, 'levels.right') }))
      return m
    }
    case MsgType.SEARCH_FAILED:
      return { t: 'search-failed', qid: qid(w.qid), purpose: purpose(), target: key32(w.target), at: self(w.at, 'at'), hops: hops(w.hops), reason: w.reason === FailReason.TTL ? 'ttl' : 'stuck' }
    case MsgType.LINK:
      return { t: 'link', level: level(w.level), side: SIDE_BACK(w.side), from: self(w.from, 'from') }
    case MsgType.LINK_OK:
      return { t: 'link-ok', level: level(w.level), side: SIDE_BACK(w.side), from: self(w.from, 'from'), displaced: back(w.displaced, book, 'displaced'), list: backs(w.list, book, 'list') }
    case MsgType.LINK_REDIRECT:
      return { t: 'link-redirect', level: level(w.level), side: SIDE_BACK(w.side), from: self(w.from, 'from'), closer: back(w.closer, book, 'closer') }
    case MsgType.WALK:
      return { t: 'walk', level: level(w.level), dir: SIDE_BACK(w.side), origin: back(w.origin, book, 'origin'), hops: hops(w.hops) }
    case MsgType.WALK_NONE:
      return { t: 'walk-none', level: level(w.level), dir: SIDE_BACK(w.side), from: self(w.from, 'from') }
    case MsgType.GET_NEIGHBOURS:
      return { t: 'get-neighbours', level: level(w.level), from: self(w.from, 'from'), ...(w.hasQid ? { qid: qid(w.qid) } : {}) }
    case MsgType.NEIGHBOURS:
      return { t: 'neighbours', level: level(w.level), from: self(w.from, 'from'), left: backs(w.left, book, 'left'), right: backs(w.right, book, 'right'), ...(w.hasQid ? { qid: qid(w.qid) } : {}) }
    case MsgType.UNLINK:
      return { t: 'unlink', level: level(w.level), side: SIDE_BACK(w.side), from: self(w.from, 'from'), replacement: backs(w.replacement, book, 'replacement') }
    case MsgType.UNLINK_OK:
      return { t: 'unlink-ok', level: level(w.level), from: self(w.from, 'from') }
    case MsgType.PING:
    case MsgType.PONG: {
      if (w.nonce > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedError('bad nonce')
      return { t: w.type === MsgType.PING ? 'ping' : 'pong', nonce: Number(w.nonce), from: self(w.from, 'from') }
    }
    default:
      throw new MalformedError(`unknown message type ${String(w.type)}`)
  }
}
