// createNode(): one gridauth node = libp2p (TCP, Noise, Yamux, identify, ping, bootstrap) +
// a LevelDB store + the local control API. Later components (ledger, PBFT, skip graph, auth)
// register their services and control methods here.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tuneLibp2p } from '../net/libp2p-tuning.js'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { bootstrap } from '@libp2p/bootstrap'
import { LevelDatastore } from 'datastore-level'
import type { ConnectionGater, Libp2p, PeerId, PrivateKey } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { prepareDataDir, type DataDir } from './datadir.js'
import { loadIdentity, signingKeyOf } from './identity.js'
import { BootstrapKeeper } from './bootstrap-keeper.js'
import { ControlServer } from './control-server.js'
import type { PeerInfo, StatusResult } from './control-protocol.js'
import { VERSION } from './version.js'
import type { NodeComponent, NodeContext } from './component.js'
import { DEFAULT_CONFIG, type NodeConfig } from './config.js'
import { Registry, createGridauthMetrics, type GridauthMetrics } from './metrics.js'
import { MetricsServer } from './metrics-server.js'
import { setRejectionSink } from '../net/rpc.js'
import { UserError, errorCode } from '../util/errors.js'
import { createLogger, type Logger } from '../util/log.js'

export { DEFAULT_LISTEN } from './defaults.js'
export const PING_TIMEOUT_MS = 2_000
export const AGENT = `gridauth/${VERSION}`
/** How often libp2p's connection monitor pings each connection (its default is 10 s). */
export const CONNECTION_PING_INTERVAL_MS = 60_000
export const CONNECTION_PING_TIMEOUT_MS = 30_000

export interface NodeOptions {
  dataDir: string
  listen: string[]
  bootstrap: string[]
  /** Started in order after libp2p, stopped in reverse order. */
  components?: NodeComponent[]
  /** The validated configuration (limits, connection settings, metrics address). */
  config?: NodeConfig
}

type Services = { identify: ReturnType<ReturnType<typeof identify>>, ping: ReturnType<ReturnType<typeof ping>> }

/** Checks operator-given multiaddrs up front so a typo is a clear error, not a libp2p stack trace. */
export function parseMultiaddrs(kind: string, addrs: string[], needPeerId: boolean): void {
  for (const a of addrs) {
    let ma
    try {
      ma = multiaddr(a)
    } catch (err) {
      throw new UserError(`invalid ${kind} multiaddr '${a}': ${(err as Error).message}`)
    }
    const names = ma.getComponents().map((c) => c.name)
    if (!names.includes('tcp')) throw new UserError(`invalid ${kind} multiaddr '${a}': gridauth needs a /tcp/<port> address`)
    if (needPeerId && names.at(-1) !== 'p2p') throw new UserError(`invalid ${kind} multiaddr '${a}': it must end in /p2p/<peer id>`)
  }
}

export class GridauthNode {
  readonly startedAt = Date.now()
  private keeper: BootstrapKeeper | undefined
  private readonly started: NodeComponent[] = []
  private metricsServer: MetricsServer | undefined
  readonly registry = new Registry()
  readonly metrics: GridauthMetrics
  readonly config: NodeConfig

  private constructor(
    readonly libp2p: Libp2p<Services>,
    readonly datastore: LevelDatastore,
    readonly paths: DataDir,
    readonly privateKey: PrivateKey,
    readonly control: ControlServer,
    private readonly opts: NodeOptions,
    readonly log: Logger
  ) {
    this.config = opts.config ?? DEFAULT_CONFIG
    this.metrics = createGridauthMetrics(this.registry, { startedAt: this.startedAt, peers: () => this.libp2p.getConnections().length })
  }

  static async create(opts: NodeOptions): Promise<GridauthNode> {
    parseMultiaddrs('listen', opts.listen, false)
    parseMultiaddrs('bootstrap', opts.bootstrap, true)
    const paths = prepareDataDir(opts.dataDir, false)
    const privateKey = loadIdentity(paths.keyFile)
    const log = createLogger('node')
    const datastore = new LevelDatastore(paths.storeDir, storeOptions((opts.config ?? DEFAULT_CONFIG).role))
    try {
      // Open the Level instance directly: datastore.open() flattens the error and loses its cause.
      await datastore.db.open()
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause
      if (errorCode(cause) === 'LEVEL_LOCKED') throw new UserError(`data directory ${paths.root} is in use by another gridauth node`)
      throw new UserError(`cannot open the store in ${paths.storeDir}: ${(err as Error).message}`)
    }
    tuneLibp2p()
    const libp2p = await createLibp2p({
      privateKey,
      datastore,
      start: false,
      nodeInfo: { name: 'gridauth', version: VERSION, userAgent: AGENT },
      addresses: { listen: opts.listen },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      peerDiscovery: opts.bootstrap.length > 0 ? [bootstrap({ list: opts.bootstrap, timeout: 0 })] : [],
      connectionManager: { ...(opts.config ?? DEFAULT_CONFIG).connection },
      // libp2p pings every connection on a new stream (each also a peer-store write) every 10 s
      // by default; gridauth's streams are long-lived and the skip graph checks its neighbours,
      // so a slower heartbeat only costs dead-connection detection time (measured: a 20-terminal
      // mesh idles at 0.8 instead of 1 core).
      // A ping that has not come back within its timeout aborts the connection. libp2p's adaptive
      // timeout starts at 5 s: on an overloaded box (a 50-terminal join storm on 2 cores) opening
      // the ping stream alone took longer, so libp2p cut the validators' connections to each
      // other, their redials timed out too, and consensus stalled for minutes. 30 s still finds a
      // dead connection within 90 s; the skip graph and PBFT notice a silent peer sooner.
      connectionMonitor: { pingInterval: CONNECTION_PING_INTERVAL_MS, pingTimeout: { minTimeout: CONNECTION_PING_TIMEOUT_MS } },
      connectionGater: combinedGater(opts.components ?? []),
      services: { identify: identify(), ping: ping() }
    })
    const control = new ControlServer(paths.controlSocket)
    return new GridauthNode(libp2p, datastore, paths, privateKey, control, opts, log)
  }

  async start(): Promise<void> {
    try {
      await this.libp2p.start()
    } catch (err) {
      await this.datastore.close().catch(() => {})
      const msg = (err as Error).message
      if (/EADDRINUSE|address already in use/i.test(msg) || errorCode(err) === 'EADDRINUSE' || /EADDRINUSE/.test(String((err as { cause?: unknown }).cause))) {
        throw new UserError(`cannot listen on ${this.opts.listen.join(', ')}: address already in use`)
      }
      throw new UserError(`cannot start libp2p: ${msg}`)
    }
    const metricsListen = this.config.metrics.listen
    if (metricsListen !== 'off') {
      this.metricsServer = new MetricsServer(this.registry, metricsListen, this.log)
      try {
        await this.metricsServer.start()
      } catch (err) {
        await this.libp2p.stop()
        await this.datastore.close()
        throw err
      }
    }
    // Every gridauth protocol endpoint counts its rejections into the node's metric.
    setRejectionSink((protocol, reason) => this.metrics.rejectedMessages.inc({ protocol, reason }))
    this.control.register('status', () => this.status())
    this.control.register('peers', async () => await this.peers())
    try {
      await this.control.start()
    } catch (err) {
      await this.libp2p.stop()
      await this.datastore.close()
      throw err
    }
    const bootstrapPeers = new Set(this.opts.bootstrap.map((a) => multiaddr(a).getComponents().findLast((c) => c.name === 'p2p')?.value))
    this.libp2p.addEventListener('peer:connect', (e) => {
      if (bootstrapPeers.has(e.detail.toString())) this.log.info('connected to bootstrap peer', { peer: e.detail.toString(), msSinceStart: Date.now() - this.startedAt })
    })
    this.keeper = new BootstrapKeeper(this.libp2p, this.opts.bootstrap, this.log)
    this.keeper.start()
    const ctx: NodeContext = {
      libp2p: this.libp2p,
      datastore: this.datastore,
      privateKey: this.privateKey,
      signingKey: signingKeyOf(this.privateKey),
      control: this.control,
      paths: this.paths,
      logger: createLogger,
      metrics: this.metrics,
      config: this.config,
      component: <T extends NodeComponent>(name: string) => this.started.find((c) => c.name === name) as T | undefined
    }
    for (const c of this.opts.components ?? []) {
      try {
        await c.start(ctx)
      } catch (err) {
        await this.stop()
        throw err
      }
      this.started.push(c)
    }
    this.log.info('started', { peerId: this.libp2p.peerId.toString(), listen: this.libp2p.getMultiaddrs().map(String).join(',') })
  }

  async stop(): Promise<void> {
    for (const c of this.started.reverse()) {
      await c.stop().catch((err: Error) => this.log.error('component failed to stop', { component: c.name, error: err.message }))
    }
    this.started.length = 0
    this.keeper?.stop()
    await this.metricsServer?.stop()
    await this.control.stop()
    await this.libp2p.stop()
    await this.datastore.close()
    this.log.info('stopped')
  }

  status(): StatusResult {
    return {
      peerId: this.libp2p.peerId.toString(),
      version: VERSION,
      listen: this.libp2p.getMultiaddrs().map(String),
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      connections: this.libp2p.getConnections().length,
      dataDir: this.paths.root,
      pid: process.pid,
      arch: process.arch,
      node: process.version,
      rssBytes: process.memoryUsage.rss(),
      metrics: this.metricsServer?.address === undefined ? null : `http://${this.metricsServer.address.host}:${this.metricsServer.address.port}/metrics`,
      rejected: this.metrics.rejectedMessages.entries().map(([[protocol, reason], count]) => ({ protocol, reason, count }))
    }
  }

  async peers(): Promise<PeerInfo[]> {
    const conns = this.libp2p.getConnections()
    return await Promise.all(conns.map(async (c) => {
      const rtt = await this.libp2p.services.ping.ping(c.remotePeer, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) }).catch(() => null)
      const peer = await this.libp2p.peerStore.get(c.remotePeer).catch(() => undefined)
      const agent = peer?.metadata.get('AgentVersion')
      return {
        peerId: c.remotePeer.toString(),
        address: c.remoteAddr.toString(),
        direction: c.direction,
        rttMs: rtt,
        protocols: [...(peer?.protocols ?? [])].sort(),
        agent: agent === undefined ? null : new TextDecoder().decode(agent)
      }
    }))
  }
}

/**
 * LevelDB sizes of the node's store. LevelDB's defaults (an 8 MB block cache, a 4 MB memtable)
 * suit a store that is read and written a lot; a terminal's store holds its peer records, its
 * wallet and the few skip-graph blocks it is responsible for, so a 1 MB memtable and a 1 MB
 * cache bound what the store may take of a terminal's memory to ~2 MB instead of ~12 MB as it
 * fills over its uptime. Validators and introducers keep the defaults (they serve everyone).
 */
export function storeOptions(role: NodeConfig['role']): { cacheSize?: number, writeBufferSize?: number } {
  return role === 'terminal' ? { cacheSize: 1 << 20, writeBufferSize: 1 << 20 } : {}
}

/** The components' gater rules, any of which may refuse a peer. */
function combinedGater(components: NodeComponent[]): ConnectionGater {
  const gaters = components.flatMap((c) => c.connectionGater === undefined ? [] : [c.connectionGater()])
  const any = (rule: 'denyInboundEncryptedConnection' | 'denyOutboundEncryptedConnection' | 'denyDialPeer') =>
    async (peer: PeerId): Promise<boolean> => {
      for (const g of gaters) if (await g[rule]?.(peer, undefined as never) === true) return true
      return false
    }
  return { denyInboundEncryptedConnection: any('denyInboundEncryptedConnection'), denyOutboundEncryptedConnection: any('denyOutboundEncryptedConnection'), denyDialPeer: any('denyDialPeer') }
}
