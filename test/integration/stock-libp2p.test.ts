// A plain libp2p peer built from stock packages (no gridauth code) dials a gridauth node and
// runs identify and ping: gridauth speaks standard libp2p.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { multiaddr } from '@multiformats/multiaddr'
import type { IdentifyResult } from '@libp2p/interface'
import { gridauth, startNode, tempDir } from '../helpers/cli.js'

const root = tempDir()
after(() => rmSync(root, { recursive: true, force: true }))

test('stock libp2p peer: dial, identify, ping', async () => {
  const dir = join(root, 'n')
  assert.equal((await gridauth(['--data', dir, 'init'])).code, 0)
  const node = await startNode(dir)
  const peer = await createLibp2p({
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify(), ping: ping() }
  })
  try {
    // identify runs by itself on every new connection (and allows one stream at a time): wait for its result.
    const identified = new Promise<IdentifyResult>((resolve) => peer.addEventListener('peer:identify', (e) => resolve(e.detail), { once: true }))
    const conn = await peer.dial(multiaddr(node.addr))
    assert.equal(conn.remotePeer.toString(), node.peerId)
    const id = await identified
    assert.equal(id.peerId.toString(), node.peerId)
    assert.match(id.agentVersion ?? '', /^gridauth\//)
    assert.ok(id.protocols.includes('/ipfs/ping/1.0.0'))
    assert.ok(id.protocols.includes('/ipfs/id/1.0.0'))
    const rtt = await peer.services.ping.ping(conn.remotePeer)
    assert.ok(rtt >= 0)
  } finally {
    await peer.stop()
    await node.stop()
  }
})
