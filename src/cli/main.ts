#!/usr/bin/env node
// `gridauth`: the operator's command line. `init` and `start` act on a data directory; every
// other command asks the node running on that data directory over its local control socket.
import { Command, Option } from 'commander'
import { dataDirPaths, defaultDataDir, prepareDataDir } from '../node/datadir.js'
import type { PeerInfo, StatusResult } from '../node/control-protocol.js'
import { VERSION } from '../node/version.js'
import { DEFAULT_LISTEN } from '../node/defaults.js'
import { UserError } from '../util/errors.js'
import { callNode } from './control-client.js'
import { table, keyValues, formatDuration } from './table.js'
import { commandGroups } from './commands/index.js'
import { startProgress, progressEnabled } from './progress.js'
import { toInt, toPositive } from './args.js'


// Only `start` needs libp2p and the node's components, and only the operator tools need the
// ledger codecs: they are imported when those commands run, so that the inspection commands
// an operator (or a wait loop) runs many times start in a fraction of the time.
const operatorTools = async (): Promise<typeof import('./operator-tools.js')> => await import('./operator-tools.js')

interface GlobalOpts { data: string, json?: boolean }

function out(opts: GlobalOpts, value: unknown, human: () => string): void {
  process.stdout.write((opts.json === true ? JSON.stringify(value, null, 2) : human()) + '\n')
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export function buildCli(): Command {
  const program = new Command()
  program
    .name('gridauth')
    .description('gridauth node: decentralised terminal identity and authentication for power distribution networks')
    .version(VERSION)
    .addOption(new Option('-d, --data <dir>', 'data directory').env('GRIDAUTH_DATA').default(defaultDataDir()))
    .option('--json', 'print JSON for scripts instead of tables')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'gridauth: ')) })

  program.command('init')
    .description('create the data directory and this node\'s Ed25519 identity (its PeerId and terminal key)')
    .action(async () => {
      const opts = program.opts<GlobalOpts>()
      const paths = prepareDataDir(opts.data, true)
      const { createIdentity } = await import('../node/identity.js')
      const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
      const key = await createIdentity(paths.keyFile)
      const peerId = peerIdFromPrivateKey(key).toString()
      out(opts, { peerId, dataDir: paths.root, keyFile: paths.keyFile }, () => keyValues([['peer id', peerId], ['data dir', paths.root], ['key file', paths.keyFile]]))
    })

  program.command('id')
    .description('print this node\'s peer ID (works without a running node)')
    .action(async () => {
      const opts = program.opts<GlobalOpts>()
      const paths = prepareDataDir(opts.data, false)
      const { loadIdentity } = await import('../node/identity.js')
      const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
      const peerId = peerIdFromPrivateKey(loadIdentity(paths.keyFile)).toString()
      out(opts, { peerId }, () => peerId)
    })

  program.command('start')
    .description('run the node in the foreground until SIGINT/SIGTERM')
    .option('-l, --listen <multiaddr>', `listen address (repeatable; default ${DEFAULT_LISTEN})`, collect, [])
    .option('-b, --bootstrap <multiaddr>', 'bootstrap (introducer) peer, ending in /p2p/<peer id> (repeatable)', collect, [])
    .option('-c, --config <file>', 'YAML config file (see bootstrap/CONFIG.md); also GRIDAUTH_CONFIG')
    .option('--set <key=value>', 'override one config key, e.g. --set limits.maxMessageBytes=65536 (repeatable)', collect, [])
    .option('--metrics <host:port>', 'serve Prometheus metrics here (or "off")')
    .option('--genesis <file>', 'genesis file of the network to join')
    .option('--role <role>', 'validator, terminal or introducer (default terminal)')
    .option('--enrollment <file>', 'this terminal\'s enrollment from `gridauth enroll` (first start)')
    .action(async (cmd: { listen: string[], bootstrap: string[], config?: string, set: string[], metrics?: string, genesis?: string, role?: string, enrollment?: string }) => {
      const opts = program.opts<GlobalOpts>()
      const { loadConfig, applyLogConfig } = await import('../node/config.js')
      const { GridauthNode } = await import('../node/node.js')
      const { buildComponents } = await import('../node/components.js')
      const { readGenesis } = await operatorTools()
      const config = loadConfig({
        file: cmd.config,
        env: process.env,
        set: cmd.set,
        flags: {
          listen: cmd.listen,
          bootstrap: cmd.bootstrap,
          dataDir: program.getOptionValueSource('data') === 'cli' ? opts.data : undefined,
          metrics: cmd.metrics === undefined ? undefined : { listen: cmd.metrics },
          genesis: cmd.genesis,
          role: cmd.role as never
        }
      })
      applyLogConfig(config)
      // Signal handlers go in before anything starts, so a SIGTERM that arrives while the node
      // is starting (or right after it reports started) still stops it cleanly.
      let requestStop: (why: string) => void = () => {}
      const stopRequested = new Promise<string>((resolve) => {
        requestStop = resolve
        process.once('SIGINT', () => resolve('SIGINT'))
        process.once('SIGTERM', () => resolve('SIGTERM'))
      })
      const node = await GridauthNode.create({ dataDir: config.dataDir, listen: config.listen, bootstrap: config.bootstrap, config, components: buildComponents({ bootstrap: config.bootstrap, settings: {}, config, genesis: config.genesis === null ? undefined : readGenesis(config.genesis), enrollment: cmd.enrollment }) })
      await node.start()
      node.control.register('stop', () => {
        setImmediate(() => requestStop('gridauth stop'))
        return { stopping: true }
      })
      const s = node.status()
      out(opts, { event: 'started', peerId: s.peerId, listen: s.listen }, () => `gridauth ${VERSION} started\npeer id: ${s.peerId}\n${s.listen.map((a) => `listening on ${a}`).join('\n')}`)
      const signal = await stopRequested
      node.log.info('stopping', { signal })
      const force = (): void => { process.exit(130) } // a second Ctrl-C does not wait for a clean stop
      process.once('SIGINT', force)
      process.once('SIGTERM', force)
      await node.stop()
      // Stopped: a handle something left open (a socket, a timer) must not keep the process alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref()
    })

  program.command('status')
    .description('peer ID, listen addresses, uptime and version of the running node')
    .action(async () => {
      const opts = program.opts<GlobalOpts>()
      const s = await callNode<StatusResult>(dataDirPaths(opts.data).controlSocket, 'status')
      out(opts, s, () => keyValues([
        ['peer id', s.peerId], ['version', s.version], ['runtime', `node ${s.node} on ${s.arch}`], ['uptime', formatDuration(s.uptimeSeconds)],
        ['connections', s.connections], ['metrics', s.metrics ?? 'off'], ['memory (RSS)', `${(s.rssBytes / 2 ** 20).toFixed(1)} MB`], ['data dir', s.dataDir],
        ['listen', s.listen.join('\n' + ' '.repeat(14))]
      ]))
    })

  program.command('stop')
    .description('stop the running node gracefully (as SIGTERM does)')
    .action(async () => {
      const opts = program.opts<GlobalOpts>()
      const r = await callNode<{ stopping: boolean }>(dataDirPaths(opts.data).controlSocket, 'stop')
      out(opts, r, () => 'stopping')
    })

  program.command('peers')
    .description('connected peers: address, direction, ping round trip, protocols from identify')
    .action(async () => {
      const opts = program.opts<GlobalOpts>()
      const peers = await callNode<PeerInfo[]>(dataDirPaths(opts.data).controlSocket, 'peers')
      out(opts, peers, () => peers.length === 0
        ? 'no peers connected'
        : table(['PEER ID', 'ADDRESS', 'DIR', 'RTT', 'AGENT', 'PROTOCOLS'], peers.map((p) => [
          p.peerId, p.address, p.direction === 'inbound' ? 'in' : 'out', p.rttMs === null ? null : `${p.rttMs.toFixed(1)} ms`, p.agent, p.protocols.join(',')
        ])))
    })

  program.command('keygen')
    .description('create the network operator\'s key (signs genesis, enrollments, revocations); keep it offline')
    .requiredOption('-o, --out <file>', 'where to write the key (mode 0600)')
    .option('--force', 'overwrite an existing file')
    .action(async (cmd: { out: string, force?: boolean }) => {
      const opts = program.opts<GlobalOpts>()
      const { keygen } = await operatorTools()
      const r = keygen(cmd.out, cmd.force === true)
      out(opts, r, () => keyValues([['operator public key', r.publicKey], ['key file', r.file]]))
    })

  program.command('genesis')
    .description('write the genesis file of a new network')
    .requiredOption('--operator-key <file>', 'operator key from `gridauth keygen`')
    .requiredOption('--network-id <id>', 'network name ([A-Za-z0-9._-])')
    .requiredOption('--validator <multiaddr>', 'validator address ending in /p2p/<peer id> (repeat for each)', collect, [])
    .option('--redundancy <r>', 'block placement redundancy r (skip-graph levels with extra copies)', toInt, 2)
    .option('--hash-chain-length <n>', 'identity hash-chain length N for terminals', toInt, 10_000)
    .option('--batch-max <n>', 'most transactions per block', toInt, 1024)
    .option('--batch-window-ms <ms>', 'how long the primary gathers requests before proposing', toInt, 2)
    .option('--view-timeout-ms <ms>', 'PBFT view-change timeout (doubles per failed view)', toInt, 1000)
    .option('--certificate-validity-days <d>', 'validity of registration certificates (decimals allowed: 0.5 = 12 h)', toPositive, 365)
    .requiredOption('-o, --out <file>', 'genesis file to write')
    .option('--force', 'overwrite an existing file')
    .action(async (cmd: { operatorKey: string, networkId: string, validator: string[], redundancy: number, hashChainLength: number, batchMax: number, batchWindowMs: number, viewTimeoutMs: number, certificateValidityDays: number, out: string, force?: boolean }) => {
      const opts = program.opts<GlobalOpts>()
      const { makeGenesis, writeNew } = await operatorTools()
      const g = makeGenesis({ ...cmd, validators: cmd.validator })
      writeNew(cmd.out, JSON.stringify(g, null, 2) + '\n', 0o644, cmd.force === true)
      out(opts, g, () => `genesis of network ${cmd.networkId} with ${cmd.validator.length} validators written to ${cmd.out}`)
    })

  program.command('enroll')
    .description('enroll a terminal offline: sign its identity with the operator key')
    .requiredOption('--operator-key <file>', 'operator key')
    .requiredOption('--genesis <file>', 'genesis file of the network')
    .requiredOption('--peer-id <id>', 'the terminal\'s peer ID (`gridauth id` on the terminal)')
    .requiredOption('--address <multiaddr>', 'the terminal\'s network address')
    .requiredOption('--device-type <type>', 'e.g. DTU, FTU, meter, master-station')
    .requiredOption('--vendor <name>', 'device vendor')
    .requiredOption('--serial <serial>', 'device serial number (unique in the network)')
    .option('--skip-key <hex>', 'skip-graph key, 32 bytes hex (default: derived from the peer ID)')
    .option('--membership-vector <bits>', 'skip-graph membership vector as bits, e.g. 0110 (default: derived from the peer ID)')
    .option('--valid-days <d>', 'enrollment expiry in days (default: none)', toInt)
    .requiredOption('-o, --out <file>', 'enrollment file to hand to the terminal')
    .option('--force', 'overwrite an existing file')
    .action(async (cmd: { operatorKey: string, genesis: string, peerId: string, address: string, deviceType: string, vendor: string, serial: string, skipKey?: string, membershipVector?: string, validDays?: number, out: string, force?: boolean }) => {
      const opts = program.opts<GlobalOpts>()
      const { enroll, writeNew } = await operatorTools()
      const e = enroll(cmd)
      writeNew(cmd.out, JSON.stringify(e, null, 2) + '\n', 0o644, cmd.force === true)
      out(opts, e, () => keyValues([['terminal id', String(e.terminalId)], ['peer id', cmd.peerId], ['serial', cmd.serial], ['enrollment', cmd.out]]))
    })

  const ctx = {
    socketPath: () => dataDirPaths(program.opts<GlobalOpts>().data).controlSocket,
    out: (value: unknown, human: () => string) => out(program.opts<GlobalOpts>(), value, human),
    call: async <T>(method: string, params: Record<string, unknown>, label: string): Promise<T> => {
      const p = startProgress(label, progressEnabled(program.opts<GlobalOpts>().json === true))
      try {
        return await callNode<T>(ctx.socketPath(), method, params)
      } finally {
        p.stop()
      }
    }
  }
  for (const group of commandGroups) group(program, ctx)

  return program
}


export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv)
    return 0
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`gridauth: ${err.message}\n`)
      return err.exitCode
    }
    throw err
  }
}

// Run as a program (bin/gridauth), not when imported by tests.
if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv).then((code) => {
    if (code !== 0) process.exitCode = code
  }, (err: Error) => {
    process.stderr.write(`gridauth: internal error: ${err.stack ?? err.message}\n`)
    process.exitCode = 70
  })
}
