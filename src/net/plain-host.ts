// A bare libp2p host (TCP on loopback, Noise, Yamux, no gridauth services): the other end in
// protocol tests, benchmarks and the fuzzer. Generous inbound limits: tests open many streams.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tuneLibp2p } from './libp2p-tuning.js'
import type { Libp2p, PrivateKey } from '@libp2p/interface'

export async function createPlainHost(opts: { privateKey?: PrivateKey, listen?: string[] } = {}): Promise<Libp2p> {
  tuneLibp2p()
  return await createLibp2p({
    ...(opts.privateKey === undefined ? {} : { privateKey: opts.privateKey }),
    addresses: { listen: opts.listen ?? ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 1000, maxIncomingPendingConnections: 1000 }
  })
}
