// Real node processes on loopback, driven through the gridauth CLI.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { chmodSync, chownSync, existsSync, mkdirSync, statSync, writeFileSync, rmSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { gridauth, gridauthJson, startNode, tempDir, waitFor, type RunningNode } from '../helpers/cli.js'
import { freePort } from '../../src/mesh/network.js'
import type { PeerInfo, StatusResult } from '../../src/node/control-protocol.js'
import { parseExposition, checkHistogram, value } from '../helpers/prometheus.js'

const running: RunningNode[] = []
const root = tempDir()
after(async () => {
  await Promise.all(running.map(async (n) => await n.stop('SIGKILL')))
  rmSync(root, { recursive: true, force: true })
})

async function initNode(name: string): Promise<{ dir: string, peerId: string }> {
  const dir = join(root, name)
  const r = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'])
  return { dir, peerId: r.peerId }
}

async function start(dir: string, extra: string[] = []): Promise<RunningNode> {
  const n = await startNode(dir, extra)
  running.push(n)
  return n
}

test('B and C join through A; peers lists them with ping RTT and identify protocols', async () => {
  const a = await start((await initNode('a')).dir)
  const b = await start((await initNode('b')).dir, ['--bootstrap', a.addr])
  const c = await start((await initNode('c')).dir, ['--bootstrap', a.addr])

  const peersOfA = await waitFor('A to see B and C', async () => {
    const peers = await gridauthJson<PeerInfo[]>(['--data', a.dataDir, 'peers'])
    const ids = new Set(peers.map((p) => p.peerId))
    const ready = ids.has(b.peerId) && ids.has(c.peerId) && peers.every((p) => p.protocols.includes('/ipfs/ping/1.0.0'))
    return ready ? peers : undefined
  })
  for (const p of peersOfA) {
    assert.equal(p.direction, 'inbound')
    assert.ok(typeof p.rttMs === 'number' && p.rttMs >= 0, 'ping RTT measured')
    assert.ok(p.protocols.includes('/ipfs/id/1.0.0'))
    assert.match(p.agent ?? '', /^gridauth\//)
    assert.match(p.address, /^\/ip4\/127\.0\.0\.1\/tcp\/\d+/)
  }
  const peersOfB = await gridauthJson<PeerInfo[]>(['--data', b.dataDir, 'peers'])
  const toA = peersOfB.find((p) => p.peerId === a.peerId)
  assert.ok(toA !== undefined, 'B lists A')
  assert.equal(toA.direction, 'outbound')

  // The human table names every peer too.
  const table = await gridauth(['--data', a.dataDir, 'peers'])
  assert.equal(table.code, 0)
  assert.match(table.stdout, /^PEER ID\s+ADDRESS\s+DIR\s+RTT/)
  assert.ok(table.stdout.includes(b.peerId) && table.stdout.includes(c.peerId))

  const status = await gridauthJson<StatusResult>(['--data', a.dataDir, 'status'])
  assert.equal(status.peerId, a.peerId)
  assert.deepEqual(status.listen, a.listen)
  assert.ok(status.uptimeSeconds >= 0)
  assert.match(status.version, /^\d+\.\d+\.\d+/)
  const human = await gridauth(['--data', a.dataDir, 'status'])
  assert.match(human.stdout, /peer id:\s+12D3KooW/)
  assert.match(human.stdout, /uptime:\s+\d+s/)
})

test('a restarted node keeps its peer ID; SIGTERM stops it cleanly', async () => {
  const { dir, peerId } = await initNode('restart')
  const first = await start(dir)
  assert.equal(first.peerId, peerId)
  assert.equal(statSync(join(dir, 'identity.key')).mode & 0o777, 0o600)
  assert.equal(statSync(join(dir, 'control.sock')).mode & 0o777, 0o600)
  assert.equal(statSync(dir).mode & 0o777, 0o700)
  assert.equal(await first.stop('SIGTERM'), 0)
  assert.equal(existsSync(join(dir, 'control.sock')), false, 'control socket removed on stop')
  const second = await start(dir)
  assert.equal(second.peerId, peerId)
  assert.equal(await second.stop('SIGINT'), 0)
})

test('a node killed with SIGKILL restarts on the same data directory', async () => {
  const { dir, peerId } = await initNode('killed')
  const n = await start(dir)
  await n.stop('SIGKILL')
  const again = await start(dir)
  assert.equal(again.peerId, peerId)
  const s = await gridauthJson<StatusResult>(['--data', dir, 'status'])
  assert.equal(s.peerId, peerId)
})

test('an unreachable bootstrap peer is retried with backoff until it comes up', async () => {
  const { dir: aDir, peerId: aId } = await initNode('late-introducer')
  const port = await freePort()
  const aAddr = `/ip4/127.0.0.1/tcp/${port}/p2p/${aId}`
  const b = await start((await initNode('early')).dir, ['--bootstrap', aAddr])
  await waitFor('a retry to be logged', () => (b.stderr().match(/bootstrap peer unreachable/g) ?? []).length >= 2, 10_000)
  const status = await gridauthJson<StatusResult>(['--data', b.dataDir, 'status'])
  assert.equal(status.connections, 0, 'B keeps running while alone')
  const a = await start(aDir, ['--listen', `/ip4/127.0.0.1/tcp/${port}`])
  assert.equal(a.peerId, aId)
  await waitFor('B to connect to the late introducer', async () => {
    const peers = await gridauthJson<PeerInfo[]>(['--data', b.dataDir, 'peers'])
    return peers.some((p) => p.peerId === aId)
  }, 40_000)
})

test('clear one-line errors with non-zero exits', async (t) => {
  const { dir } = await initNode('errors')
  const expectError = async (args: string[], pattern: RegExp, code?: number): Promise<void> => {
    const r = await gridauth(args)
    assert.notEqual(r.code, 0, `${args.join(' ')} should fail`)
    if (code !== undefined) assert.equal(r.code, code)
    assert.match(r.stderr, pattern)
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`)
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace')
  }

  await t.test('malformed multiaddr', async () => {
    await expectError(['--data', dir, 'start', '--listen', '/ip4/999.1.1.1/tcp/1'], /listen\[0\] is not a valid multiaddr: Invalid IPv4 address "999\.1\.1\.1"/)
    await expectError(['--data', dir, 'start', '--bootstrap', 'not-a-multiaddr'], /bootstrap\[0\] is not a valid multiaddr.*not-a-multiaddr/)
    await expectError(['--data', dir, 'start', '--bootstrap', '/ip4/127.0.0.1/tcp/4001'], /must end in \/p2p\/<peer id>/)
    await expectError(['--data', dir, 'start', '--set', 'limits.maxMesageBytes=10'], /unknown .*limits\.maxMesageBytes.*did you mean .*limits\.maxMessageBytes/)
  })

  await t.test('port in use', async () => {
    const srv = createServer()
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
    const port = (srv.address() as { port: number }).port
    try {
      await expectError(['--data', dir, 'start', '--listen', `/ip4/127.0.0.1/tcp/${port}`], /address already in use/)
    } finally {
      await new Promise((resolve) => srv.close(resolve))
    }
  })

  await t.test('no node running', async () => {
    await expectError(['--data', dir, 'status'], /no gridauth node is running/, 2)
    await expectError(['--data', join(root, 'never-created'), 'peers'], /no gridauth node is running/, 2)
  })

  await t.test('data directory already in use by a running node', async () => {
    const n = await start((await initNode('busy')).dir)
    await expectError(['--data', n.dataDir, 'start'], /in use by another gridauth node|already running/)
  })

  await t.test('corrupt, unreadable or exposed key file', async () => {
    const bad = join(root, 'badkey')
    mkdirSync(bad, { mode: 0o700 })
    writeFileSync(join(bad, 'identity.key'), Buffer.from('this is not a key'), { mode: 0o600 })
    await expectError(['--data', bad, 'start'], /key file .*identity\.key is corrupt/)
    const exposed = join(root, 'exposed')
    await gridauth(['--data', exposed, 'init'])
    chmodSync(join(exposed, 'identity.key'), 0o644)
    await expectError(['--data', exposed, 'start'], /has mode 0644; it must be readable by its owner only/)
    const unreadable = join(root, 'unreadable')
    mkdirSync(join(unreadable, 'identity.key'), { recursive: true, mode: 0o700 })
    chmodSync(unreadable, 0o700)
    await expectError(['--data', unreadable, 'start'], /cannot read key file .*not a regular file/)
    await expectError(['--data', join(root, 'nokey-' + Date.now()), 'start'], /does not exist; run `gridauth init/)
  })

  await t.test('data directory owned by someone else', async () => {
    let foreign: string
    if (process.getuid?.() === 0) {
      foreign = join(root, 'foreign')
      mkdirSync(foreign, { mode: 0o700 })
      chownSync(foreign, 65534, 65534)
    } else {
      foreign = '/' // owned by root, not by this user
    }
    await expectError(['--data', foreign, 'start'], /is owned by uid \d+, not by .*refusing to use it/)
  })

  await t.test('init refuses to overwrite an identity', async () => {
    const before = readFileSync(join(dir, 'identity.key'))
    await expectError(['--data', dir, 'init'], /identity already exists/)
    assert.deepEqual(readFileSync(join(dir, 'identity.key')), before)
  })
})

test('/metrics is served on the configured address and parses as Prometheus text', async () => {
  const { dir } = await initNode('metrics')
  const n = await start(dir, ['--metrics', '127.0.0.1:0'])
  const s = await gridauthJson<StatusResult>(['--data', dir, 'status'])
  assert.match(s.metrics ?? '', /^http:\/\/127\.0\.0\.1:\d+\/metrics$/)
  const res = await fetch(s.metrics!)
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
  const families = parseExposition(await res.text())
  for (const name of ['gridauth_peers', 'gridauth_uptime_seconds', 'gridauth_process_resident_memory_bytes', 'gridauth_rejected_messages_total', 'gridauth_commit_latency_seconds']) {
    assert.ok(families.has(name), `${name} exported`)
  }
  assert.ok((value(families, 'gridauth_process_resident_memory_bytes') ?? 0) > 10e6)
  checkHistogram(families.get('gridauth_commit_latency_seconds')!)
  assert.equal((await fetch(s.metrics!.replace('/metrics', '/other'))).status, 404)
  await n.stop()
})
