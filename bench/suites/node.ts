// Foundation figures: idle RSS and CPU of a node process, time from process start to listening
// and to connected to its bootstrap peer, and the libp2p round-trip floor between two processes
// (persistent stream vs a new stream per request).
import { spawn } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { multiaddr } from '@multiformats/multiaddr'
import { lpStream } from '@libp2p/utils'
import { percentile, round, type BenchRow, type BenchSuite } from '../harness.js'
import { createEchoPeer, ECHO_PROTOCOL } from '../helpers/echo-peer.js'
import { gridauth, gridauthJson, startNode, tempDir, waitFor } from '../../src/mesh/processes.js'
import { Network } from '../../src/mesh/network.js'
import { processMemory } from '../../src/load/rss.js'

/** VmRSS with its private (RssAnon) and mapped-file (RssFile) parts, in MB. */
function memory(pid: number): { rss: number, anon: number, file: number } {
  const m = processMemory(pid)
  if (m === undefined) throw new Error(`process ${pid} is gone`)
  return m
}

const rssMb = (pid: number): number => memory(pid).rss

const split = (m: { anon: number, file: number }): string => `${round(m.anon, 1)} MB private (RssAnon) + ${round(m.file, 1)} MB mapped files (RssFile)`

function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return Number(f[11]) + Number(f[12]) // utime + stime, in clock ticks (100/s)
}

async function echoFloor(quick: boolean): Promise<BenchRow[]> {
  const serverScript = fileURLToPath(new URL('../helpers/echo-peer.js', import.meta.url))
  const child = spawn(process.execPath, [serverScript], { stdio: ['ignore', 'pipe', 'inherit'] })
  const addr = await new Promise<string>((resolve) => child.stdout.setEncoding('utf8').once('data', (d: string) => resolve(d.trim())))
  const client = await createEchoPeer()
  const payload = new Uint8Array(64)
  try {
    const ma = multiaddr(addr)
    await client.dial(ma)
    const n = quick ? 500 : 3000
    const persistent: number[] = []
    const stream = await client.dialProtocol(ma, ECHO_PROTOCOL)
    const lp = lpStream(stream, { maxDataLength: 1 << 16 })
    for (let i = 0; i < n + 100; i++) {
      const t = performance.now()
      await lp.write(payload)
      await lp.read()
      if (i >= 100) persistent.push(performance.now() - t)
    }
    await stream.close()
    const fresh: number[] = []
    for (let i = 0; i < Math.floor(n / 3) + 50; i++) {
      const t = performance.now()
      const s = await client.dialProtocol(ma, ECHO_PROTOCOL)
      const l = lpStream(s, { maxDataLength: 1 << 16 })
      await l.write(payload)
      await l.read()
      await s.close()
      if (i >= 50) fresh.push(performance.now() - t)
    }
    persistent.sort((a, b) => a - b)
    fresh.sort((a, b) => a - b)
    const p50p = percentile(persistent, 50)
    const p50f = percentile(fresh, 50)
    return [
      { metric: 'round trip, persistent stream, p50', value: round(p50p, 3), unit: 'ms', note: `${n} x 64 B requests, two processes` },
      { metric: 'round trip, persistent stream, p99', value: round(percentile(persistent, 99), 3), unit: 'ms' },
      { metric: 'round trip, new stream per request, p50', value: round(p50f, 3), unit: 'ms', note: `${round(p50f / p50p, 1)}x the persistent stream` },
      { metric: 'round trip, new stream per request, p99', value: round(percentile(fresh, 99), 3), unit: 'ms' }
    ]
  } finally {
    await client.stop()
    child.kill('SIGKILL')
  }
}

async function startupAndIdle(quick: boolean): Promise<BenchRow[]> {
  const root = tempDir('gridauth-bench-')
  try {
    await gridauth(['--data', join(root, 'a'), 'init'])
    await gridauth(['--data', join(root, 'b'), 'init'])
    const a = await startNode(join(root, 'a'))
    const runs = quick ? 3 : 8
    const listening: number[] = []
    const connected: number[] = []
    let idleRss = NaN
    let idleCpu = NaN
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now()
      const b = await startNode(join(root, 'b'), ['--bootstrap', a.addr])
      listening.push(performance.now() - t0)
      const m = await waitFor('bootstrap connection log', () => /connected to bootstrap peer .*msSinceStart=(\d+)/.exec(b.stderr()) ?? undefined, 10_000, 5)
      connected.push(performance.now() - t0)
      void m
      if (i === runs - 1) {
        await new Promise((r) => setTimeout(r, quick ? 3000 : 10_000))
        const c0 = cpuTicks(b.proc.pid!)
        const window = quick ? 3 : 10
        await new Promise((r) => setTimeout(r, window * 1000))
        idleCpu = (cpuTicks(b.proc.pid!) - c0) / window // ticks/s = % of one core
        idleRss = rssMb(b.proc.pid!)
      }
      await b.stop('SIGTERM')
    }
    const aRss = rssMb(a.proc.pid!)
    await a.stop()
    listening.sort((x, y) => x - y)
    connected.sort((x, y) => x - y)
    return [
      { metric: 'process start to listening, median', value: round(percentile(listening, 50), 0), unit: 'ms', note: `${runs} runs, includes Node start and LevelDB open` },
      { metric: 'process start to connected to bootstrap peer, median', value: round(percentile(connected, 50), 0), unit: 'ms' },
      { metric: 'idle RSS, node with one peer', value: round(idleRss, 1), unit: 'MB', note: 'VmRSS after settling; node started without bin/gridauth (V8 defaults)' },
      { metric: 'idle CPU, node with one peer', value: round(idleCpu, 2), unit: '% of a core' },
      { metric: 'RSS of the introducer after the runs', value: round(aRss, 1), unit: 'MB' }
    ]
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const BIN = fileURLToPath(new URL('../../../bin/gridauth', import.meta.url))

/** `bin/gridauth start` (as systemd and the Docker image run it), with GRIDAUTH_NODE_FLAGS as given (undefined: the script's own). */
async function startViaBin(dataDir: string, bootstrap: string, flags: string | undefined): Promise<{ pid: number, stop: () => void }> {
  const env = { ...process.env }
  if (flags === undefined) delete env.GRIDAUTH_NODE_FLAGS
  else env.GRIDAUTH_NODE_FLAGS = flags
  const child = spawn(BIN, ['--json', '--data', dataDir, 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--bootstrap', bootstrap], { env, stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('bin/gridauth start timed out')) }, 60_000)
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
      if (out.includes('"started"')) { clearTimeout(timer); resolve() }
    })
  })
  return { pid: child.pid!, stop: () => { child.kill('SIGTERM') } }
}

/** Idle RSS of nodes started by bin/gridauth with its V8 flags and with V8's defaults, side by side. */
async function v8Flags(quick: boolean): Promise<BenchRow[]> {
  const root = tempDir('gridauth-bench-')
  try {
    for (const n of ['intro', 'tuned', 'plain']) await gridauth(['--data', join(root, n), 'init'])
    const intro = await startNode(join(root, 'intro'))
    const tuned = await startViaBin(join(root, 'tuned'), intro.addr, undefined)
    const plain = await startViaBin(join(root, 'plain'), intro.addr, '')
    await new Promise((r) => setTimeout(r, quick ? 10_000 : 30_000))
    const t = memory(tuned.pid)
    const p = memory(plain.pid)
    const rows: BenchRow[] = [
      { metric: 'idle RSS, node with one peer, bin/gridauth (V8 flags)', value: round(t.rss, 1), unit: 'MB', note: `${split(t)}; no genesis (bare libp2p node)` },
      { metric: 'idle RSS, node with one peer, bin/gridauth with GRIDAUTH_NODE_FLAGS= (V8 defaults)', value: round(p.rss, 1), unit: 'MB', note: split(p) }
    ]
    tuned.stop()
    plain.stop()
    await intro.stop()
    return rows
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** Runs each node of a Network through bin/gridauth (drops the node binary and CLI path startNode puts first). */
const VIA_BIN = ['sh', '-c', 'shift 2; exec "$0" "$@"', BIN]

/**
 * The realistic idle state: 4 validators and 2 terminals, each started by bin/gridauth (its V8
 * flags); the terminals registered, granted access and joined to the skip graph, connected to
 * their peers. Then idle RSS and CPU of a validator (the introducer, and one other) and a terminal.
 */
async function meshIdle(quick: boolean): Promise<BenchRow[]> {
  const net = await Network.create({ validators: 4, terminals: 2, wrap: VIA_BIN, parallel: 2 })
  try {
    for (const t of net.terminals) {
      await gridauthJson(['--data', t.dir, 'register'], { timeoutMs: 120_000 })
      await gridauthJson(['--data', t.dir, 'access'], { timeoutMs: 120_000 })
    }
    for (const t of net.terminals) {
      await waitFor(`${t.name} to join the skip graph`, async () => (await gridauthJson<{ state: string }>(['--data', t.dir, 'skipgraph', '--no-copies'])).state === 'joined' || undefined, 60_000, 500)
    }
    await new Promise((r) => setTimeout(r, quick ? 5_000 : 20_000))
    const nodes = [
      { name: 'validator (introducer)', pid: net.validators[0].proc.pid! },
      { name: 'validator', pid: net.validators[1].proc.pid! },
      { name: 'terminal', pid: net.terminals[0].node.proc.pid! },
      { name: 'terminal', pid: net.terminals[1].node.proc.pid! }
    ]
    const windowS = quick ? 10 : 60
    const c0 = nodes.map((n) => cpuTicks(n.pid))
    await new Promise((r) => setTimeout(r, windowS * 1000))
    const rows: BenchRow[] = []
    nodes.forEach((n, i) => {
      const cpu = (cpuTicks(n.pid) - c0[i]) / windowS // ticks/s = % of one core
      const m = memory(n.pid)
      const which = n.name === 'terminal' ? `${n.name} ${i - 1}` : n.name
      rows.push({ metric: `idle RSS, ${which}, mesh of 4 validators + 2 terminals`, value: round(m.rss, 1), unit: 'MB', note: `${split(m)}; bin/gridauth${n.name === 'terminal' && i === 2 ? '; registered, admitted, joined; target < 64 MB (issue 7)' : ''}` })
      rows.push({ metric: `idle CPU, ${which}`, value: round(cpu, 2), unit: '% of a core', note: `over ${windowS} s` })
    })
    return rows
  } finally {
    await net.kill()
    rmSync(net.root, { recursive: true, force: true })
  }
}

export const suite: BenchSuite = {
  name: 'node',
  title: 'Node foundation: start-up, idle footprint, libp2p round-trip floor',
  run: async ({ quick }) => [...await startupAndIdle(quick), ...await v8Flags(quick), ...await meshIdle(quick), ...await echoFloor(quick)]
}
