// Acceptance over real processes on loopback: 33 `gridauth start` nodes join through one
// introducer; ledger blocks published through different nodes are fetchable from every node;
// after `kill -9` of 10% of the nodes every block is still fetchable from every survivor and
// repair brings every block back to its full copy count. Prints its timings.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gridauth, startNode, tempDir, waitFor, type RunningNode } from '../helpers/cli.js'
import { callNode } from '../../src/cli/control-client.js'
import { dataDirPaths, prepareDataDir } from '../../src/node/datadir.js'
import { createIdentity } from '../../src/node/identity.js'
import { copyCount } from '../../src/skipgraph/index.js'
import { makeBlocks } from '../unit/skipgraph/blocks-fixture.js'

const N = Number(process.env.SG_MESH_N ?? 31)
const KILL = Math.round(N * 0.1)
const R = 2
const BATCH = 4
const env = { SKIPGRAPH_TIMERS: 'tick=2000,stabilize=5000,audit=5000', GRIDAUTH_SKIPGRAPH_REDUNDANCY: String(R), GRIDAUTH_LOG: process.env.SG_MESH_LOG ?? 'warn' }
const root = tempDir('gridauth-sgmesh-')
const nodes: RunningNode[] = []
after(async () => {
  if (process.env.SG_MESH_DUMP !== undefined) for (const n of nodes) writeFileSync(join(process.env.SG_MESH_DUMP, `${n.peerId}.log`), n.stderr())
  await Promise.all(nodes.map(async (n) => await n.stop('SIGKILL')))
  rmSync(root, { recursive: true, force: true })
})

const sock = (n: RunningNode): string => dataDirPaths(n.dataDir).controlSocket
const call = async <T>(n: RunningNode, method: string, params: Record<string, unknown> = {}): Promise<T> => await callNode<T>(sock(n), method, params, 20_000)
interface Copies { hash: string, expected: number, copies: number, replicas: Array<{ id: string, has: boolean | null }> }
const log = (s: string): void => { process.stdout.write(`# ${s}\n`) }

/** Nodes whose level-0 neighbours are not the next ones in key order. */
async function ringErrors(): Promise<string[]> {
  const infos = await Promise.all(nodes.filter((n) => n.proc.exitCode === null && n.proc.signalCode === null).map(async (n) => await call<{ peerId: string, key: string, state: string, levels: Array<{ left: Array<{ id: string }>, right: Array<{ id: string }> }> }>(n, 'skipgraph.info')))
  const sorted = infos.slice().sort((a, b) => (a.key < b.key ? -1 : 1))
  const bad: string[] = []
  sorted.forEach((x, i) => {
    const right = sorted[(i + 1) % sorted.length].peerId
    const left = sorted[(i - 1 + sorted.length) % sorted.length].peerId
    const l0 = x.levels[0]
    if (l0?.right[0]?.id !== right || l0?.left[0]?.id !== left) bad.push(`${x.peerId.slice(-5)}(${x.state}) r=${l0?.right[0]?.id.slice(-5)} want ${right.slice(-5)} l=${l0?.left[0]?.id.slice(-5)} want ${left.slice(-5)}`)
  })
  return bad
}

test(`${N} node processes: join, publish, fetch everywhere, kill -9 ${KILL}, fetch and repair`, { timeout: 420_000 }, async () => {
  const t0 = performance.now()
  const lap = (): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`
  const dirs: string[] = []
  for (let i = 0; i < N; i++) {
    const dir = join(root, `n${i}`)
    await createIdentity(prepareDataDir(dir, true).keyFile)
    dirs.push(dir)
  }
  const intro = await startNode(dirs[0], [], { env })
  nodes.push(intro)
  for (let i = 1; i < N; i += BATCH) {
    const batch = await Promise.all(dirs.slice(i, i + BATCH).map(async (d) => await startNode(d, ['--bootstrap', intro.addr], { env, timeoutMs: 120_000 })))
    nodes.push(...batch)
  }
  log(`${N} nodes started in ${lap()}`)
  await waitFor('every node joined', async () => {
    const states = await Promise.all(nodes.map(async (n) => (await call<{ state: string }>(n, 'skipgraph.info')).state))
    return states.every((s) => s === 'joined')
  }, 120_000, 1000)
  log(`${N} nodes joined at ${lap()}`)
  await waitFor('level 0 to be a correct ring', async () => {
    const bad = await ringErrors()
    if (bad.length > 0) log(`level 0 not yet correct at ${lap()}: ${bad.slice(0, 4).join('; ')}`)
    return bad.length === 0
  }, 90_000, 3000)
  log(`level 0 correct at ${lap()}`)

  // every node finds the same responsible node for a key
  const key = 'ab'.repeat(32)
  // (searches are retried: on this shared 2-core machine a hop can stall for seconds)
  const found = await Promise.all(nodes.map(async (n) => await waitFor('search', async () => await call<{ node: { id: string }, hops: number }>(n, 'skipgraph.search', { key }), 60_000, 500)))
  assert.equal(new Set(found.map((f) => f.node.id)).size, 1, 'same responsible node from everywhere')
  log(`every node searched at ${lap()}`)
  log(`search hops: max ${Math.max(...found.map((f) => f.hops))}, mean ${(found.reduce((a, f) => a + f.hops, 0) / N).toFixed(1)}`)

  // publish through different nodes (CLI)
  const blocks = makeBlocks(5)
  for (let i = 0; i < blocks.length; i++) {
    const file = join(root, `block${i}.bin`)
    writeFileSync(file, blocks[i].bytes)
    const r = await waitFor('publish', async () => { const x = await gridauth(['--json', '--data', nodes[1 + i * 5].dataDir, 'block-publish', file]); return x.code === 0 ? x : undefined }, 60_000, 500)
    const out = JSON.parse(r.stdout) as { hash: string, replicas: Array<{ stored: boolean }> }
    assert.equal(out.hash, blocks[i].hash)
    assert.equal(out.replicas.filter((x) => x.stored).length, copyCount(R, N))
  }
  log(`published ${blocks.length} blocks at ${lap()}`)

  const fetchAll = async (from: RunningNode[]): Promise<void> => {
    await Promise.all(from.map(async (n) => {
      for (const b of blocks) {
        const r = await waitFor('fetch', async () => await call<{ hash: string, block: string }>(n, 'skipgraph.block', { hash: b.hash }), 60_000, 500)
        assert.equal(r.block, Buffer.from(b.bytes).toString('hex'))
      }
    }))
  }
  await fetchAll(nodes)
  log(`every block fetched from all ${N} nodes at ${lap()}`)

  // the CLI: block via the skip graph, errors
  const viaCli = await gridauth(['--json', '--data', nodes[N - 1].dataDir, 'block', blocks[0].hash])
  assert.equal(viaCli.code, 0, viaCli.stderr)
  assert.equal((JSON.parse(viaCli.stdout) as { header: { height: number } }).header.height, 1)
  const unknown = await gridauth(['--data', nodes[2].dataDir, 'block', '00'.repeat(32)])
  assert.equal(unknown.code, 3)
  assert.match(unknown.stderr, /not found/)
  assert.equal((await gridauth(['--data', nodes[2].dataDir, 'search', 'xyz'])).code, 1)

  // kill -9 the nodes holding the most blocks (not the introducer)
  const held = await Promise.all(nodes.map(async (n) => (await call<{ blocks: string[] }>(n, 'skipgraph.info')).blocks.length))
  const victims = nodes.map((n, i) => ({ n, c: held[i] })).slice(1).sort((a, b) => b.c - a.c).slice(0, KILL).map((x) => x.n)
  log(`killing ${victims.length} nodes holding ${victims.map((v) => held[nodes.indexOf(v)]).join(', ')} blocks`)
  const tKill = performance.now()
  await Promise.all(victims.map(async (v) => await v.stop('SIGKILL')))
  const dead = new Set(victims.map((v) => v.peerId))
  const survivors = nodes.filter((n) => !dead.has(n.peerId))

  await fetchAll(survivors)
  log(`every block fetched from all ${survivors.length} survivors ${((performance.now() - tKill) / 1000).toFixed(1)} s after the kill`)

  const full = async (n: RunningNode): Promise<boolean> => {
    for (const b of blocks) {
      const c = await call<Copies>(n, 'skipgraph.copies', { hash: b.hash })
      if (c.expected !== copyCount(R, survivors.length) || c.copies !== c.expected || c.replicas.some((x) => dead.has(x.id))) return false
    }
    return true
  }
  await waitFor('full copy count after repair', async () => await full(survivors[0]), 60_000, 500)
  log(`full copy count restored ${((performance.now() - tKill) / 1000).toFixed(1)} s after the kill`)
  const checks = await Promise.all(survivors.map(async (n) => await waitFor('copy count seen by every survivor', async () => await full(n), 20_000, 500)))
  assert.ok(checks.every(Boolean))
  log(`checked from every survivor; total ${lap()}`)
})
