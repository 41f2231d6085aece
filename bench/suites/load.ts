// Suite 'load': many terminal processes authenticating at once against a mesh of separate
// processes (src/load/run.ts, also `npm run load`): throughput, latency under load, every request
// accounted for (committed / refused / lost, cross-checked against the audit trail on the chain)
// and RSS per node. Sizes: --quick 4 validators + 6 terminals x 50; full 4 + 20 terminals x 100
// (LOAD_TERMINALS / LOAD_AUTHS / LOAD_CONCURRENCY override). The 10,000 from 100
// terminals does not fit this 2-core machine's time (see the throughput row).
import { mean, type BenchRow, type BenchSuite } from '../harness.js'
import { formatLoad, runLoad } from '../../src/load/run.js'

export const suite: BenchSuite = {
  name: 'load',
  title: 'Load: many terminals authenticating at once (separate processes)',
  async run ({ quick }) {
    const terminals = Number(process.env.LOAD_TERMINALS ?? (quick ? 6 : 20))
    const auths = Number(process.env.LOAD_AUTHS ?? terminals * (quick ? 50 : 100))
    const concurrency = Number(process.env.LOAD_CONCURRENCY ?? 4)
    const r = await runLoad({ validators: 4, terminals, auths, concurrency })
    process.stderr.write(formatLoad(r) + '\n')
    const params = `4 validators, ${terminals} terminals, ${concurrency} in flight each, one-way`
    const validators = r.rss.filter((n) => n.name.startsWith('validator'))
    const terms = r.rss.filter((n) => n.name.startsWith('terminal'))
    const max = (xs: number[]): number => Math.max(0, ...xs)
    const rows: BenchRow[] = [
      { metric: 'authentications requested', value: r.requests, unit: 'requests', note: params },
      { metric: 'committed (accepted and on the chain)', value: r.committed, unit: 'requests' },
      { metric: 'refused with a reason', value: r.refusedTotal, unit: 'requests', note: JSON.stringify(r.refused) },
      { metric: 'lost', value: r.lost, unit: 'requests', note: `no answer ${r.lostDetail.noAnswer}, accepted but not on the chain ${r.lostDetail.acceptedNotRecorded}; target 0` },
      { metric: 'throughput (committed)', value: r.throughputPerSecond, unit: 'auth/s', note: `${r.loadSeconds.toFixed(0)} s of load` },
      { metric: 'latency p50 under load', value: r.latencyMs.p50, unit: 'ms', note: 'initiator\'s control call, queueing included' },
      { metric: 'latency p99 under load', value: r.latencyMs.p99, unit: 'ms', note: `p90 ${r.latencyMs.p90} ms, max ${r.latencyMs.max} ms` },
      { metric: 'peak RSS, validator (max of 4)', value: max(validators.map((n) => n.peakMb)), unit: 'MB', note: `baseline ${max(validators.map((n) => n.baselineMb))} MB, after ${max(validators.map((n) => n.afterMb))} MB` },
      { metric: 'peak RSS, terminal (max)', value: max(terms.map((n) => n.peakMb)), unit: 'MB', note: `mean peak ${mean(terms.map((n) => n.peakMb)).toFixed(1)} MB; baseline mean ${mean(terms.map((n) => n.baselineMb)).toFixed(1)} MB` },
      { metric: 'nodes back to baseline RSS after the load', value: r.rss.filter((n) => n.returned).length, unit: `of ${r.rss.length}`, note: `within 10% or 10 MB of the baseline; sampled ${r.rssAfterSeconds} s after the last answer (after the audit-trail check, then every 5 s for ${r.rssSettleSeconds} s, at most ${r.options.rssSettleMs / 1000} s)` },
      { metric: 'setup (mesh start + registration)', value: Math.round(r.setupSeconds), unit: 's' }
    ]
    for (const n of r.rss) rows.push({ metric: `RSS ${n.name}`, value: n.peakMb, unit: 'MB peak', note: `baseline ${n.baselineMb}, after ${n.afterMb}` })
    if (r.notStoppedOnSigterm.length > 0) rows.push({ metric: 'nodes not stopped 30 s after SIGTERM', value: r.notStoppedOnSigterm.length, unit: 'nodes', note: r.notStoppedOnSigterm.join(', ') })
    return rows
  }
}
