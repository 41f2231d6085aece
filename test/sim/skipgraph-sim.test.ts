// Acceptance figures of the skip-graph simulator (issue 5). Seeded: the same run every time.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  concurrentJoinExperiment, distributedPlacementExperiment, failureRepairExperiment, leaveExperiment, normalisationExperiment,
  replicaExperiment, responsibilityExperiment, searchExperiment, storageExperiment,
} from '../../src/skipgraph/sim/experiments.js'
import { copyCount } from '../../src/skipgraph/placement.js'
import { main } from '../../src/skipgraph/sim/cli.js'

for (const [n, expected] of [[100, 5.2], [1000, 8.2], [10_000, 11.5]] as const) {
  test(`search n=${n}: every search for an existing key succeeds, hops within 0.6-1.0 x log2 n, max <= 3 x log2 n`, () => {
    const f = searchExperiment({ n, seed: 1, searches: n === 10_000 ? 5000 : undefined })
    assert.equal(f.succeeded, f.searches)
    assert.ok(f.meanHops >= 0.6 * f.log2n && f.meanHops <= 1.0 * f.log2n, `mean ${f.meanHops} vs log2 n ${f.log2n}`)
    assert.ok(Math.abs(f.meanHops - expected) < 1.5, `mean ${f.meanHops}, expected about ${expected}`)
    assert.ok(f.maxHops <= 3 * f.log2n, `max ${f.maxHops}`)
  })
}

test('search is normalised: every initiator reaches the predecessor, including wrap-around keys', () => {
  const f = normalisationExperiment({ n: 1000, keys: 200, initiators: 5 })
  assert.equal(f.checked, 1000)
  assert.equal(f.mismatches, 0)
})

test('5% dead, k = 3, n = 10,000: >= 99.8% of searches succeed; k = 1 is clearly worse', () => {
  const k3 = searchExperiment({ n: 10_000, k: 3, deadFraction: 0.05, seed: 2, searches: 5000 })
  assert.ok(k3.successRate >= 0.998, `success ${k3.successRate}`)
  const k1 = searchExperiment({ n: 2000, k: 1, deadFraction: 0.05, seed: 2, searches: 2000 })
  assert.ok(k1.successRate < 0.99, `k=1 success ${k1.successRate}`)
})

test('200 concurrent joins through one introducer (random interleaving): exact, symmetric tables', () => {
  const f = concurrentJoinExperiment({ base: 300, joins: 200, seed: 3 })
  assert.equal(f.joined, 200)
  assert.equal(f.failedJoins, 0)
  assert.equal(f.wrongNearestLevel0AfterJoin, 0) // the splices alone order level 0 exactly
  // upper levels and k-lists: exact after the periodic stabilisation/repair rounds
  assert.equal(f.wrongNearestFinal, 0)
  assert.equal(f.wrongListsFinal, 0)
  assert.equal(f.asymmetricFinal, 0)
  assert.ok(f.stabilizeRounds < 20, `rounds ${f.stabilizeRounds}`)
})

test('200 concurrent joins into a graph that was itself built by joins', () => {
  const f = concurrentJoinExperiment({ base: 50, joins: 200, seed: 13, baseByJoin: true })
  assert.equal(f.joined, 200)
  assert.equal(f.wrongListsFinal, 0)
  assert.equal(f.asymmetricFinal, 0)
})

test('graceful leaves (top-down, level 0 last) leave exact tables', () => {
  const f = leaveExperiment({ n: 300, leaves: 50, seed: 4 })
  assert.equal(f.wrongListsAfter, 0)
  assert.equal(f.asymmetricAfter, 0)
  assert.equal(f.searchSuccessAfter, 1)
})

test('5% crashes: ping failure detection + repair restore exact tables', () => {
  const f = failureRepairExperiment({ n: 1000, deadFraction: 0.05, seed: 5 })
  assert.equal(f.wrongListsAfter, 0)
  assert.equal(f.asymmetricAfter, 0)
  assert.equal(f.searchSuccessAfter, 1)
})

test('replica counts are exactly min(n, 2(r+1)); the distributed walk agrees with the full view', () => {
  for (const n of [1, 3, 10, 100, 1000]) {
    for (let r = 0; r <= 4; r++) {
      const f = replicaExperiment({ n, r, blocks: 300, distributedSample: 100, seed: 6 })
      assert.equal(f.minCopies, copyCount(r, n))
      assert.equal(f.maxCopies, copyCount(r, n))
      assert.equal(f.distributedMismatches, 0)
    }
  }
  const d = distributedPlacementExperiment({ n: 300, r: 3, blocks: 200 })
  assert.equal(d.checked, 200)
  assert.equal(d.mismatches, 0)
})

test('storage: fraction of full replication and max/mean for random vs evenly spaced keys', () => {
  for (const n of [10, 100]) {
    for (let r = 0; r <= 3; r++) {
      const s = storageExperiment({ n, r, keys: 'random' })
      assert.ok(Math.abs(s.fractionOfFull - copyCount(r, n) / n) < 1e-9)
    }
  }
  const random = storageExperiment({ n: 1000, r: 1, keys: 'random' })
  const even = storageExperiment({ n: 1000, r: 1, keys: 'even' })
  assert.ok(random.maxOverMean > 2, `random ${random.maxOverMean}`)
  assert.ok(even.maxOverMean < 2, `even ${even.maxOverMean}`)
  assert.ok(even.maxOverMean < random.maxOverMean)
})

test('responsibility re-check keeps every block on exactly its replica set through churn', () => {
  const f = responsibilityExperiment({ n: 100, r: 2, blocks: 300, changes: 30 })
  assert.equal(f.wrongHolders, 0)
  assert.equal(f.lost, 0)
  assert.ok(f.pushes > 0)
})

test('sim CLI prints the table and --json', async () => {
  const writes: string[] = []
  const orig = process.stdout.write.bind(process.stdout)
  process.stdout.write = ((s: string) => (writes.push(String(s)), true)) as typeof process.stdout.write
  try {
    assert.equal(await main(['--quick', '--json']), 0)
  } finally {
    process.stdout.write = orig
  }
  const out = JSON.parse(writes.join(''))
  assert.equal(out.suite, 'skipgraph')
  assert.ok(out.rows.some((r: { metric: string }) => r.metric === 'hops mean n=1000'))
  assert.equal(await main(['--seed', 'x']), 2)
})
