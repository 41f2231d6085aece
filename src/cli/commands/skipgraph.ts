// `gridauth skipgraph | search <key> | block <hash> | block-publish <file>`: the skip graph and
// block store of the running node, through its control API (skipgraph.* methods).
import { readFileSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { CommandGroup } from './index.js'
import { callNode } from '../control-client.js'
import { table, keyValues } from '../table.js'
import { UserError } from '../../util/errors.js'

const short = (s: string, n = 12): string => (s.length > n ? s.slice(0, n) + '…' : s)
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

interface Ref { id: string, key: string }
interface Info {
  peerId: string, key: string, membershipVector: string, state: string, k: number, r: number
  levels: Array<{ level: number, left: Ref[], right: Ref[] }>
  blocks: Array<{ hash: string, responsible?: boolean, held?: boolean, expected?: number, copies?: number, error?: string }>
}

/** Header fields of an encoded ledger block, JSON-friendly. */
export async function headerFields(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const { decodeBlock } = await import('../../ledger/index.js') // only this command needs the codecs
  const b = decodeBlock(bytes)
  const h = b.header as unknown as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(h)) out[k] = v instanceof Uint8Array ? hex(v) : v
  out.txs = b.txs.length
  return out
}

export const skipgraphCommands: CommandGroup = (program: Command, ctx) => {
  /** A height is looked up in the node's chain headers (`chain`); a hash is taken as is. */
  const blockHash = async (arg: string): Promise<string> => {
    if (/^[0-9a-fA-F]{64}$/.test(arg)) return arg.toLowerCase()
    if (!/^\d{1,15}$/.test(arg)) throw new UserError(`invalid block '${arg}': give a hash (64 hex digits) or a height`)
    const height = Number(arg)
    const head = await callNode<{ height: number }>(ctx.socketPath(), 'chain', { count: 1 })
    if (height < 1 || height > head.height) throw new UserError(`no block at height ${height} (this node's chain is at height ${head.height})`, 3)
    const r = await ctx.call<{ headers: Array<{ height: number, hash: string }> }>('chain', { count: head.height - height + 1 }, `looking up height ${height}`)
    const h = r.headers.find((x) => x.height === height)
    if (h === undefined) throw new UserError(`no header for height ${height} on this node`, 3)
    return h.hash
  }

  program.command('skipgraph')
    .description('this node in the skip graph: key, membership vector, neighbours per level, blocks held with copy counts')
    .option('--no-copies', 'do not ask the replicas how many copies each block has')
    .action(async (cmd: { copies: boolean }) => {
      const info = await ctx.call<Info>('skipgraph.info', { copies: cmd.copies }, 'asking the replicas for their copies')
      const blocks = info.blocks.map((b) => (typeof b === 'string' ? { hash: b } : b))
      ctx.out({ ...info, blocks }, () => [
        keyValues([['peer id', info.peerId], ['state', info.state], ['key', info.key], ['membership vector', short(info.membershipVector, 32)], ['k / r', `${info.k} / ${info.r}`]]),
        '',
        info.levels.length === 0
          ? 'no neighbours'
          : table(['LEVEL', 'LEFT', 'RIGHT'], info.levels.map((l) => [l.level, l.left.map((x) => short(x.key, 8)).join(' ') || '-', l.right.map((x) => short(x.key, 8)).join(' ') || '-'])),
        '',
        blocks.length === 0
          ? 'no blocks stored'
          : table(['BLOCK', 'RESPONSIBLE', 'COPIES'], blocks.map((b) => [b.hash, b.responsible === undefined ? null : b.responsible ? 'yes' : 'no (handing over)', b.error ?? (b.copies === undefined ? null : `${b.copies}/${b.expected}`)]))
      ].join('\n'))
    })

  program.command('search')
    .description('find the node responsible for a skip-graph key (its predecessor) and the hops taken')
    .argument('<key-hex>', 'key, 1-64 hex digits')
    .action(async (key: string) => {
      if (!/^[0-9a-fA-F]{1,64}$/.test(key)) throw new UserError(`invalid key '${key}': give 1-64 hex digits`)
      const r = await ctx.call<{ node: Ref, hops: number, ms: number }>('skipgraph.search', { key }, 'searching the skip graph')
      ctx.out(r, () => keyValues([['responsible', r.node.id], ['its key', r.node.key], ['hops', r.hops], ['time', `${r.ms.toFixed(1)} ms`]]))
    })

  program.command('block')
    .description('a block by hash or height: from this node or fetched through the skip graph')
    .argument('<hash|height>', 'block hash (64 hex digits) or height (a decimal number)')
    .option('--raw <file>', 'also write the block bytes to a file')
    .action(async (arg: string, cmd: { raw?: string }) => {
      const hash = await blockHash(arg)
      const r = await ctx.call<{ hash: string, source: string, from: string, size: number, block: string }>('skipgraph.block', { hash }, `fetching block ${short(hash)} through the skip graph`)
      const bytes = Buffer.from(r.block, 'hex')
      const header = await headerFields(bytes)
      if (cmd.raw !== undefined) {
        try {
          writeFileSync(cmd.raw, bytes)
        } catch (err) {
          throw new UserError(`cannot write ${cmd.raw}: ${(err as Error).message}`)
        }
      }
      ctx.out({ hash: r.hash, source: r.source, from: r.from, size: r.size, header }, () => keyValues([
        ['hash', r.hash], ['source', r.source === 'local' ? 'stored here' : `fetched from ${r.from}`], ['size', `${r.size} bytes`],
        ...Object.entries(header).map(([k, v]): [string, string] => [k, String(v)])
      ]))
    })

  program.command('block-publish')
    .description('publish an encoded ledger block file through this node (operator / testing tool)')
    .argument('<file>', 'binary encoded ledger block')
    .action(async (file: string) => {
      let bytes: Buffer
      try {
        bytes = readFileSync(file)
      } catch (err) {
        throw new UserError(`cannot read ${file}: ${(err as Error).message}`)
      }
      const r = await callNode<{ hash: string, replicas: Array<{ id: string, stored: boolean }> }>(ctx.socketPath(), 'skipgraph.publish', { block: bytes.toString('hex') })
      ctx.out(r, () => `block ${r.hash} published to ${r.replicas.filter((x) => x.stored).length}/${r.replicas.length} replicas\n` +
        table(['REPLICA', 'STORED'], r.replicas.map((x) => [x.id, x.stored ? 'yes' : 'no'])))
    })
}
