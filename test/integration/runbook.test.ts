// bootstrap/README.md, word for word: its sh blocks, in order, stand up a 4-validator network
// with an introducer, enroll and join three terminals, and inspect them with every CLI command.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { tempDir } from '../../src/mesh/processes.js'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

export function runbookScript(): string {
  const md = readFileSync(join(repo, 'bootstrap/README.md'), 'utf8')
  const blocks = [...md.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1])
  return blocks.join('\n')
}

test('the operator runbook runs as written', () => {
  const net = tempDir('gridauth-runbook-')
  const script = runbookScript()
  const r = spawnSync('bash', ['-c', script], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 8 * 60_000,
    env: { ...process.env, NET: net, PATH: `${join(repo, 'node_modules/.bin')}:${process.env.PATH ?? ''}` }
  })
  try {
    assert.equal(r.status, 0, `runbook failed (${r.status}):\n${r.stderr.slice(-3000)}\n${r.stdout.slice(-3000)}`)
    const out = r.stdout
    assert.match(out, /operator public key:\s+[0-9a-f]{64}/)
    assert.match(out, /genesis of network grid-east with 4 validators/)
    assert.equal((out.match(/^registered:\s+yes/gm) ?? []).length, 3, 'three terminals registered')
    assert.match(out, /^access:\s+granted/m)
    assert.match(out, /^result:\s+accepted/m)
    assert.match(out, /^PEER ID\s+ADDRESS\s+DIR\s+RTT/m) // peers
    assert.match(out, /^HEIGHT\s+HASH\s+VIEW\s+TXS/m) // chain
    assert.match(out, /^TERMINAL\s+BLOCK\s+HEIGHT\s+CHAIN LEFT/m) // view
    assert.match(out, /^HEIGHT\s+TIME\s+TYPE\s+RESULT/m) // audit
    assert.match(out, /^gridauth_chain_height \d+/m) // metrics
    assert.match(out, /revoked at height \d+/)
  } finally {
    rmSync(net, { recursive: true, force: true })
  }
})
