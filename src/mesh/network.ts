// Stands up a whole gridauth network of separate processes on loopback, exactly as an operator
// would with the CLI: operator key, validator identities, genesis, validators, enrollments,
// terminals joining through an introducer. Used by the demo, the integration tests and the
// benchmarks.
import { createServer } from 'node:net'
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { gridauth, gridauthJson, startNode, tempDir, type RunningNode } from './processes.js'

export async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const port = (srv.address() as { port: number }).port
  await new Promise((resolve) => srv.close(resolve))
  return port
}

export interface NetworkOptions {
  validators: number
  terminals: number
  root?: string
  networkId?: string
  hashChainLength?: number
  /** Extra `gridauth genesis` flags, e.g. ['--batch-window-ms', '2']. */
  genesisArgs?: string[]
  /** Extra `gridauth start` flags for every node. */
  startArgs?: string[]
  /** Terminals started at once (start-up is CPU-bound). */
  parallel?: number
  env?: NodeJS.ProcessEnv
  /** Command prefix every node runs under (see StartNodeOptions.wrap), e.g. to start it through bin/gridauth. */
  wrap?: string[]
}

export interface Terminal {
  name: string
  dir: string
  peerId: string
  terminalId: string
  serial: string
  node: RunningNode
}

export class Network {
  readonly validators: RunningNode[] = []
  readonly terminals: Terminal[] = []
  validatorPorts: number[] = []

  constructor(readonly root: string, readonly opts: NetworkOptions) {}

  get genesis(): string { return join(this.root, 'genesis.json') }
  get operatorKey(): string { return join(this.root, 'operator.key') }
  /** The introducer: the first validator. */
  get introducer(): string { return this.validators[0].addr }

  static async create(opts: NetworkOptions): Promise<Network> {
    const root = opts.root ?? tempDir('gridauth-net-')
    mkdirSync(root, { recursive: true })
    const net = new Network(root, opts)
    await net.setup()
    return net
  }

  private async run(args: string[]): Promise<void> {
    const r = await gridauth(args, { env: this.opts.env })
    if (r.code !== 0) throw new Error(`gridauth ${args.join(' ')} failed: ${r.stderr.trim()}`)
  }

  private async setup(): Promise<void> {
    const o = this.opts
    await this.run(['keygen', '--out', this.operatorKey])
    const validatorArgs: string[] = []
    for (let i = 0; i < o.validators; i++) {
      const dir = join(this.root, `validator-${i}`)
      const { peerId } = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'])
      const port = await freePort()
      this.validatorPorts.push(port)
      validatorArgs.push('--validator', `/ip4/127.0.0.1/tcp/${port}/p2p/${peerId}`)
    }
    await this.run(['genesis', '--operator-key', this.operatorKey, '--network-id', o.networkId ?? 'gridauth-test',
      ...validatorArgs, '--hash-chain-length', String(o.hashChainLength ?? 1000), ...(o.genesisArgs ?? []), '--out', this.genesis])
    for (let i = 0; i < o.validators; i++) await this.startValidator(i)
    const names = Array.from({ length: o.terminals }, (_, i) => `terminal-${i}`)
    const par = o.parallel ?? 4
    for (let i = 0; i < names.length; i += par) {
      await Promise.all(names.slice(i, i + par).map(async (name) => await this.addTerminal(name)))
    }
    this.terminals.sort((a, b) => Number(a.name.split('-')[1]) - Number(b.name.split('-')[1]))
  }

  async startValidator(i: number): Promise<RunningNode> {
    const node = await startNode(join(this.root, `validator-${i}`), [
      '--listen', `/ip4/127.0.0.1/tcp/${this.validatorPorts[i]}`, '--genesis', this.genesis, '--role', 'validator',
      ...(i > 0 && this.validators[0] !== undefined ? ['--bootstrap', this.validators[0].addr] : []), ...(this.opts.startArgs ?? [])
    ], { env: this.opts.env, wrap: this.opts.wrap })
    this.validators[i] = node
    return node
  }

  /**
   * Enrolls a terminal offline with the operator key and starts it through the introducer.
   * `extra.node` runs the terminal's init and node with another Node executable (the arm64 test).
   */
  async addTerminal(name: string, extra: { serial?: string, enrollArgs?: string[], startArgs?: string[], node?: string, timeoutMs?: number } = {}): Promise<Terminal> {
    const dir = join(this.root, name)
    const { peerId } = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'], { node: extra.node, timeoutMs: extra.timeoutMs })
    const serial = extra.serial ?? `SN-${name}`
    const enrollment = join(this.root, `${name}.enrollment.json`)
    const e = await gridauthJson<{ terminalId: string }>(['enroll', '--operator-key', this.operatorKey, '--genesis', this.genesis, '--peer-id', peerId,
      '--address', '/ip4/127.0.0.1/tcp/0', '--device-type', 'DTU', '--vendor', 'gridauth-test', '--serial', serial, ...(extra.enrollArgs ?? []), '--out', enrollment])
    const node = await startNode(dir, ['--genesis', this.genesis, '--enrollment', enrollment, '--bootstrap', this.introducer, ...(this.opts.startArgs ?? []), ...(extra.startArgs ?? [])],
      { env: this.opts.env, wrap: this.opts.wrap, node: extra.node, timeoutMs: extra.timeoutMs })
    const t = { name, dir, peerId, terminalId: e.terminalId, serial, node }
    this.terminals.push(t)
    return t
  }

  async stop(): Promise<void> {
    await Promise.all([...this.terminals.map((t) => t.node), ...this.validators].map(async (n) => await n.stop('SIGTERM')))
  }

  async kill(): Promise<void> {
    await Promise.all([...this.terminals.map((t) => t.node), ...this.validators].filter((n) => n !== undefined).map(async (n) => await n.stop('SIGKILL')))
  }
}
