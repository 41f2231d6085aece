// Every CLI command against ONE running mesh (4 validators, 2 terminals, separate processes):
// its --json shape, its human output, and its error paths: no node running (exit 2), a bad
// argument (exit 1), an unknown terminal, block or peer (exit 3). Progress: a spinner on a
// terminal (checked under a pseudo-terminal with `script`), nothing when piped or with --json.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Network } from '../../src/mesh/network.js'
import { CLI, gridauth, tempDir, waitFor, type RunResult } from '../helpers/cli.js'

// ---------------------------------------------------------------- JSON shapes
type Shape = 'string' | 'number' | 'boolean' | 'null' | 'any' | Shape[] | { [k: string]: Shape } | { oneOf: Shape[] }

function checkShape(v: unknown, s: Shape, path = '$'): void {
  if (s === 'any') return
  if (typeof s === 'string') {
    const t = v === null ? 'null' : typeof v
    assert.equal(t, s, `${path} is ${t}, expected ${s}: ${JSON.stringify(v)}`)
    return
  }
  if (Array.isArray(s)) {
    assert.ok(Array.isArray(v), `${path} is not an array`)
    for (const [i, x] of v.entries()) checkShape(x, s[0], `${path}[${i}]`)
    return
  }
  if ('oneOf' in s && Array.isArray(s.oneOf)) {
    const errs: string[] = []
    for (const alt of s.oneOf) {
      try { checkShape(v, alt, path); return } catch (err) { errs.push((err as Error).message) }
    }
    assert.fail(errs.join('; '))
  }
  assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `${path} is not an object`)
  for (const [k, sub] of Object.entries(s as Record<string, Shape>)) {
    assert.ok(k in (v as object), `${path}.${k} missing in ${JSON.stringify(v).slice(0, 300)}`)
    checkShape((v as Record<string, unknown>)[k], sub, `${path}.${k}`)
  }
}

const hex64 = /^[0-9a-f]{64}$/
const orNull = (s: Shape): Shape => ({ oneOf: [s, 'null'] })

// ---------------------------------------------------------------- the mesh
let net: Network
const root = tempDir('gridauth-cli-')
const nowhere = join(root, 'no-node-here')
let v0: string
let v1: string
let t0: { dir: string, terminalId: string, addr: string, peerId: string }
let t1: { dir: string, terminalId: string, addr: string, peerId: string }
let headHash = ''

before(async () => {
  net = await Network.create({ validators: 4, terminals: 2, root: join(root, 'net'), hashChainLength: 50, networkId: 'cli-test' })
  v0 = net.validators[0].dataDir
  v1 = net.validators[1].dataDir
  const [a, b] = net.terminals
  t0 = { dir: a.dir, terminalId: a.terminalId, addr: a.node.addr, peerId: a.peerId }
  t1 = { dir: b.dir, terminalId: b.terminalId, addr: b.node.addr, peerId: b.peerId }
})

after(async () => {
  await net?.kill()
  rmSync(root, { recursive: true, force: true })
})

/** Runs independent CLI calls a few at a time (2 cores). */
async function inBatches(argsList: string[][], n = 4): Promise<RunResult[]> {
  const out: RunResult[] = []
  for (let i = 0; i < argsList.length; i += n) out.push(...await Promise.all(argsList.slice(i, i + n).map(async (a) => await run(a))))
  return out
}

const run = async (args: string[]): Promise<RunResult> => await gridauth(args, { timeoutMs: 150_000 })
async function json<T = unknown>(args: string[]): Promise<{ value: T, r: RunResult }> {
  const r = await run(['--json', ...args])
  assert.equal(r.code, 0, `gridauth --json ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
  assert.equal(r.stderr, '', 'nothing on stderr with --json (no progress when piped)')
  return { value: JSON.parse(r.stdout) as T, r }
}

/** Runs the CLI under a pseudo-terminal (util-linux `script`): stdout and stderr are a TTY. */
async function onTty(args: string[]): Promise<RunResult> {
  const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('script', ['-q', '-e', '-c', cmd, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TERM: 'dumb' } })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { code, stdout, stderr }
}

// ---------------------------------------------------------------- flows, with progress
test('register, access and auth: a spinner on a terminal, silence when piped or with --json', async () => {
  // Piped, human output: no progress at all on stderr.
  const piped = await run(['--data', t0.dir, 'register'])
  assert.equal(piped.code, 0, piped.stderr)
  assert.equal(piped.stderr, '')
  assert.match(piped.stdout, /^registered:\s+yes/m)
  assert.doesNotMatch(piped.stdout, /\r|waiting for the validators/)

  // On a pseudo-terminal: the spinner line, erased before the result.
  const tty = await onTty(['--data', t1.dir, 'register'])
  assert.equal(tty.code, 0, tty.stdout)
  assert.match(tty.stdout, /\r[|/\\-] registering: waiting for the validators to agree \(\d+\.\d s\)/)
  assert.match(tty.stdout, /\r\x1b\[K(\r\n)?registered:\s+yes/)

  const again = await json<Record<string, unknown>>(['--data', t0.dir, 'register']) // safe to retry
  checkShape(again.value, { registered: 'boolean', terminal: 'string', height: 'number', certificate: orNull({ hash: 'string', notBefore: 'number', notAfter: 'number' }), latencyMs: 'number' })
  assert.equal(again.value.registered, true)
  assert.equal(again.value.terminal, t0.terminalId)

  const access = await json<Record<string, unknown>>(['--data', t0.dir, 'access', '--resource', 'feeder-1'])
  checkShape(access.value, { granted: 'boolean', height: 'number', latencyMs: 'number' })
  assert.equal(access.value.granted, true)
  const human = await run(['--data', t1.dir, 'access', '--resource', 'feeder-2'])
  assert.match(human.stdout, /^access:\s+granted/m)

  const auth = await json<Record<string, unknown>>(['--data', t0.dir, 'auth', t1.addr, '--mutual'])
  checkShape(auth.value, { accepted: 'boolean', reason: 'number', reasonName: 'string', detail: 'string', latencyMs: 'number', peerTerminal: 'string' })
  assert.equal(auth.value.accepted, true)
  assert.equal(auth.value.peerTerminal, t1.terminalId)
  const byId = await run(['--data', t1.dir, 'auth', t0.peerId]) // connected now: the peer id is enough
  assert.match(byId.stdout, /^result:\s+accepted/m)

  // The records reach the chain; the validators' view then lists both terminals.
  await waitFor('both terminals in the view', async () => (await json<unknown[]>(['--data', v0, 'view'])).value.length === 2, 30_000, 500)
  headHash = (await json<{ headHash: string }>(['--data', v0, 'chain', '-n', '1'])).value.headHash
})

// ---------------------------------------------------------------- every inspection command
interface Case { name: string, args: () => string[], shape: Shape, human: RegExp, check?: (v: any) => void }

const cases: Case[] = [
  { name: 'status', args: () => ['--data', t0.dir, 'status'], human: /^peer id:\s+12D3KooW.*\n[\s\S]*^memory \(RSS\):\s+[\d.]+ MB/m,
    shape: { peerId: 'string', version: 'string', listen: ['string'], uptimeSeconds: 'number', connections: 'number', dataDir: 'string', pid: 'number', arch: 'string', node: 'string', rssBytes: 'number', metrics: orNull('string') } },
  { name: 'peers', args: () => ['--data', v0, 'peers'], human: /^PEER ID\s+ADDRESS\s+DIR\s+RTT\s+AGENT\s+PROTOCOLS/,
    shape: [{ peerId: 'string', address: 'string', direction: 'string', rttMs: orNull('number'), agent: orNull('string'), protocols: ['string'] }],
    check: (v: Array<{ peerId: string }>) => assert.ok(v.length >= 3, 'the introducer sees the other validators') },
  { name: 'validators', args: () => ['--data', v1, 'validators'], human: /^this validator:\s+1\n[\s\S]*^#\s+PEER ID\s+ADDRESS\s+ROLE\s+CONNECTED/m,
    shape: { validator: 'boolean', self: 'number', view: 'number', primary: orNull('number'), height: 'number', validators: [{ index: 'number', publicKey: 'string', address: 'string' }] },
    check: (v: { validators: unknown[] }) => assert.equal(v.validators.length, 4) },
  { name: 'validators (on a terminal)', args: () => ['--data', t0.dir, 'validators'], human: /^this validator:\s+no[\s\S]*^committed height:\s+\d+[\s\S]*^#\s+PEER ID\s+ADDRESS\s+ROLE\s+CONNECTED/m,
    shape: { validator: 'boolean', height: 'number', view: 'number', lastProposer: orNull('number'), lastCommitTime: orNull('string'), validators: [{ index: 'number', peerId: 'string', address: 'string', connected: 'boolean' }] },
    check: (v: { validator: boolean, validators: Array<{ connected: boolean }> }) => { assert.equal(v.validator, false); assert.equal(v.validators.length, 4); assert.ok(v.validators.some((x) => x.connected)) } },
  { name: 'chain', args: () => ['--data', v0, 'chain', '-n', '3'], human: /^network cli-test, height \d+, head [0-9a-f]{64}\n\nHEIGHT\s+HASH\s+VIEW\s+TXS\s+TIME\s+PROPOSER/,
    shape: { networkId: 'string', height: 'number', headHash: 'string', headers: [{ height: 'number', hash: 'string', view: 'number', txCount: 'number', timestamp: 'number', proposer: 'string' }] },
    check: (v: { headers: unknown[], headHash: string }) => { assert.equal(v.headers.length, 3); assert.match(v.headHash, hex64) } },
  { name: 'chain (on a terminal)', args: () => ['--data', t1.dir, 'chain', '-n', '2'], human: /^network cli-test, height \d+/,
    shape: { networkId: 'string', height: 'number', headHash: 'string', headers: ['any'] } },
  { name: 'view', args: () => ['--data', v0, 'view'], human: /^TERMINAL\s+BLOCK\s+HEIGHT\s+CHAIN LEFT\s+LATEST IDENTITY HASH\s+REVOKED/,
    shape: [{ terminal: 'string', headerHash: 'string', height: 'number', chainHeight: 'number', latestIdentityHash: 'string', revoked: 'boolean' }] },
  { name: 'view <terminal>', args: () => ['--data', v1, 'view', t0.terminalId], human: /^TERMINAL[\s\S]*[0-9a-f]{64}/,
    shape: [{ terminal: 'string', height: 'number', revoked: 'boolean' }], check: (v: Array<{ terminal: string }>) => assert.deepEqual(v.map((x) => x.terminal), [t0.terminalId]) },
  { name: 'audit', args: () => ['--data', v1, 'audit', t0.terminalId], human: /^HEIGHT\s+TIME\s+TYPE\s+RESULT\s+DETAIL\n[\s\S]*registration/,
    shape: [{ height: 'number', time: 'number', type: 'string', code: 'number', result: 'string', detail: 'any' }],
    check: (v: Array<{ type: string }>) => { for (const t of ['registration', 'access', 'auth-record']) assert.ok(v.some((e) => e.type === t), `audit has ${t}`) } },
  { name: 'identity', args: () => ['--data', t0.dir, 'identity'], human: /^terminal:\s+[0-9a-f]{64}\n[\s\S]*^chain values left:\s+\d+/m,
    shape: { enrolled: 'boolean', terminal: 'string', serial: 'string', chainRemaining: 'number', chainLength: 'number', chainGeneration: 'number' } },
  { name: 'identity (on a validator)', args: () => ['--data', v0, 'identity'], human: /^not enrolled/, shape: { enrolled: 'boolean' } },
  { name: 'skipgraph', args: () => ['--data', t1.dir, 'skipgraph'], human: /^peer id:\s+12D3KooW[\s\S]*^LEVEL\s+LEFT\s+RIGHT/m,
    shape: { peerId: 'string', key: 'string', membershipVector: 'string', state: 'string', k: 'number', r: 'number', levels: [{ level: 'number', left: [{ id: 'string', key: 'string' }], right: [{ id: 'string', key: 'string' }] }], blocks: [{ hash: 'string' }] } },
  { name: 'search', args: () => ['--data', t1.dir, 'search', t0.terminalId], human: /^responsible:\s+12D3KooW[\s\S]*^hops:\s+\d+/m,
    shape: { node: { id: 'string', key: 'string' }, hops: 'number', ms: 'number' } },
  { name: 'block <hash>', args: () => ['--data', t1.dir, 'block', headHash], human: /^hash:\s+[0-9a-f]{64}\nsource:\s+(stored here|fetched from 12D3KooW)[\s\S]*^networkId:\s+cli-test/m,
    shape: { hash: 'string', source: 'string', from: 'string', size: 'number', header: { height: 'number', networkId: 'string', txs: 'number' } },
    check: (v: { hash: string }) => assert.equal(v.hash, headHash) },
  { name: 'block <height>', args: () => ['--data', v0, 'block', '1'], human: /^hash:[\s\S]*^height:\s+1$/m,
    shape: { hash: 'string', header: { height: 'number' } }, check: (v: { header: { height: number } }) => assert.equal(v.header.height, 1) },
  { name: 'id', args: () => ['--data', t0.dir, 'id'], human: /^12D3KooW\w+\n$/, shape: { peerId: 'string' }, check: (v: { peerId: string }) => assert.equal(v.peerId, t0.peerId) }
]

// Independent read-only commands: a few at a time (each CLI run is mostly Node start-up).
test('inspection commands: --json shape and human output', { concurrency: 3 }, async (t) => {
  await Promise.all(cases.map(async (c) => await t.test(c.name, async () => {
    const { value } = await json(c.args())
    checkShape(value, c.shape)
    c.check?.(value)
    const h = await run(c.args())
    assert.equal(h.code, 0, h.stderr)
    assert.equal(h.stderr, '', 'piped: no progress on stderr')
    assert.match(h.stdout, c.human)
  })))
})

test('block --raw and block-publish: the fetched bytes publish back to the replicas', async () => {
  const file = join(root, 'head.block')
  await json(['--data', t1.dir, 'block', headHash, '--raw', file])
  const { value } = await json<{ hash: string, replicas: Array<{ id: string, stored: boolean }> }>(['--data', t0.dir, 'block-publish', file])
  checkShape(value, { hash: 'string', replicas: [{ id: 'string', stored: 'boolean' }] })
  assert.equal(value.hash, headHash)
  assert.ok(value.replicas.some((x) => x.stored), 'stored by at least one replica')
  const human = await run(['--data', t0.dir, 'block-publish', file])
  assert.match(human.stdout, /^block [0-9a-f]{64} published to \d+\/\d+ replicas\nREPLICA\s+STORED/)
})

test('offline tools: init, keygen, genesis and enroll --json shapes', async () => {
  const dir = join(root, 'offline')
  const init = await json<Record<string, unknown>>(['--data', join(dir, 'node'), 'init'])
  checkShape(init.value, { peerId: 'string', dataDir: 'string', keyFile: 'string' })
  const key = await json<Record<string, unknown>>(['keygen', '--out', join(dir, 'op.key')])
  checkShape(key.value, { publicKey: 'string', file: 'string' })
  assert.match(String(key.value.publicKey), hex64)
  const g = await json<Record<string, unknown>>(['genesis', '--operator-key', join(dir, 'op.key'), '--network-id', 'offline', '--validator', `/ip4/127.0.0.1/tcp/1/p2p/${String(init.value.peerId)}`, '--out', join(dir, 'genesis.json')])
  checkShape(g.value, { networkId: 'string', validators: ['any'] })
  const e = await json<Record<string, unknown>>(['enroll', '--operator-key', join(dir, 'op.key'), '--genesis', join(dir, 'genesis.json'), '--peer-id', String(init.value.peerId),
    '--address', '/ip4/127.0.0.1/tcp/2', '--device-type', 'FTU', '--vendor', 'v', '--serial', 'S-1', '--out', join(dir, 'e.json')])
  checkShape(e.value, { terminalId: 'string' })
  assert.match(String(e.value.terminalId), hex64)
})

// ---------------------------------------------------------------- error paths
const unknownTerminal = randomBytes(32).toString('hex')
const unknownBlock = randomBytes(32).toString('hex')
const opArgs = (): string[] => ['--operator-key', net.operatorKey, '--genesis', net.genesis]

/** Every command that talks to a node, with valid arguments: run against a directory with no node. */
const nodeCommands = (): string[][] => [
  ['status'], ['stop'], ['peers'], ['validators'], ['chain'], ['view'], ['view', unknownTerminal], ['audit', unknownTerminal], ['identity'],
  ['register'], ['access'], ['auth', '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'], ['revoke', unknownTerminal, ...opArgs()],
  ['skipgraph'], ['search', 'ab'], ['block', unknownBlock], ['block', '1'], ['block-publish', net.genesis]
]

test('no node running: every node command exits 2 with one line naming the data directory', async () => {
  const cmds = nodeCommands()
  const results = await inBatches(cmds.map((c) => ['--data', nowhere, ...c]))
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${cmds[i].join(' ')}: ${r.stderr}`)
    assert.match(r.stderr, /^gridauth: no gridauth node is running with data directory .*no-node-here/)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.equal(r.stdout, '')
  })
})

const badArgs = (): Array<[string, string[], RegExp]> => [
  ['chain -n 0', ['--data', v0, 'chain', '-n', '0'], /'0' must be at least 1/],
  ['chain -n x', ['--data', v0, 'chain', '-n', 'x'], /'x' is not a non-negative integer/],
  ['view <not hex>', ['--data', v0, 'view', 'zz'], /'zz' is not a terminal id/],
  ['audit <not hex>', ['--data', v0, 'audit', 'zz'], /'zz' is not a terminal id/],
  ['audit (missing)', ['--data', v0, 'audit'], /missing required argument 'terminal'/],
  ['revoke <not hex>', ['--data', v0, 'revoke', 'zz', ...opArgs()], /'zz' is not a terminal id/],
  ['revoke (no operator key)', ['--data', v0, 'revoke', unknownTerminal], /required option '--operator-key <file>' not specified/],
  ['block <bad>', ['--data', v0, 'block', 'xyz'], /invalid block 'xyz'/],
  ['search <bad>', ['--data', v0, 'search', 'not-hex'], /invalid key 'not-hex'/],
  ['auth <bad peer>', ['--data', t0.dir, 'auth', 'nonsense'], /'nonsense' is not a peer id or multiaddr/],
  ['auth (missing)', ['--data', t0.dir, 'auth'], /missing required argument 'peer'/],
  ['block-publish <missing file>', ['--data', t0.dir, 'block-publish', join(root, 'none.bin')], /cannot read .*none\.bin/],
  ['block-publish <not a block>', ['--data', t0.dir, 'block-publish', net.genesis], /.+/],
  ['register (on a validator)', ['--data', v0, 'register'], /no enrollment/],
  ['audit (on a terminal)', ['--data', t0.dir, 'audit', unknownTerminal], /this node does not serve `audit`/],
  ['unknown command', ['--data', v0, 'frobnicate'], /unknown command 'frobnicate'/],
  ['genesis --redundancy x', ['genesis', '--operator-key', net.operatorKey, '--network-id', 'x', '--validator', '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo', '--redundancy', 'x', '--out', join(root, 'g.json')], /'x' is not a non-negative integer/],
  ['enroll --peer-id bad', ['enroll', '--operator-key', net.operatorKey, '--genesis', net.genesis, '--peer-id', 'bad', '--address', '/ip4/127.0.0.1/tcp/1', '--device-type', 'DTU', '--vendor', 'v', '--serial', 's', '--out', join(root, 'e.json')], /peer/i],
  ['keygen (exists)', ['keygen', '--out', net.operatorKey], /exists/],
  ['init (exists)', ['--data', t0.dir, 'init'], /identity already exists/]
]

test('bad arguments: exit 1 with one clear line, no stack trace', async () => {
  const all = badArgs()
  const results = await inBatches(all.map(([, args]) => args))
  for (const [i, [name, , pattern]] of all.entries()) {
    const r = results[i]
    assert.equal(r.code, 1, `${name}: exit ${r.code}: ${r.stderr}`)
    assert.match(r.stderr, pattern, name)
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${name}: no stack trace`)
  }
})

test('unknown terminal, block or peer: exit 3', async () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['view', ['--data', v0, 'view', unknownTerminal], /no terminal [0-9a-f]{64} on the chain/],
    ['audit', ['--data', v1, 'audit', unknownTerminal], /no terminal [0-9a-f]{64} on the chain/],
    ['revoke', ['--data', v0, 'revoke', unknownTerminal, ...opArgs()], /no terminal [0-9a-f]{64} on the chain/],
    ['block <hash>', ['--data', t0.dir, 'block', unknownBlock], /not found/],
    ['block <height>', ['--data', v0, 'block', '999999'], /no block at height 999999/],
    ['auth <peer not in the network>', ['--data', t0.dir, 'auth', '12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo'], /did not answer/]
  ]
  const results = await inBatches(cases.map(([, args]) => args))
  for (const [i, [name, , pattern]] of cases.entries()) {
    const r = results[i]
    assert.equal(r.code, 3, `${name}: exit ${r.code}: ${r.stderr}`)
    assert.match(r.stderr, pattern, name)
  }
})

// ---------------------------------------------------------------- operator actions, last
test('revoke: --json shape; the terminal is refused afterwards (exit 4); stop ends a node', async () => {
  const { value } = await json<{ code: number, reason: string, height: number }>(['--data', v0, 'revoke', t1.terminalId, ...opArgs(), '--reason', 'test'])
  checkShape(value, { code: 'number', reason: 'string', height: 'number' })
  assert.equal(value.code, 0)
  const refused = await run(['--data', t1.dir, 'access', '--resource', 'x'])
  assert.equal(refused.code, 4, refused.stderr)
  assert.match(refused.stdout, /^access:\s+denied/m)
  const again = await run(['--data', v0, 'revoke', t1.terminalId, ...opArgs()])
  assert.equal(again.code, 4)
  assert.match(again.stdout, /^revocation refused: /)

  const stop = await json<{ stopping: boolean }>(['--data', t1.dir, 'stop'])
  assert.deepEqual(stop.value, { stopping: true })
  const proc = net.terminals[1].node.proc
  const code = await waitFor('the node to exit', () => proc.exitCode ?? undefined, 30_000)
  assert.equal(code, 0, 'the node exits cleanly')
  const gone = await run(['--data', t1.dir, 'status'])
  assert.equal(gone.code, 2)
})
