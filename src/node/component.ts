// What the node hands to each of its components (ledger, PBFT, skip graph, auth services) and
// what it expects back. Components start in order after libp2p and stop in reverse order.
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface'
import type { LevelDatastore } from 'datastore-level'
import type { ControlServer } from './control-server.js'
import type { SigningKey } from '../crypto/ed25519.js'
import type { Logger } from '../util/log.js'
import type { DataDir } from './datadir.js'
import type { GridauthMetrics } from './metrics.js'
import type { NodeConfig } from './config.js'

export interface NodeContext {
  libp2p: Libp2p
  datastore: LevelDatastore
  privateKey: PrivateKey
  /** The same Ed25519 key as privateKey, as a SigningKey for fast signing (libsodium, src/crypto/ed25519.ts). */
  signingKey: SigningKey
  control: ControlServer
  paths: DataDir
  logger: (component: string) => Logger
  metrics: GridauthMetrics
  config: NodeConfig
  /** Looks up another component by name (started before this one). */
  component: <T extends NodeComponent>(name: string) => T | undefined
}

export interface NodeComponent {
  readonly name: string
  /** Rules for the libp2p connection gater (asked before libp2p starts). */
  connectionGater?: () => ConnectionGater
  start(ctx: NodeContext): Promise<void>
  stop(): Promise<void>
}
