// Skip-graph simulator figures (in-process nodes, no libp2p): hops per n, search success with
// dead nodes for k = 1..3, storage per node versus full replication for r = 0..3, load spread.
import type { BenchRow, BenchSuite } from '../harness.js'
import { collectFigures } from '../../src/skipgraph/sim/figures.js'

export const suite: BenchSuite = {
  name: 'skipgraph-sim',
  title: 'Skip graph: simulated search, failures and block placement',
  run: async ({ quick }): Promise<BenchRow[]> =>
    collectFigures({ quick, seed: 1 }).map((r) => ({ metric: `${r.section}: ${r.metric}`, value: r.value, unit: r.unit, note: r.note })),
}
