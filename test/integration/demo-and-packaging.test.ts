// `npm start`'s demo mesh runs to completion when not on a terminal, and the Dockerfile passes
// a real Dockerfile linter and builds with the same commands as README.md.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const repo = fileURLToPath(new URL('../../../', import.meta.url))

test('npm start: validators and terminals through registration, access, peer authentication, audit', () => {
  const r = spawnSync(process.execPath, ['dist/src/demo/main.js', '--once'], { cwd: repo, encoding: 'utf8', timeout: 300_000 })
  assert.equal(r.status, 0, r.stderr)
  assert.equal((r.stdout.match(/^   validator \d  12D3KooW/gm) ?? []).length, 4)
  assert.equal((r.stdout.match(/: registered in block \d+/g) ?? []).length, 3)
  assert.equal((r.stdout.match(/: granted in block \d+/g) ?? []).length, 3)
  assert.equal((r.stdout.match(/<-> terminal-\d: accepted/g) ?? []).length, 5)
  assert.match(r.stdout, /^HEIGHT\s+TIME\s+TYPE\s+RESULT/m)
  assert.match(r.stdout, /\d+ entries: \d+ authentication records/)
  assert.match(r.stdout, /bin\/gridauth --data \S+ validators/)
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
