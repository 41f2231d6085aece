// Stand-alone reproducers for what the fuzzer found (node dist/src/fuzz/repro.js <name>):
//   half-close  a peer that ends its streams with a graceful close() is locked out of the
//               protocol after 4 streams: the node never closes its side (src/net/rpc.ts)
//   junk-blocks any peer can STORE self-consistent junk blocks; with its skip-graph neighbour
//               gone, the node then needs ~4 s per held block to stop on SIGTERM
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { gridauth, startNode, tempDir } from '../mesh/processes.js'
import { createHost } from './attack.js'
import { concat, fieldLen, fieldVarint, lp, rpcFrame } from './wire.js'
import { sha256 } from './schema.js'
import { Rng } from './prng.js'
import { setTimeout as sleep } from 'node:timers/promises'

async function node(extra: string[] = []) {
  const dir = tempDir('gridauth-repro-')
  await gridauth(['--data', dir, 'init'])
  return await startNode(dir, extra)
}

async function halfClose(): Promise<void> {
  const n = await node()
  const h = await createHost()
  await h.dial(multiaddr(n.addr))
  const peer = peerIdFromString(n.peerId)
  for (let i = 0; i < 6; i++) {
    const s = await h.dialProtocol(peer, '/gridauth/blocks/1.0.0')
    let answered = false
    s.addEventListener('message', () => { answered = true })
    await sleep(50)
    if (s.status === 'open' && s.writeStatus === 'writable') s.send(lp(rpcFrame({ id: 1n, body: Uint8Array.of(8, 3) }))) // BlockRequest{op: HAS}
    await sleep(300)
    console.log(`stream ${i}: ${answered ? 'answered' : 'NOT answered'} (status ${s.status})`)
    if (s.status === 'open') await s.close().catch(() => {})
  }
  await h.stop()
  await n.stop()
}

async function junkBlocks(count: number): Promise<void> {
  const a = await node()
  const b = await node(['--bootstrap', a.addr])
  await sleep(2_000)
  const h = await createHost()
  await h.dial(multiaddr(b.addr))
  const rng = new Rng('junk')
  const s = await h.dialProtocol(peerIdFromString(b.peerId), '/gridauth/blocks/1.0.0')
  let ok = 0
  s.addEventListener('message', () => { ok++ })
  for (let i = 0; i < count; i++) {
    const header = concat([fieldVarint(1, 1), fieldLen(2, new TextEncoder().encode('junk')), fieldVarint(3, i + 1), fieldLen(5, rng.bytes(32))])
    const block = fieldLen(1, header)
    s.send(lp(rpcFrame({ id: BigInt(i + 1), body: concat([fieldVarint(1, 1), fieldLen(2, sha256(header)), fieldLen(3, block)]) })))
  }
  await sleep(1_000)
  console.log(`${ok} answers to ${count} STOREs of junk blocks`)
  await h.stop()
  await a.stop('SIGKILL')
  const t = Date.now()
  const killer = setTimeout(() => b.proc.kill('SIGKILL'), 120_000)
  const code = await b.stop('SIGTERM')
  clearTimeout(killer)
  console.log(`node with ${count} junk blocks and its neighbour gone: SIGTERM -> exit ${code} after ${((Date.now() - t) / 1000).toFixed(1)} s`)
}

const which = process.argv[2]
if (which === 'half-close') await halfClose()
else if (which === 'junk-blocks') await junkBlocks(Number(process.argv[3] ?? 8))
else console.log('usage: node dist/src/fuzz/repro.js half-close | junk-blocks [N]')
