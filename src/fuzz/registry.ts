// Which message types each protocol carries (from protocols/*.proto and their .md specs), and
// hand-written "craft" generators for protocols whose validators need more than field-name
// hints to get deep (skip-graph messages from the attacker's own NodeRef; hash-consistent
// block STOREs). A gridauth protocol not listed here is fuzzed from protocols/<name>.proto's
// top-level messages when that file exists, else with ledger.proto messages and random bodies;
// non-gridauth protocols (identify, ping) get raw bytes.
import type { Rng } from './prng.js'
import { concat, fieldLen, fieldVarint, u8 } from './wire.js'
import { sha256, type Generator, type Schemas } from './schema.js'

export interface ProtocolSpec {
  protocol: string
  /** gridauth: RpcFrame framing; raw: any other libp2p protocol (bytes only). */
  framing: 'rpc' | 'raw'
  file?: string
  /** Body types sent as one-way messages (id = 0). Empty: the protocol takes none. */
  oneWay: string[]
  /** Body types sent as requests. Empty: the protocol takes none. */
  request: string[]
  /** Body types a response would carry (sent in the wrong role: unsolicited responses). */
  response: string[]
  /** Largest frame the node should accept (guess for unknown protocols). */
  maxFrame: number
  /** Hand-made bodies that pass validation more often. */
  craft?: (rng: Rng, g: Generator) => Uint8Array
  /** Who the node lets use the protocol at all (others have their streams reset unread):
   * everyone, admitted terminals (and validators), or validators only. */
  gate: 'open' | 'admitted' | 'validators'
  /** Where the spec came from, for the summary. */
  source: string
}

const KIB = 1024
const MIB = 1024 * 1024

// skipgraph.proto SgMessage: MsgType values and the fields each type needs (skipgraph.md).
const SG = { SEARCH: 1, SEARCH_RESULT: 2, SEARCH_FAILED: 3, LINK: 4, LINK_OK: 5, LINK_REDIRECT: 6, WALK: 7, WALK_NONE: 8, GET_NEIGHBOURS: 9, NEIGHBOURS: 10, UNLINK: 11, UNLINK_OK: 12, PING: 13, PONG: 14 }

function nodeRef(rng: Rng, g: Generator, self: boolean): Uint8Array {
  const id = self ? g.ctx.attackerId : new TextDecoder().decode(g.str(rng, 'id'))
  const parts = [fieldLen(1, u8(id)), fieldLen(2, rng.chance(0.9) ? rng.bytes(32) : g.bytesFor(rng, 'key', 0))]
  const mv = g.str(rng, 'mv')
  if (mv.byteLength > 0) parts.push(fieldLen(3, mv))
  for (let i = rng.weighted<number>([[5, 0], [3, 1], [1, rng.int(2, 6)]]); i > 0; i--) parts.push(fieldLen(4, g.bytesFor(rng, 'addrs', 0)))
  return concat(parts)
}

function craftSg(rng: Rng, g: Generator): Uint8Array {
  const type = rng.int(1, 14)
  const refs = (field: number, n: number): Uint8Array[] => Array.from({ length: n }, () => fieldLen(field, nodeRef(rng, g, rng.chance(0.3))))
  const listLen = (): number => { const r = rng.float(); return r < 0.67 ? rng.int(0, 3) : r < 0.9 ? rng.int(4, 16) : 17 }
  const level = (): number => { const r = rng.float(); return r < 0.84 ? rng.int(0, 3) : r < 0.95 ? rng.int(4, 256) : 257 }
  const qid = (): Uint8Array => fieldLen(2, g.str(rng, 'qid'))
  const target = (): Uint8Array => fieldLen(4, rng.chance(0.95) ? rng.bytes(32) : rng.bytes(rng.int(0, 40)))
  const purpose = (): Uint8Array => fieldVarint(5, rng.chance(0.95) ? rng.int(0, 2) : rng.int(3, 9))
  const hops = (): Uint8Array => { const r = rng.float(); return fieldVarint(7, r < 0.8 ? rng.int(0, 10) : r < 0.9 ? 100_001 : 255) }
  const from = (field = 16): Uint8Array => fieldLen(field, nodeRef(rng, g, rng.chance(0.9)))
  const side = (): Uint8Array => fieldVarint(15, rng.chance(0.95) ? rng.int(0, 1) : rng.int(2, 5))
  const p: Uint8Array[] = [fieldVarint(1, type)]
  switch (type) {
    case SG.SEARCH: p.push(qid(), fieldLen(3, nodeRef(rng, g, rng.chance(0.7))), target(), purpose(), fieldVarint(6, rng.int(0, 70)), hops(), fieldVarint(8, rng.weighted<number>([[5, rng.int(0, 300)], [1, 2 ** 32 - 1]]))); break
    case SG.SEARCH_RESULT: {
      p.push(qid(), target(), purpose(), hops(), from(9), fieldVarint(10, rng.int(0, 20)))
      for (let i = rng.weighted<number>([[5, rng.int(0, 3)], [1, rng.int(4, 65)]]); i > 0; i--) p.push(fieldLen(11, concat([...refs(1, listLen()), ...refs(2, listLen())])))
      break
    }
    case SG.SEARCH_FAILED: p.push(qid(), target(), purpose(), hops(), from(12), fieldVarint(13, rng.int(0, 1))); break
    case SG.LINK: case SG.WALK_NONE: p.push(fieldVarint(14, level()), side(), from()); break
    case SG.LINK_OK: p.push(fieldVarint(14, level()), side(), from(), fieldLen(17, nodeRef(rng, g, rng.chance(0.3))), ...refs(18, listLen())); break
    case SG.LINK_REDIRECT: p.push(fieldVarint(14, level()), side(), from(), fieldLen(19, nodeRef(rng, g, false))); break
    case SG.WALK: p.push(fieldLen(3, nodeRef(rng, g, rng.chance(0.5))), hops(), fieldVarint(14, level()), side()); break
    case SG.GET_NEIGHBOURS: p.push(qid(), fieldVarint(14, level()), from(), fieldVarint(24, rng.int(0, 1))); break
    case SG.NEIGHBOURS: p.push(qid(), fieldVarint(14, level()), from(), ...refs(20, listLen()), ...refs(21, listLen()), fieldVarint(24, rng.int(0, 1))); break
    case SG.UNLINK: p.push(fieldVarint(14, level()), side(), from(), ...refs(22, listLen())); break
    case SG.UNLINK_OK: p.push(fieldVarint(14, level()), from()); break
    default: p.push(from(), fieldVarint(23, rng.chance(0.9) ? rng.int(1, 2 ** 31) : Number.MAX_SAFE_INTEGER + 2))
  }
  // Fields must be in field-number order for canonical decoders; SgMessage's decoder accepts any.
  return concat(rng.chance(0.9) ? p : p.reverse())
}

/** BlockRequest: a STORE whose hash really is SHA-256 of the block's header (passes verification),
 * a FETCH/HAS of known or random hashes, or a generic message. */
function craftBlocks(rng: Rng, g: Generator): Uint8Array {
  const op = rng.weighted<number>([[4, 1], [3, 2], [3, 3], [0.5, 0], [0.5, 7]])
  if (op === 1) {
    const ht = g.schemas.type('ledger.proto', 'BlockHeader')
    const header = ht !== undefined ? g.message(rng, ht, { maxDepth: 1 }) : rng.bytes(64)
    const txs: Uint8Array[] = []
    const txt = g.schemas.type('ledger.proto', 'Tx')
    for (let i = rng.int(0, 3); i > 0; i--) txs.push(fieldLen(2, txt !== undefined ? g.message(rng, txt, { maxDepth: 1 }) : rng.bytes(rng.size(256))))
    const block = concat([fieldLen(1, header), ...txs])
    const hash = rng.chance(0.9) ? sha256(header) : rng.bytes(32)
    return concat([fieldVarint(1, 1), fieldLen(2, hash), fieldLen(3, block)])
  }
  const hashes = Array.from({ length: op === 3 ? rng.weighted<number>([[5, rng.int(0, 8)], [1, rng.int(9, 1025)]]) : 1 }, () => fieldLen(2, g.bytesFor(rng, 'hash', 0)))
  return concat([...(op === 0 ? [] : [fieldVarint(1, op)]), ...hashes])
}

/** The specs of the protocols the target advertises, sorted by protocol id. */
export function specsFor(protocols: string[], schemas: Schemas): ProtocolSpec[] {
  const ledgerTypes = schemas.allTypeNames('ledger.proto')
  return [...new Set(protocols)].sort().map((protocol): ProtocolSpec => {
    if (protocol === '/gridauth/skipgraph/1.0.0') {
      // skipgraph.md: every body is one SgMessage as a one-way frame (id = 0); no requests.
      return { protocol, framing: 'rpc', file: 'skipgraph.proto', oneWay: ['SgMessage'], request: [], response: ['SgMessage'], maxFrame: 64 * KIB + 64, craft: craftSg, gate: 'admitted', source: 'registry: skipgraph.proto SgMessage, one-way' }
    }
    if (protocol === '/gridauth/blocks/1.0.0') {
      // blocks.proto: every body is a BlockRequest answered by a BlockResponse; no one-way messages.
      return { protocol, framing: 'rpc', file: 'blocks.proto', oneWay: [], request: ['BlockRequest'], response: ['BlockResponse'], maxFrame: 4 * MIB + 4096 + 64, craft: craftBlocks, gate: 'admitted', source: 'registry: blocks.proto BlockRequest/BlockResponse, requests' }
    }
    const m = /^\/gridauth\/([^/]+)\//.exec(protocol)
    if (m === null) return { protocol, framing: 'raw', oneWay: [], request: [], response: [], maxFrame: 64 * KIB, gate: 'open', source: 'non-gridauth: raw bytes' }
    const file = `${m[1]}.proto`
    // PBFT serves the genesis validators only (src/consensus/component.ts)
    const gate = m[1] === 'pbft' ? 'validators' as const : 'open' as const
    const top = schemas.topLevel(file)
    if (top.length > 0) {
      const all = schemas.allTypeNames(file)
      return { protocol, framing: 'rpc', file, oneWay: top, request: top, response: all, maxFrame: MIB, gate, source: `auto: ${file} top-level ${top.join(',')}, one-way and requests` }
    }
    return { protocol, framing: 'rpc', file: ledgerTypes.length > 0 ? 'ledger.proto' : undefined, oneWay: ledgerTypes, request: ledgerTypes, response: ledgerTypes, maxFrame: MIB, gate, source: `auto: no ${file}; ledger.proto messages and random bodies` }
  })
}
