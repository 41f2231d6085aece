// npm run testbed [-- --scenario a,b|path.yaml] [--hosts N] [--repeat N] [--seed S] [--keep] [--no-write]
// Runs testbed scenarios (testbed/scenarios/*.yaml; default: the CI set) in network namespaces
// joined by the link emulator, one after the other, and writes bench/testbed/<set>.json and .md.
// --session runs them all on one set of hosts (as CI does). --hosts N scales every scenario to N hosts (more terminals). Exit code 1 if any run did not end
// with the verdict its scenario expects.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { cpus, totalmem } from 'node:os'
import { loadScenario, scaled } from './scenario.js'
import { runScenario, runSession, type RunResult } from './runner.js'

export const REPO = fileURLToPath(new URL('../../../', import.meta.url))
export const SCENARIOS = join(REPO, 'testbed', 'scenarios')
/** The scenarios CI runs (test/testbed/*.test.ts), in this order. */
export const CI_SCENARIOS = ['primary-killed', 'validator-partition', 'frozen-storage', 'lossy-links']

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}

export function markdown(results: RunResult[], command: string): string {
  const f = (x: number): string => (x < 0 ? '-' : (x / 1000).toFixed(1))
  const lines = [
    '## Testbed: gridauth hosts in network namespaces, links through the userspace emulator', '',
    `\`${command}\` on ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}; shared, loaded machine: timings are upper bounds.`, '',
    '| scenario | hosts | verdict (expected) | longest outage after a perturbation (s) | access p50 / p95 (ms) | auth p50 / p95 (ms) | final auth probe p50 (ms) | ops ok / refused / errors | copies repaired in (s) | height | setup / run (s) |',
    '|---|---:|---|---|---|---|---|---|---:|---:|---|'
  ]
  for (const r of results) {
    const out = r.outages.length === 0 ? '-' : r.outages.map((o) => `${o.action} ${o.target ?? ''}: ${f(o.outageMs)}`).join('; ')
    lines.push(`| ${r.scenario} | ${r.hosts} | ${r.verdict} (${r.expect}) | ${out} | ${r.latency.access.p50} / ${r.latency.access.p95} | ${r.latency.auth.p50} / ${r.latency.auth.p95} | ${r.latency.probeAuth.p50} | ${r.ops.ok} / ${r.ops.refused} / ${r.ops.errors} | ${f(r.repairMs)} | ${r.height} | ${f(r.setupMs)} / ${f(r.runMs)} |`)
  }
  const notes = results.filter((r) => r.reasons.length > 0).map((r) => `- ${r.scenario}: ${r.reasons.join(' | ')}`)
  if (notes.length > 0) lines.push('', 'What the checks reported:', '', ...notes)
  return lines.join('\n') + '\n'
}

async function main(): Promise<number> {
  const names = (arg('scenario') ?? CI_SCENARIOS.join(',')).split(',')
  const hosts = arg('hosts') === undefined ? undefined : Number(arg('hosts'))
  const repeat = Number(arg('repeat') ?? 1)
  const seed = arg('seed') === undefined ? undefined : Number(arg('seed'))
  const results: RunResult[] = []
  const all = []
  for (const name of names) {
    const file = name.includes('/') ? name : readdirSync(SCENARIOS).find((f) => f.replace(/\.(ya?ml|json)$/, '') === name)
    if (file === undefined) throw new Error(`no scenario ${name} in ${SCENARIOS}`)
    let s = loadScenario(name.includes('/') ? name : join(SCENARIOS, file))
    if (hosts !== undefined) s = scaled(s, hosts)
    all.push(s)
    if (process.argv.includes('--session')) continue
    for (let i = 0; i < repeat; i++) {
      const r = await runScenario(s, { seed, keep: process.argv.includes('--keep'), log: (l) => process.stderr.write(l + '\n') })
      results.push(r)
      process.stderr.write(`${r.scenario} run ${i + 1}/${repeat}: ${r.verdict} (expected ${r.expect})${r.reasons.length > 0 ? ': ' + r.reasons.join(' | ') : ''}\n`)
    }
  }
  if (process.argv.includes('--session')) {
    for (let i = 0; i < repeat; i++) {
      for (const r of await runSession(all, { seed, keep: process.argv.includes('--keep'), log: (l) => process.stderr.write(l + '\n') })) {
        results.push(r)
        process.stderr.write(`${r.scenario} session ${i + 1}/${repeat}: ${r.verdict} (expected ${r.expect})${r.reasons.length > 0 ? ': ' + r.reasons.join(' | ') : ''}\n`)
      }
    }
  }
  const command = `npm run testbed -- ${process.argv.slice(2).join(' ')}`.trim()
  if (!process.argv.includes('--no-write')) {
    const dir = join(REPO, 'bench', 'testbed')
    mkdirSync(dir, { recursive: true })
    const set = hosts === undefined ? 'ci' : `hosts-${hosts}`
    writeFileSync(join(dir, `${set}.json`), JSON.stringify({ command, date: new Date().toISOString(), results }, null, 2) + '\n')
    writeFileSync(join(dir, `${set}.md`), markdown(results, command))
  }
  process.stdout.write(markdown(results, command))
  return results.every((r) => r.passed) ? 0 : 1
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().then((code) => { process.exitCode = code }, (err: Error) => {
    process.stderr.write(`testbed: ${err.stack ?? err.message}\n`)
    process.exitCode = 1
  })
}
