// The simulator figures as one report (used by the CLI and the bench suite).
import {
  concurrentJoinExperiment, failureRepairExperiment, leaveExperiment, replicaExperiment, responsibilityExperiment,
  searchExperiment, storageExperiment,
} from './experiments.js'

export interface FigureRow {
  section: string
  metric: string
  value: number
  unit: string
  note?: string
}

const r2 = (x: number) => Math.round(x * 100) / 100

export function collectFigures(opts: { quick?: boolean; seed?: number } = {}): FigureRow[] {
  const quick = !!opts.quick
  const seed = opts.seed ?? 1
  const rows: FigureRow[] = []
  const ns = quick ? [100, 1000] : [100, 1000, 10_000]
  for (const n of ns) {
    const f = searchExperiment({ n, seed, searches: quick ? 1000 : undefined })
    const note = `n=${n}, log2 n=${r2(f.log2n)}, ${f.searches} searches, success ${f.succeeded}/${f.searches}`
    rows.push({ section: 'search', metric: `hops mean n=${n}`, value: r2(f.meanHops), unit: 'hops', note: `${note}, ${r2(f.meanHops / f.log2n)} x log2 n` })
    rows.push({ section: 'search', metric: `hops p99 n=${n}`, value: f.p99Hops, unit: 'hops', note })
    rows.push({ section: 'search', metric: `hops max n=${n}`, value: f.maxHops, unit: 'hops', note: `${note}, limit 3 x log2 n = ${r2(3 * f.log2n)}` })
  }
  const nDead = quick ? 1000 : 10_000
  for (const frac of [0.05, 0.1]) {
    for (const k of [1, 2, 3]) {
      const f = searchExperiment({ n: nDead, k, deadFraction: frac, seed, searches: quick ? 1000 : 5000 })
      rows.push({ section: 'failures', metric: `search success ${frac * 100}% dead k=${k}`, value: r2(f.successRate * 100), unit: '%', note: `n=${nDead}, undetected crashes, ${f.searches} searches` })
    }
  }
  const j = concurrentJoinExperiment({ base: 300, joins: 200, seed })
  rows.push({ section: 'join', metric: '200 concurrent joins: joined', value: j.joined, unit: 'nodes', note: 'base 300, one introducer, random message interleaving' })
  rows.push({ section: 'join', metric: 'messages per join', value: r2(j.messagesPerJoin), unit: 'msgs' })
  rows.push({ section: 'join', metric: 'wrong nearest neighbours right after joins', value: j.wrongNearestAfterJoin, unit: 'nodes', note: `level 0: ${j.wrongNearestLevel0AfterJoin}` })
  rows.push({ section: 'join', metric: 'stabilisation rounds to exact tables', value: j.stabilizeRounds, unit: 'rounds', note: `then wrong nearest ${j.wrongNearestFinal}, wrong k-lists ${j.wrongListsFinal}, asymmetric ${j.asymmetricFinal}` })
  const lv = leaveExperiment({ n: 300, leaves: 50, seed })
  rows.push({ section: 'churn', metric: '50 leaves of 300: wrong tables', value: lv.wrongListsAfter, unit: 'nodes', note: `search success after ${lv.searchSuccessAfter}` })
  const fr = failureRepairExperiment({ n: 1000, deadFraction: 0.05, seed })
  rows.push({ section: 'churn', metric: '5% crashed of 1000: rounds to repair', value: fr.rounds, unit: 'rounds', note: `wrong tables after ${fr.wrongListsAfter}, search success ${fr.searchSuccessAfter}` })
  for (const n of [10, 100]) {
    for (let r = 0; r <= 3; r++) {
      const p = replicaExperiment({ n, r, blocks: 500, seed })
      const s = storageExperiment({ n, r, keys: 'random', seed })
      rows.push({ section: 'placement', metric: `storage vs full replication n=${n} r=${r}`, value: r2(s.fractionOfFull), unit: 'fraction', note: `copies ${p.minCopies}..${p.maxCopies} (rule min(n, 2(r+1)) = ${p.expectedCopies}), distributed mismatches ${p.distributedMismatches}` })
    }
  }
  for (const n of [100, 1000]) {
    for (const keys of ['random', 'even'] as const) {
      const s = storageExperiment({ n, r: 1, keys, seed })
      rows.push({ section: 'placement', metric: `storage max/mean ${keys} keys n=${n}`, value: r2(s.maxOverMean), unit: 'ratio', note: `r=1, ${s.blocks} blocks` })
    }
  }
  const resp = responsibilityExperiment({ n: 100, r: 2, seed })
  rows.push({ section: 'placement', metric: 'blocks off their replica set after churn', value: resp.wrongHolders, unit: 'blocks', note: `${resp.checks} checks over 30 joins/leaves/crashes, ${resp.pushes} pushes, ${resp.lost} lost` })
  return rows
}
