// `npm run sim -- --suite skipgraph [--quick] [--json] [--seed N]`: prints the simulator figures.
import { collectFigures } from './figures.js'

export async function main(args: string[]): Promise<number> {
  const json = args.includes('--json')
  const quick = args.includes('--quick')
  const si = args.indexOf('--seed')
  const seed = si >= 0 ? Number(args[si + 1]) : 1
  if (!Number.isInteger(seed)) {
    process.stderr.write('skipgraph sim: --seed needs an integer\n')
    return 2
  }
  const t0 = performance.now()
  const rows = collectFigures({ quick, seed })
  const secs = (performance.now() - t0) / 1000
  if (json) {
    process.stdout.write(JSON.stringify({ suite: 'skipgraph', seed, quick, seconds: Math.round(secs * 10) / 10, rows }, null, 2) + '\n')
    return 0
  }
  const w0 = Math.max(...rows.map((r) => r.section.length), 7)
  const w1 = Math.max(...rows.map((r) => r.metric.length), 6)
  const w2 = Math.max(...rows.map((r) => `${r.value} ${r.unit}`.length), 5)
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padStart(w2)}  ${d}\n`
  let out = `skip-graph simulator (seed ${seed}${quick ? ', quick' : ''})\n`
  out += line('section', 'metric', 'value', 'note')
  for (const r of rows) out += line(r.section, r.metric, `${r.value} ${r.unit}`, r.note ?? '')
  out += `(${secs.toFixed(1)} s)\n`
  process.stdout.write(out)
  return 0
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((c) => process.exit(c))
}
