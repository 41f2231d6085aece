// The hosts of one testbed run: one network namespace and one gridauth process per host, wired
// through the link emulator (10.77.0.<i>/24 on a TUN device in each namespace). Identities,
// genesis and enrollments are made in-process with the operator tools (what `gridauth keygen /
// init / genesis / enroll` do), so only the nodes themselves are separate processes.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { startNode, type RunningNode } from '../mesh/processes.js'
import { callNode } from '../cli/control-client.js'
import { keygen, makeGenesis, enroll } from '../cli/operator-tools.js'
import { createIdentity } from '../node/identity.js'
import { prepareDataDir, dataDirPaths } from '../node/datadir.js'
import { LinkEmulator } from './emulator.js'
import { createNamespace, destroyNamespace, nsName } from './netns.js'
import type { Scenario } from './scenario.js'

export const SUBNET = '10.77.0'
export const PORT = 4001

export type HostState = 'running' | 'frozen' | 'killed' | 'stopped' | 'failed'
export interface Host {
  name: string
  role: 'validator' | 'terminal' | 'introducer'
  /** 1-based: the host's address is 10.77.0.<index>, its emulator port <index>. */
  index: number
  ns: string
  dir: string
  peerId: string
  addr: string
  terminalId?: string
  enrollment?: string
  node?: RunningNode
  state: HostState
  /** When its node last started (ms since the epoch). */
  startedAt?: number
  /** Why the last start failed (stderr of the node), if it did. */
  startError?: string
}

/** Every live cluster, so an exit or signal can still clean up synchronously. */
const live = new Set<Cluster>()
let hooked = false
function hookExit(): void {
  if (hooked) return
  hooked = true
  process.on('exit', () => { for (const c of live) c.destroySync() })
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of live) c.destroySync()
      process.exit(130)
    })
  }
}

export class Cluster {
  readonly hosts: Host[] = []
  emu!: LinkEmulator
  readonly genesisFile: string
  readonly operatorKey: string
  /** The nodes' environment; GRIDAUTH_TESTBED_LOG sets their log level for post-mortems (with GRIDAUTH_MESH_LOGS=1 and --keep). */
  readonly nodeEnv: NodeJS.ProcessEnv = { GRIDAUTH_LOG: process.env.GRIDAUTH_TESTBED_LOG ?? 'warn', SKIPGRAPH_TIMERS: 'tick=1000,stabilize=2000,audit=3000' }

  private constructor(readonly scenario: Scenario, readonly runner: number, readonly root: string) {
    this.genesisFile = join(root, 'genesis.json')
    this.operatorKey = join(root, 'operator.key')
  }

  get validators(): Host[] { return this.hosts.filter((h) => h.role === 'validator') }
  get terminals(): Host[] { return this.hosts.filter((h) => h.role === 'terminal') }
  host(name: string): Host {
    const h = this.hosts.find((x) => x.name === name)
    if (h === undefined) throw new Error(`no host ${name} in scenario ${this.scenario.name}`)
    return h
  }

  /** Namespaces, emulator and identities; nodes are started by startAll(). */
  static async create(s: Scenario, runner: number, root: string, seed?: number): Promise<Cluster> {
    hookExit()
    mkdirSync(root, { recursive: true })
    const c = new Cluster(s, runner, root)
    live.add(c)
    const roles: Array<[Host['role'], string, number]> = [['validator', 'v', s.hosts.validators], ['introducer', 'i', s.hosts.introducers ?? 0], ['terminal', 't', s.hosts.terminals]]
    for (const [role, p, n] of roles) {
      for (let i = 0; i < n; i++) {
        const index = c.hosts.length + 1
        c.hosts.push({ name: `${p}${i}`, role, index, ns: nsName(runner, index), dir: join(root, `${p}${i}`), peerId: '', addr: '', state: 'stopped' })
      }
    }
    for (const h of c.hosts) createNamespace(h.ns)
    c.emu = await LinkEmulator.start(c.hosts.map((h) => h.ns), { control: join(root, 'linkemu.sock'), pidFile: join(root, '..', 'linkemu.pid'), tag: `g${runner}x`, subnet: SUBNET, seed })
    if (s.links !== undefined) await c.emu.link({ from: '*', to: '*', ...s.links })
    await c.makeIdentities()
    return c
  }

  private async makeIdentities(): Promise<void> {
    const s = this.scenario
    keygen(this.operatorKey, false)
    for (const h of this.hosts) {
      const paths = prepareDataDir(h.dir, true)
      h.peerId = peerIdFromPrivateKey(await createIdentity(paths.keyFile)).toString()
      h.addr = `/ip4/${SUBNET}.${h.index}/tcp/${PORT}/p2p/${h.peerId}`
    }
    const g = makeGenesis({
      operatorKey: this.operatorKey, networkId: `testbed-${s.name.replace(/[^A-Za-z0-9._-]/g, '-')}`, validators: this.validators.map((v) => v.addr),
      redundancy: s.genesis.redundancy ?? 2, hashChainLength: s.genesis.hashChainLength ?? 1000, batchMax: 1024,
      batchWindowMs: s.genesis.batchWindowMs ?? 2, viewTimeoutMs: s.genesis.viewTimeoutMs ?? 1000, certificateValidityDays: 365
    })
    writeFileSync(this.genesisFile, JSON.stringify(g, null, 2) + '\n')
    for (const t of this.terminals) {
      const e = enroll({ operatorKey: this.operatorKey, genesis: this.genesisFile, peerId: t.peerId, address: `/ip4/${SUBNET}.${t.index}/tcp/${PORT}`, deviceType: 'DTU', vendor: 'testbed', serial: `SN-${t.name}` })
      t.terminalId = String(e.terminalId)
      t.enrollment = join(this.root, `${t.name}.enrollment.json`)
      writeFileSync(t.enrollment, JSON.stringify(e, null, 2) + '\n')
    }
  }

  private bootstrapFor(h: Host): string[] {
    const intro = this.hosts.filter((x) => x.role === 'introducer')
    const v0 = this.validators[0]
    if (h.role === 'validator') return h === v0 ? [] : [v0.addr]
    if (h.role === 'introducer') return [v0.addr]
    return intro.length > 0 ? intro.map((x) => x.addr) : [v0.addr]
  }

  /** Starts (or restarts, from the same data directory) the host's node inside its namespace. */
  async start(h: Host): Promise<void> {
    const args = ['--listen', `/ip4/${SUBNET}.${h.index}/tcp/${PORT}`, '--genesis', this.genesisFile, '--role', h.role,
      ...this.bootstrapFor(h).flatMap((b) => ['--bootstrap', b]), ...(h.enrollment !== undefined ? ['--enrollment', h.enrollment] : [])]
    try {
      h.node = await startNode(h.dir, args, { env: this.nodeEnv, wrap: ['ip', 'netns', 'exec', h.ns], timeoutMs: 60_000 })
      h.state = 'running'
      h.startedAt = Date.now()
      h.startError = undefined
      const node = h.node
      void node.proc.once('exit', () => { if (h.node === node && h.state !== 'stopped') h.state = 'killed' })
    } catch (err) {
      h.state = 'failed'
      h.startError = (err as Error).message
      throw err
    }
  }

  /** Validators first (in parallel), then the other hosts a few at a time. */
  async startAll(parallel = 4): Promise<void> {
    await Promise.all(this.validators.map(async (v) => await this.start(v)))
    const rest = this.hosts.filter((h) => h.role !== 'validator')
    for (let i = 0; i < rest.length; i += parallel) await Promise.all(rest.slice(i, i + parallel).map(async (h) => await this.start(h)))
  }

  kill(h: Host): void {
    if (h.node === undefined) return
    h.node.proc.kill('SIGCONT')
    h.node.proc.kill('SIGKILL')
    h.state = 'killed'
  }

  freeze(h: Host): void {
    if (h.state !== 'running' || h.node === undefined) throw new Error(`cannot freeze ${h.name}: it is ${h.state}`)
    h.node.proc.kill('SIGSTOP')
    h.state = 'frozen'
  }

  resume(h: Host): void {
    if (h.state !== 'frozen' || h.node === undefined) return
    h.node.proc.kill('SIGCONT')
    h.state = 'running'
  }

  /** Graceful stop (SIGTERM, then SIGKILL after 15 s). */
  async stop(h: Host): Promise<void> {
    const node = h.node
    if (node === undefined) return
    if (h.state === 'frozen') node.proc.kill('SIGCONT')
    h.state = 'stopped'
    const t = setTimeout(() => node.proc.kill('SIGKILL'), 15_000)
    await node.stop('SIGTERM')
    clearTimeout(t)
  }

  async restart(h: Host): Promise<void> {
    if (h.node !== undefined && h.node.proc.exitCode === null && h.node.proc.signalCode === null) {
      this.kill(h)
      await h.node.stop('SIGKILL')
    }
    await this.start(h)
  }

  /** A control-API call to the host's node (the socket is in its data directory). */
  async call<T>(h: Host, method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
    return await callNode<T>(dataDirPaths(h.dir).controlSocket, method, params, timeoutMs)
  }

  running(role?: Host['role']): Host[] {
    return this.hosts.filter((h) => h.state === 'running' && (role === undefined || h.role === role))
  }

  async destroy(keepData = false): Promise<void> {
    await Promise.all(this.hosts.filter((h) => h.node !== undefined && h.state !== 'stopped').map(async (h) => {
      this.kill(h)
      await h.node!.stop('SIGKILL')
    }))
    await this.emu?.stop()
    this.destroySync(keepData)
  }

  /** Synchronous last resort (exit handlers): kill every node, delete the namespaces. */
  destroySync(keepData = false): void {
    for (const h of this.hosts) {
      try { h.node?.proc.kill('SIGCONT'); h.node?.proc.kill('SIGKILL') } catch { /* gone */ }
    }
    try { this.emu?.proc.kill('SIGKILL') } catch { /* gone */ }
    for (const h of this.hosts) destroyNamespace(h.ns)
    if (!keepData) rmSync(this.root, { recursive: true, force: true })
    live.delete(this)
  }
}
