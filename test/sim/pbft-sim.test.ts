// CI campaign of the deterministic PBFT simulator: >= 1,000 seeds over n = 4 and 7, each with its
// own fault mix (Byzantine replicas in ~75% of the seeds), zero violations allowed. A failure
// prints the seed and the command that replays it exactly.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { campaign, describeFailure } from '../../src/pbft/sim/cli.js'
import { runSeed } from '../../src/pbft/sim/world.js'

const SEEDS_PER_N = 500

for (const n of [4, 7]) {
  test(`pbft simulator: ${SEEDS_PER_N} seeds at n=${n}, no safety or liveness violation`, () => {
    const t0 = performance.now()
    let byzSeeds = 0
    const res = campaign({ seeds: SEEDS_PER_N, first: n * 100000 + 1, ns: [n], onResult: r => { if (r.profile.includes('byz=[') && !r.profile.includes('byz=[]')) byzSeeds++ } })
    const secs = (performance.now() - t0) / 1000
    console.log(`n=${n}: ${res.runs} seeds, ${byzSeeds} with Byzantine replicas, ${res.heights} committed heights, ${res.messages} messages, ${secs.toFixed(1)} s`)
    assert.deepEqual(res.failures.map(describeFailure), [])
    assert.ok(byzSeeds > SEEDS_PER_N / 2)
    assert.ok(res.heights > SEEDS_PER_N * 3, 'seeds commit real work')
  })
}

test('a seed replays exactly', () => {
  const a = runSeed({ seed: 4242, n: 7 })
  const b = runSeed({ seed: 4242, n: 7 })
  assert.deepEqual(a, b)
})
