// `npm run sim -- --suite pbft [--seeds N] [--seed S] [--n 4|7|...] [--verbose]`
// Runs seeds 1..N (alternating n = 4 and 7 unless --n is given); a failing seed prints itself with
// the exact command that replays it.
import { runSeed, type SimResult } from './world.js'

export interface CampaignOptions {
  readonly seeds: number
  readonly first?: number
  readonly ns?: readonly number[]
  readonly stopOnFailure?: boolean
  readonly onResult?: (r: SimResult) => void
}

export interface CampaignResult { runs: number; failures: SimResult[]; heights: number; messages: number; snapshots: number; crashes: number; maxView: number }

export function campaign(o: CampaignOptions): CampaignResult {
  const ns = o.ns ?? [4, 7]
  const first = o.first ?? 1
  const failures: SimResult[] = []
  let heights = 0
  let messages = 0
  let snapshots = 0
  let crashes = 0
  let maxView = 0
  for (let i = 0; i < o.seeds; i++) {
    const seed = first + i
    const n = ns[i % ns.length]
    const r = runSeed({ seed, n })
    heights += r.heights
    messages += r.messages
    snapshots += r.snapshots
    crashes += r.crashes
    maxView = Math.max(maxView, r.maxView)
    o.onResult?.(r)
    if (!r.ok) {
      failures.push(r)
      if (o.stopOnFailure === true) break
    }
  }
  return { runs: o.seeds, failures, heights, messages, snapshots, crashes, maxView }
}

function arg(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  if (i >= 0) return args[i + 1]
  const eq = args.find(a => a.startsWith(name + '='))
  return eq?.slice(name.length + 1)
}

export function describeFailure(r: SimResult): string {
  return `FAIL seed ${r.seed} n=${r.n}: ${r.violation}\n  ${r.profile}\n  replay: npm run sim -- --suite pbft --seed ${r.seed} --n ${r.n} --verbose`
}

export async function main(args: readonly string[]): Promise<number> {
  const nArg = arg(args, '--n')
  const ns = nArg !== undefined ? nArg.split(',').map(Number) : [4, 7]
  const one = arg(args, '--seed')
  if (one !== undefined) {
    const verbose = args.includes('--verbose')
    const r = runSeed({ seed: Number(one), n: ns[0], log: verbose ? (l: string) => console.log(l) : undefined })
    console.log(r.ok ? `ok seed ${r.seed} n=${r.n}: ${r.heights} heights, ${r.messages} messages, max view ${r.maxView}, ${r.crashes} crashes, ${r.snapshots} snapshots, sim ${r.simTime} ms\n  ${r.profile}` : describeFailure(r))
    return r.ok ? 0 : 1
  }
  const seeds = Number(arg(args, '--seeds') ?? '1000')
  const first = Number(arg(args, '--first') ?? '1')
  const t0 = performance.now()
  let done = 0
  const res = campaign({
    seeds, first, ns,
    onResult: r => {
      done++
      if (!r.ok) console.log(describeFailure(r))
      if (done % 1000 === 0) console.log(`.. ${done}/${seeds} seeds, ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    },
  })
  const secs = (performance.now() - t0) / 1000
  console.log(`pbft sim: ${res.runs} seeds (n=${ns.join(',')}), ${res.failures.length} failing, ${res.heights} committed heights, ${res.messages} messages, ${res.crashes} crashes, ${res.snapshots} snapshot installs, max view ${res.maxView}, ${secs.toFixed(1)} s`)
  return res.failures.length === 0 ? 0 : 1
}
