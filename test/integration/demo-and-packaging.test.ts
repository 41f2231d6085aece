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

test('docker-compose.yml: a local mesh from the Dockerfile image, with flags, paths and addresses the CLI and the image agree on', async () => {
  const { parse } = await import('yaml')
  const { buildCli } = await import('../../src/cli/main.js')
  const compose = parse(readFileSync(`${repo}/docker-compose.yml`, 'utf8'), { merge: true }) as { // compose applies YAML merge keys
    services: Record<string, { build?: string, image?: string, entrypoint?: string[], command?: string[], environment?: Record<string, string>, volumes?: string[], networks?: Record<string, { ipv4_address: string }>, depends_on?: Record<string, { condition: string }>, user?: string }>
    volumes: Record<string, unknown>
    networks: Record<string, { ipam: { config: Array<{ subnet: string }> } }>
  }
  const docker = readFileSync(`${repo}/Dockerfile`, 'utf8')
  const setup = readFileSync(`${repo}/bootstrap/compose-setup.sh`, 'utf8')
  const cli = buildCli()
  const start = cli.commands.find((c) => c.name() === 'start')!
  const startFlags = new Set(start.options.flatMap((o) => [o.long, o.short]).filter((f): f is string => f !== undefined))

  // The image: built from this Dockerfile; the set-up script is inside it where compose runs it.
  const workdir = docker.match(/^WORKDIR (\S+)$/gm)!.at(-1)!.slice('WORKDIR '.length)
  assert.match(docker, /^COPY bootstrap \.\/bootstrap$/m)
  assert.equal(compose.services.setup.entrypoint?.join(' '), `/bin/sh ${workdir}/bootstrap/compose-setup.sh`)
  assert.equal(compose.services.setup.user, docker.match(/^USER (\S+)$/m)![1])
  assert.match(docker, /mkdir -p [^\n]*\/net[^\n]*&& chown gridauth:gridauth [^\n]*\/net/, 'the image owns /net so the named volume is writable')
  assert.match(docker, /^ENV .*PATH=\/opt\/gridauth\/bin:\$PATH/m, '`docker compose exec <node> gridauth ...` finds the CLI')
  assert.match(setup, /^GA=\/opt\/gridauth\/bin\/gridauth$/m)
  assert.ok(spawnSync('sh', ['-n', `${repo}/bootstrap/compose-setup.sh`]).status === 0, 'set-up script parses')

  const nodes = Object.entries(compose.services).filter(([name]) => name !== 'setup')
  assert.deepEqual(nodes.map(([n]) => n), ['introducer', 'validator-1', 'validator-2', 'validator-3', 'validator-4', 'terminal-1', 'terminal-2', 'terminal-3'])
  const subnet = compose.networks.gridauth.ipam.config[0].subnet
  const prefix = setup.match(/^SUBNET=(\S+)/m)![1]
  assert.equal(subnet, `${prefix}.0/24`, 'the set-up script writes addresses in the compose network')
  const expose = docker.match(/^EXPOSE (\d+)$/m)![1]
  for (const [name, svc] of nodes) {
    for (const s of [svc, compose.services.setup]) {
      assert.equal(s.build, '.', `${name} builds the Dockerfile`)
      assert.equal(s.image, 'gridauth')
    }
    assert.deepEqual(svc.volumes, ['net:/net'])
    assert.equal(svc.depends_on?.setup.condition, 'service_completed_successfully')
    // The image's entrypoint is the CLI: the command is `start` with flags `start` really has.
    assert.equal(svc.command?.[0], 'start')
    for (const a of svc.command!.slice(1).filter((x) => x.startsWith('-'))) assert.ok(startFlags.has(a), `${name}: gridauth start has no ${a}`)
    // Its data directory and config file are the ones the set-up script creates.
    assert.equal(svc.environment?.GRIDAUTH_DATA, `/net/${name}`)
    assert.equal(svc.environment?.GRIDAUTH_CONFIG, `/net/${name}.yaml`)
    const ip = svc.networks!.gridauth.ipv4_address
    const role = name.split('-')[0]
    const expected = role === 'introducer' ? `${prefix}.10` : `${prefix}.${role === 'validator' ? 1 : 2}${name.split('-')[1]}`
    assert.equal(ip, expected, `${name}'s address matches the genesis/enrollment the set-up script writes`)
    if (role === 'terminal') assert.deepEqual(svc.command, ['start', '--enrollment', `/net/${name}.enrollment.json`])
  }
  // The set-up script's config files listen on the exposed port with keys the config loader knows.
  assert.match(setup, new RegExp(`listen:\\\\n  - /ip4/0\\.0\\.0\\.0/tcp/${expose}\\\\n`))
  assert.match(setup, new RegExp(`/tcp/${expose}/p2p/`))
  const { loadConfig } = await import('../../src/node/config.js')
  const sample = `genesis: /net/genesis.json\nrole: validator\nlisten:\n  - /ip4/0.0.0.0/tcp/${expose}\nbootstrap:\n  - /ip4/${prefix}.10/tcp/${expose}/p2p/12D3KooWQYhTNQdmr3ArTeUHRYzFg94BKyTkoWBDWez9kSCVe2Xo\n`
  assert.ok(setup.includes("printf 'genesis: %s\\nrole: %s\\nlisten:\\n  - /ip4/0.0.0.0/tcp/4001\\nbootstrap:\\n  - %s\\n'"), 'the sample below is what the script writes')
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs')
  const dir = mkdtempSync(`${(await import('node:os')).tmpdir()}/gridauth-compose-`)
  try {
    writeFileSync(`${dir}/validator-1.yaml`, sample)
    const c = loadConfig({ file: `${dir}/validator-1.yaml`, env: { GRIDAUTH_DATA: '/net/validator-1' }, set: [], flags: {} })
    assert.equal(c.role, 'validator')
    assert.equal(c.dataDir, '/net/validator-1')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  // Every gridauth command in the set-up script exists, with options it accepts.
  const script = setup.replace(/\\\n/g, ' ').split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n')
  const inner = [...script.matchAll(/\$\(\$GA ([^)]*)\)/g)].map((m) => m[1])
  const outer = [...script.replace(/\$\(\$GA [^)]*\)/g, 'X').matchAll(/\$GA ([^;>\n]*)/g)].map((m) => m[1])
  assert.ok(inner.length >= 3 && outer.length >= 6, 'found the gridauth calls')
  for (const call of [...inner, ...outer]) {
    const words = call.trim().split(/\s+/)
    const sub = words.filter((w, i) => !w.startsWith('-') && !(words[i - 1] ?? '').startsWith('--data'))[0]
    const cmd = cli.commands.find((c) => c.name() === sub)
    assert.ok(cmd !== undefined, `unknown command in compose-setup.sh: ${sub} (${call})`)
    const flags = new Set([...cmd.options, ...cli.options].flatMap((o) => [o.long, o.short]))
    for (const w of words.filter((x) => /^--?[a-z]/.test(x))) assert.ok(flags.has(w), `gridauth ${sub} has no ${w}`)
  }
})
