// `npm run fuzz [-- --inputs N] [--seed S] [--replay FILE] [--nodes K] ...`: a fuzz campaign
// against real gridauth node processes (see campaign.ts). Exit code 0: no failure; 1: a node
// crashed, hung, logged an unhandled error or grew without bound (inputs saved for replay).
import { parseArgs } from 'node:util'
import { DEFAULT_OPTIONS, formatSummary, runCampaign } from './campaign.js'

const HELP = `usage: npm run fuzz -- [options]
  --inputs N          inputs to play (default ${DEFAULT_OPTIONS.inputs})
  --seed S            campaign seed (default: random; printed)
  --plain             K plain nodes (no genesis: skip graph and blocks only) instead of a network
                      of 1 validator + 1 registered terminal serving every gridauth protocol
  --nodes K           plain node processes (default ${DEFAULT_OPTIONS.nodes})
  --no-lanes          every input on fresh streams of its own (slow: a stream open per input)
  --fresh-every N     with lanes, 1 input in N still gets fresh streams (default ${DEFAULT_OPTIONS.freshEvery})
  --replay FILE       replay inputs saved in FILE (a fuzz-crashes/*.json or --save-inputs file)
  --save-inputs FILE  save every input played (replayable)
  --concurrency C     inputs in flight (default ${DEFAULT_OPTIONS.concurrency})
  --duration S        stop issuing inputs after S seconds
  --liveness-ms MS    bound on status/ping answers (default ${DEFAULT_OPTIONS.livenessBoundMs})
  --max-rss-growth-mb M  fail when a node's RSS ends M MB above its start (default ${DEFAULT_OPTIONS.maxRssGrowthMb})
  --crash-dir DIR     where crashing inputs go (default ${DEFAULT_OPTIONS.crashDir})
  --json              print the result as JSON too`

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      inputs: { type: 'string' }, seed: { type: 'string' }, nodes: { type: 'string' }, replay: { type: 'string' },
      'save-inputs': { type: 'string' }, concurrency: { type: 'string' }, duration: { type: 'string' }, 'liveness-ms': { type: 'string' },
      'max-rss-growth-mb': { type: 'string' }, 'crash-dir': { type: 'string' }, json: { type: 'boolean' }, plain: { type: 'boolean' }, 'no-lanes': { type: 'boolean' }, 'fresh-every': { type: 'string' }, help: { type: 'boolean', short: 'h' }
    }
  })
  if (values.help === true) { process.stdout.write(HELP + '\n'); return 0 }
  const num = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`)
    return n
  }
  const ac = new AbortController()
  process.once('SIGINT', () => { process.stdout.write('\nstopping after the inputs in flight (Ctrl-C again to abort)\n'); ac.abort(); process.once('SIGINT', () => process.exit(130)) })
  const seed = values.seed ?? Math.floor(Math.random() * 2 ** 32).toString(16)
  const r = await runCampaign({
    seed,
    inputs: num(values.inputs, 'inputs') ?? DEFAULT_OPTIONS.inputs,
    nodes: num(values.nodes, 'nodes') ?? DEFAULT_OPTIONS.nodes,
    network: values.plain !== true,
    lanes: values['no-lanes'] !== true,
    freshEvery: Math.max(1, num(values['fresh-every'], 'fresh-every') ?? DEFAULT_OPTIONS.freshEvery),
    concurrency: num(values.concurrency, 'concurrency') ?? DEFAULT_OPTIONS.concurrency,
    maxDurationMs: (num(values.duration, 'duration') ?? 0) * 1000,
    livenessBoundMs: num(values['liveness-ms'], 'liveness-ms') ?? DEFAULT_OPTIONS.livenessBoundMs,
    maxRssGrowthMb: num(values['max-rss-growth-mb'], 'max-rss-growth-mb') ?? DEFAULT_OPTIONS.maxRssGrowthMb,
    crashDir: values['crash-dir'] ?? DEFAULT_OPTIONS.crashDir,
    replayFile: values.replay,
    saveInputs: values['save-inputs'],
    signal: ac.signal
  })
  process.stdout.write(formatSummary(r) + '\n')
  if (values.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n')
  return r.ok ? 0 : 1
}

main().then((code) => { process.exitCode = code }, (err: Error) => {
  process.stderr.write(`fuzz: ${err.stack ?? err.message}\n`)
  process.exitCode = 2
})
