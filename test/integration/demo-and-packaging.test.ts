// `npm start`'s demo mesh runs to completion when not on a terminal, and the Dockerfile passes
// a real Dockerfile linter and builds with the same commands as README.md.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

test('demo mesh: introducer and three nodes join, peers printed', () => {
  const r = spawnSync(process.execPath, ['dist/src/demo/main.js', '--once'], { cwd: repo, encoding: 'utf8', timeout: 90_000 })
  assert.equal(r.status, 0, r.stderr)
  assert.match(r.stdout, /1\. introducer started\s+12D3KooW/)
  assert.match(r.stdout, /the introducer sees 3 peers/)
  // Three inbound peers in the table (an RTT column of '-' only means a ping timed out under load).
  assert.equal((r.stdout.match(/^12D3KooW\S+\s+\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/\S+\s+in\s+([\d.]+ ms|-)/gm) ?? []).length, 3)
  assert.match(r.stdout, /bin\/gridauth --data \S+ status/)
})

test('Dockerfile lints clean and builds with the README commands', () => {
  const lint = spawnSync(process.execPath, ['node_modules/dockerfilelint/bin/dockerfilelint', '--json', 'Dockerfile'], { cwd: repo, encoding: 'utf8' })
  const report = JSON.parse(lint.stdout) as { totalIssues: number, files: Array<{ issues: unknown[] }> }
  assert.equal(report.totalIssues, 0, JSON.stringify(report.files[0]?.issues))
  const docker = readFileSync(`${repo}/Dockerfile`, 'utf8')
  const readme = readFileSync(`${repo}/README.md`, 'utf8')
  assert.ok(readme.includes('npm ci && npm test'), 'README test command')
  assert.match(docker, /RUN npm ci\n/)
  assert.match(docker, /RUN npm run build/)
  assert.match(docker, /^USER gridauth$/m)
  assert.match(docker, /^HEALTHCHECK .*gridauth", "status"/m)
  assert.match(docker, /^VOLUME \["\/data"\]$/m)
})
