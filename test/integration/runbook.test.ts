// bootstrap/README.md, word for word: its sh blocks, in order, stand up a 4-validator network
// with an introducer, enroll and join three terminals, and inspect them with every CLI command.
// The ports come from GRIDAUTH_PORT_BASE (documented in the runbook), chosen free here; nodes
// left by an earlier run of this test (same checkout) are found by their data directory and
// killed before and after.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, rmSync, mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const repo = fileURLToPath(new URL('../../../', import.meta.url))
/** This checkout's own runbook directory: the same on every run, so leftovers can be found by it. */
const NET = join(tmpdir(), `gridauth-runbook-${createHash('sha256').update(repo).digest('hex').slice(0, 12)}`)

export function runbookScript(): string {
  const md = readFileSync(join(repo, 'bootstrap/README.md'), 'utf8')
  const blocks = [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1])
  return blocks.join('\n')
}

/** Kills every process of this user whose command line names a path under `dir`. */
function killUnder(dir: string): number {
  let killed = 0
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (args.some((a) => a === dir || a.startsWith(dir + '/'))) {
        process.kill(Number(pid), 'SIGKILL')
        killed++
      }
    } catch { /* gone, or not ours */ }
  }
  return killed
}

async function portFree(port: number): Promise<boolean> {
  const srv = createServer()
  return await new Promise<boolean>((resolve) => {
    srv.once('error', () => resolve(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)))
  })
}

/** A base P with P+1..P+24 free on loopback (the runbook uses P+1..P+4, P+11..P+13, P+21..P+24). */
async function freePortBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + 100 * Math.floor(Math.random() * 400)
    let ok = true
    for (let i = 1; i <= 24 && ok; i++) ok = await portFree(base + i)
    if (ok) return base
  }
  throw new Error('no free block of 24 ports')
}

test('the operator runbook runs as written', async (t) => {
  killUnder(NET)
  rmSync(NET, { recursive: true, force: true })
  mkdirSync(NET, { recursive: true })
  const base = await freePortBase()
  const child = spawn('bash', ['-c', runbookScript()], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NET, GRIDAUTH_PORT_BASE: String(base), PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH ?? ''}` }
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d })
  const timer = setTimeout(() => { child.kill('SIGKILL'); killUnder(NET) }, 10 * 60_000) // generous: a loaded 2-core box took 4 min
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  clearTimeout(timer)
  try {
    assert.equal(code, 0, `runbook failed (${code}):\n${err.slice(-3000)}\n${out.slice(-3000)}`)
    assert.match(out, /operator public key:\s+[0-9a-f]{64}/)
    assert.match(out, /genesis of network grid-east with 4 validators/)
    assert.match(out, /^this validator:\s+0/m) // validators
    assert.equal((out.match(/^registered:\s+yes/gm) ?? []).length, 3, 'three terminals registered')
    assert.match(out, /^access:\s+granted/m)
    assert.match(out, /^result:\s+accepted/m)
    assert.match(out, /^peer id:\s+12D3KooW/m) // status
    t.diagnostic(`terminal-1 RSS after register/access/auth (bin/gridauth V8 flags): ${/^memory \(RSS\):\s+(\S+ MB)/m.exec(out)?.[1] ?? '?'}`)
    assert.match(out, /^PEER ID\s+ADDRESS\s+DIR\s+RTT/m) // peers
    assert.match(out, /^chain values left:\s+\d+/m) // identity
    assert.match(out, /^HEIGHT\s+HASH\s+VIEW\s+TXS/m) // chain
    assert.match(out, /^TERMINAL\s+BLOCK\s+HEIGHT\s+CHAIN LEFT/m) // view
    assert.match(out, /^source:\s+(fetched from 12D3KooW|stored here)/m) // block
    assert.match(out, /^LEVEL\s+LEFT\s+RIGHT/m) // skipgraph
    assert.match(out, /^hops:\s+\d+/m) // search
    assert.match(out, /^HEIGHT\s+TIME\s+TYPE\s+RESULT/m) // audit
    assert.match(out, /^gridauth_chain_height \d+/m) // metrics
    assert.match(out, /revoked at height \d+/)
    assert.equal((out.match(/^stopping$/gm) ?? []).length, 7, 'every node stopped')
  } finally {
    killUnder(NET)
    rmSync(NET, { recursive: true, force: true })
  }
})
