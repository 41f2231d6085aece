// Canonical byte encodings of what the PBFT core hashes and signs. Every encoding starts with a
// domain tag, so a signature for one message type never verifies as another. Numbers are
// non-negative safe integers (or -1), written as 8-byte big-endian float64 (exact for integers).
import { createHash, hash as oneShot } from 'node:crypto'
import type { Block, ClientRecord, ClientRequest, ExecState } from './types.js'

type Field = number | string | Uint8Array

const utf8 = new TextEncoder()
const tagCache = new Map<string, Uint8Array>()

function tagBytes(tag: string): Uint8Array {
  let t = tagCache.get(tag)
  if (t === undefined) {
    const b = utf8.encode('gridauth/pbft/' + tag)
    t = new Uint8Array(4 + b.length)
    new DataView(t.buffer).setUint32(0, b.length)
    t.set(b, 4)
    tagCache.set(tag, t)
  }
  return t
}

export function encode(tag: string, ...fields: Field[]): Uint8Array {
  const t = tagBytes(tag)
  let size = t.length
  const strs: Uint8Array[] = []
  for (const f of fields) {
    if (typeof f === 'number') size += 9
    else if (typeof f === 'string') { const b = utf8.encode(f); strs.push(b); size += 5 + b.length } else size += 5 + f.length
  }
  const out = new Uint8Array(size)
  const dv = new DataView(out.buffer)
  out.set(t, 0)
  let o = t.length
  let si = 0
  for (const f of fields) {
    if (typeof f === 'number') {
      out[o] = 1
      dv.setFloat64(o + 1, f)
      o += 9
    } else {
      const b = typeof f === 'string' ? strs[si++] : f
      out[o] = typeof f === 'string' ? 2 : 3
      dv.setUint32(o + 1, b.length)
      out.set(b, o + 5)
      o += 5 + b.length
    }
  }
  return out
}

export function hash(...parts: Uint8Array[]): Uint8Array {
  let data: Uint8Array
  if (parts.length === 1) data = parts[0]
  else {
    let len = 0
    for (const p of parts) len += p.length
    data = new Uint8Array(len)
    let o = 0
    for (const p of parts) { data.set(p, o); o += p.length }
  }
  const d = oneShot('sha256', data, 'buffer') as Buffer
  return new Uint8Array(d.buffer, d.byteOffset, d.length)
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex')
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Block hash = PBFT digest. Covers the header; `root` covers the requests. */
export function blockHash(b: Block): Uint8Array {
  if (b.app === undefined || b.app.length === 0) return hash(encode('block', b.height, b.prevHash, b.proposer, b.vrfProof, b.nextSeed, b.root))
  return hash(encode('block', b.height, b.prevHash, b.proposer, b.vrfProof, b.nextSeed, b.root, b.app))
}

export function requestKey(r: Pick<ClientRequest, 'client' | 'epoch' | 'counter'>): string {
  return `${r.client}\u0000${r.epoch}\u0000${r.counter}`
}

/** Lexicographic comparison of request ids (epoch, counter). */
export function compareId(a: { epoch: number; counter: number }, b: { epoch: number; counter: number }): number {
  return a.epoch !== b.epoch ? a.epoch - b.epoch : a.counter - b.counter
}

export function requestBytes(r: ClientRequest): Uint8Array {
  return encode('request', r.client, r.epoch, r.counter, r.op)
}

export const vrfAlpha = (height: number, seed: Uint8Array): Uint8Array => encode('vrf-seed', height, seed)
export const nullSeed = (seed: Uint8Array): Uint8Array => hash(encode('null-seed', seed))
export const prePrepareBytes = (view: number, height: number, digest: Uint8Array): Uint8Array => encode('preprepare', view, height, digest)
export const prepareBytes = (view: number, height: number, digest: Uint8Array): Uint8Array => encode('prepare', view, height, digest)
export const commitBytes = (view: number, height: number, digest: Uint8Array): Uint8Array => encode('commit', view, height, digest)
export const checkpointBytes = (height: number, blockHash: Uint8Array, nextSeed: Uint8Array, stateDigest: Uint8Array): Uint8Array =>
  encode('checkpoint', height, blockHash, nextSeed, stateDigest)

export function viewChangeBytes(view: number, ckptHeight: number, ckptDigest: Uint8Array, certs: readonly { view: number; height: number; block: Block }[]): Uint8Array {
  const fields: Field[] = [view, ckptHeight, ckptDigest, certs.length]
  for (const c of certs) fields.push(c.view, c.height, blockHash(c.block))
  return encode('viewchange', ...fields)
}

export function newViewBytes(view: number, vcDigests: readonly Uint8Array[], digests: readonly Uint8Array[]): Uint8Array {
  return encode('newview', view, vcDigests.length, ...vcDigests, digests.length, ...digests)
}

function clientRecordDigest(client: string, r: ClientRecord): Uint8Array {
  return encode('client', client, r.epoch, r.counter, r.height, hash(r.result))
}

/** Canonical digest of the replicated state at a checkpoint (clients are kept sorted). */
export function stateDigest(exec: ExecState, appDigest: Uint8Array): Uint8Array {
  const h = createHash('sha256')
  h.update(encode('state', exec.height, exec.headHash, exec.nextSeed, appDigest, exec.clients.length))
  for (const [c, r] of exec.clients) h.update(clientRecordDigest(c, r))
  const d = h.digest()
  return new Uint8Array(d.buffer, d.byteOffset, d.length)
}
