// Wire codec of /gridauth/pbft/1.0.0: the sans-IO core's messages <-> protobuf (protocols/pbft.proto).
// Decoding is total: malformed input throws, which the RPC layer counts as malformed-body.
import type {
  Block, CheckpointMsg, ClientRequest, CommitCertificate, ExecState, Message, PreparedCertificate, StableCheckpoint, Vote, ViewChangeMsg
} from '../pbft/types.js'
import * as W from '../wire/pbft.js'

type B = Uint8Array<ArrayBuffer>
const EMPTY = new Uint8Array(0) as B
const ab = (u: Uint8Array | undefined): B => (u ?? EMPTY) as B
const need = <T>(x: T | undefined, what: string): T => { if (x === undefined) throw new Error(`pbft: missing ${what}`); return x }
/** Decoder limits: repeated fields are bounded so a frame cannot make us allocate without bound. */
export const MAX_WIRE_REQUESTS = 65536

const reqTo = (r: ClientRequest): W.PRequest => ({ client: r.client, epoch: r.epoch, counter: r.counter, op: ab(r.op), sig: ab(r.sig) })
const reqFrom = (r: W.PRequest): ClientRequest => ({ client: r.client, epoch: r.epoch, counter: r.counter, op: r.op, sig: r.sig })
export const blockTo = (b: Block): W.PBlock => ({
  height: b.height, prevHash: ab(b.prevHash), proposer: b.proposer, vrfProof: ab(b.vrfProof), nextSeed: ab(b.nextSeed),
  root: ab(b.root), requests: b.requests.map(reqTo), app: ab(b.app)
})
export const blockFrom = (b: W.PBlock): Block => {
  const base = { height: b.height, prevHash: b.prevHash, proposer: b.proposer, vrfProof: b.vrfProof, nextSeed: b.nextSeed, root: b.root, requests: b.requests.map(reqFrom) }
  return b.app.length > 0 ? { ...base, app: b.app } : base
}
const voteTo = (v: Vote): W.PVote => ({ replica: v.replica, sig: ab(v.sig), ext: ab(v.ext) })
const voteFrom = (v: W.PVote): Vote => (v.ext.length > 0 ? { replica: v.replica, sig: v.sig, ext: v.ext } : { replica: v.replica, sig: v.sig })
export const certTo = (c: CommitCertificate): W.PCommitCert => ({ height: c.height, view: c.view, digest: ab(c.digest), votes: c.votes.map(voteTo) })
export const certFrom = (c: W.PCommitCert): CommitCertificate => ({ height: c.height, view: c.view, digest: c.digest, votes: c.votes.map(voteFrom) })
const pcTo = (c: PreparedCertificate): W.PPreparedCert => ({ view: c.view, height: c.height, block: blockTo(c.block), votes: c.votes.map(voteTo) })
const pcFrom = (c: W.PPreparedCert): PreparedCertificate => ({ view: c.view, height: c.height, block: blockFrom(need(c.block, 'block')), votes: c.votes.map(voteFrom) })
const ckTo = (c: CheckpointMsg): W.PCheckpoint => ({ height: c.height, blockHash: ab(c.blockHash), nextSeed: ab(c.nextSeed), stateDigest: ab(c.stateDigest), sender: c.sender, sig: ab(c.sig) })
const ckFrom = (c: W.PCheckpoint): CheckpointMsg => ({ type: 'checkpoint', height: c.height, blockHash: c.blockHash, nextSeed: c.nextSeed, stateDigest: c.stateDigest, sender: c.sender, sig: c.sig })
const stTo = (c: StableCheckpoint): W.PStable => ({ height: c.height, blockHash: ab(c.blockHash), nextSeed: ab(c.nextSeed), stateDigest: ab(c.stateDigest), proof: c.proof.map(ckTo) })
const stFrom = (c: W.PStable): StableCheckpoint => ({ height: c.height, blockHash: c.blockHash, nextSeed: c.nextSeed, stateDigest: c.stateDigest, proof: c.proof.map(ckFrom) })
const vcTo = (m: ViewChangeMsg): W.PViewChange => ({ view: m.view, checkpoint: stTo(m.checkpoint), prepared: m.prepared.map(pcTo), sender: m.sender, sig: ab(m.sig) })
const vcFrom = (m: W.PViewChange): ViewChangeMsg => ({ type: 'viewchange', view: m.view, checkpoint: stFrom(need(m.checkpoint, 'checkpoint')), prepared: m.prepared.map(pcFrom), sender: m.sender, sig: m.sig })
const exTo = (e: ExecState): W.PExecState => ({ height: e.height, headHash: ab(e.headHash), nextSeed: ab(e.nextSeed), clients: e.clients.map(([client, r]) => ({ client, epoch: r.epoch, counter: r.counter, height: r.height, result: ab(r.result) })) })
const exFrom = (e: W.PExecState): ExecState => ({ height: e.height, headHash: e.headHash, nextSeed: e.nextSeed, clients: e.clients.map(c => [c.client, { epoch: c.epoch, counter: c.counter, height: c.height, result: c.result }] as const) })

export type Wire = Message | { type: 'forward'; txs: Uint8Array[] } | { type: 'vrfhint'; alpha: Uint8Array; proof: Uint8Array } | { type: 'batch'; msgs: Uint8Array[] }
/** Entries of one `batch` frame (protocols/pbft.proto PBatch). */
export const MAX_BATCH_MESSAGES = 1024

export function encodeMessage(m: Wire): Uint8Array {
  const w: W.PbftMessage = {}
  switch (m.type) {
    case 'preprepare': w.preprepare = { view: m.view, height: m.height, digest: ab(m.digest), block: blockTo(m.block), sender: m.sender, sig: ab(m.sig) }; break
    case 'prepare': w.prepare = { view: m.view, height: m.height, digest: ab(m.digest), sender: m.sender, sig: ab(m.sig), ext: EMPTY }; break
    case 'commit': w.commit = { view: m.view, height: m.height, digest: ab(m.digest), sender: m.sender, sig: ab(m.sig), ext: ab(m.ext) }; break
    case 'checkpoint': w.checkpoint = ckTo(m); break
    case 'viewchange': w.viewchange = vcTo(m); break
    case 'newview': w.newview = { view: m.view, viewChanges: m.viewChanges.map(vcTo), digests: m.digests.map(ab), sender: m.sender, sig: ab(m.sig) }; break
    case 'status': w.status = { view: m.view, normal: m.normal, height: m.height, sender: m.sender }; break
    case 'fetch': w.fetch = { from: m.from, sender: m.sender }; break
    case 'blocks': w.blocks = { blocks: m.blocks.map(x => ({ block: blockTo(x.block), cert: certTo(x.cert) })), sender: m.sender }; break
    case 'snapshot': w.snapshot = { checkpoint: stTo(m.checkpoint), exec: exTo(m.exec), app: ab(m.app), sender: m.sender }; break
    case 'forward': w.forward = { txs: m.txs.map(ab) }; break
    case 'vrfhint': w.vrfhint = { alpha: ab(m.alpha), proof: ab(m.proof) }; break
    case 'batch': w.batch = { msgs: m.msgs.map(ab) }; break
  }
  return W.PbftMessage.encode(w)
}

/**
 * A copy of `bytes` in an ArrayBuffer of its own. Decoded fields are views into the buffer they
 * were decoded from, and what the core keeps (blocks in its history, votes in certificates, ledger
 * records derived from txs) lives long: a view into a network chunk or one of Node's shared 8 KB
 * Buffer-pool slabs would keep all of it alive (measured on a validator after 3,000
 * authentications: its PBFT history held 4.6 MB of buffers, 4 MB of them 8-64 KB slabs and chunks).
 */
export const compact = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes)

/** Decodes a frame; every byte field of the result is a view into one exactly-sized copy of it (see compact). */
export function decodeMessage(bytes: Uint8Array): Wire {
  const w = W.PbftMessage.decode(compact(bytes), { limits: { batch: { msgs: MAX_BATCH_MESSAGES } } })
  let out: Wire | undefined
  let n = 0
  if (w.preprepare !== undefined) { n++; const m = w.preprepare; out = { type: 'preprepare', view: m.view, height: m.height, digest: m.digest, block: blockFrom(need(m.block, 'block')), sender: m.sender, sig: m.sig } }
  if (w.prepare !== undefined) { n++; const m = w.prepare; out = { type: 'prepare', view: m.view, height: m.height, digest: m.digest, sender: m.sender, sig: m.sig } }
  if (w.commit !== undefined) {
    n++; const m = w.commit
    out = m.ext.length > 0
      ? { type: 'commit', view: m.view, height: m.height, digest: m.digest, sender: m.sender, sig: m.sig, ext: m.ext }
      : { type: 'commit', view: m.view, height: m.height, digest: m.digest, sender: m.sender, sig: m.sig }
  }
  if (w.checkpoint !== undefined) { n++; out = ckFrom(w.checkpoint) }
  if (w.viewchange !== undefined) { n++; out = vcFrom(w.viewchange) }
  if (w.newview !== undefined) { n++; const m = w.newview; out = { type: 'newview', view: m.view, viewChanges: m.viewChanges.map(vcFrom), digests: m.digests, sender: m.sender, sig: m.sig } }
  if (w.status !== undefined) { n++; const m = w.status; out = { type: 'status', view: m.view, normal: m.normal, height: m.height, sender: m.sender } }
  if (w.fetch !== undefined) { n++; out = { type: 'fetch', from: w.fetch.from, sender: w.fetch.sender } }
  if (w.blocks !== undefined) { n++; const m = w.blocks; out = { type: 'blocks', blocks: m.blocks.map(x => ({ block: blockFrom(need(x.block, 'block')), cert: certFrom(need(x.cert, 'cert')) })), sender: m.sender } }
  if (w.snapshot !== undefined) { n++; const m = w.snapshot; out = { type: 'snapshot', checkpoint: stFrom(need(m.checkpoint, 'checkpoint')), exec: exFrom(need(m.exec, 'exec')), app: m.app, sender: m.sender } }
  if (w.forward !== undefined) { n++; out = { type: 'forward', txs: w.forward.txs } }
  if (w.vrfhint !== undefined) { n++; out = { type: 'vrfhint', alpha: w.vrfhint.alpha, proof: w.vrfhint.proof } }
  if (w.batch !== undefined) { n++; out = { type: 'batch', msgs: w.batch.msgs } }
  if (n !== 1 || out === undefined) throw new Error(`pbft: a message must set exactly one field (got ${n})`)
  return out
}

// ------------------------------------------------------------------------------------------------
// Persistence codec for the core's `persist` values (plain objects with numbers, strings, booleans,
// null, arrays and Uint8Arrays): JSON with byte arrays as {"$b": base64}.
function toPlain(x: unknown): unknown {
  if (x instanceof Uint8Array) return { $b: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') }
  if (Array.isArray(x)) return x.map(toPlain)
  if (x !== null && typeof x === 'object') {
    const o: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(x)) if (v !== undefined) o[k] = toPlain(v)
    return o
  }
  return x
}
export function encodeValue(v: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(toPlain(v)))
}
export function decodeValue(b: Uint8Array): unknown {
  return JSON.parse(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8'), (_k, x: unknown) => {
    if (x !== null && typeof x === 'object' && '$b' in x && typeof (x as { $b: unknown }).$b === 'string') {
      // a copy: a small Buffer.from() is a view into a shared 8 KB pool slab (see compact)
      return compact(Buffer.from((x as { $b: string }).$b, 'base64'))
    }
    return x
  })
}
