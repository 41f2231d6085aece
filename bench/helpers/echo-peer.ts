// A bare libp2p peer (TCP, Noise, Yamux) that echoes length-prefixed frames on
// /gridauth/bench-echo/1.0.0: the other end of the libp2p round-trip floor benchmark.
// Prints its multiaddr on stdout, then serves until killed.
import type { Libp2p } from '@libp2p/interface'
import { createPlainHost } from '../../src/net/plain-host.js'
import { lpStream } from '@libp2p/utils'

export const ECHO_PROTOCOL = '/gridauth/bench-echo/1.0.0'

export async function createEchoPeer(): Promise<Libp2p> {
  return await createPlainHost()
}

async function serve(): Promise<void> {
  const node = await createEchoPeer()
  await node.handle(ECHO_PROTOCOL, async (stream) => {
    const lp = lpStream(stream, { maxDataLength: 1 << 16 })
    try {
      while (stream.readStatus === 'readable') {
        const msg = await lp.read()
        await lp.write(msg)
      }
    } catch { /* peer closed */ }
    await stream.close().catch(() => stream.abort(new Error('close failed')))
  }, { maxInboundStreams: 1024 })
  process.stdout.write(node.getMultiaddrs()[0].toString() + '\n')
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  void serve()
}
