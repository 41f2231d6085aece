// Part of `npm test` (issue 8): it needs root (network namespaces, TUN); 2 min 52 s at load
// average 5-8 on 2026-12-03. Alone: `npm run build && node --test dist/test/testbed/scenarios.test.js`,
// or `npm run testbed` for the same scenarios with figures.
// The testbed in CI: the four fault scenarios of issue 8 and the two negative ones, on one set of
// seven hosts (4 validators, 3 terminals), each in its own network namespace, links through the
// userspace emulator. Needs root (namespaces, TUN): without it this test FAILS with the reason, it
// does not skip. Figures (outages, latencies) are not asserted here; `npm run testbed` records them.
import { test, before } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { loadScenario } from '../../src/testbed/scenario.js'
import { runSession, type RunResult } from '../../src/testbed/runner.js'
import { SCENARIOS, CI_SCENARIOS } from '../../src/testbed/main.js'
import { ip, NS_PREFIX } from '../../src/testbed/netns.js'

const ORDER = [...CI_SCENARIOS, 'no-quorum', 'corrupt-block']
let results: RunResult[] = []
let setupError: Error | undefined

before(async () => {
  try {
    results = await runSession(ORDER.map((n) => loadScenario(join(SCENARIOS, `${n}.yaml`))), { log: (l) => process.stderr.write(`# ${l}\n`) })
  } catch (err) {
    setupError = err as Error
  }
}, { timeout: 900_000 }) // 2 min 52 s at load average 5-8 on 2 cores (2026-12-03); ~7.5 min at 30-65 (2026-11-22)

function result(name: string): RunResult {
  if (setupError !== undefined) throw new Error(`the testbed could not run: ${setupError.message}`)
  const r = results.find((x) => x.scenario === name)
  assert.ok(r !== undefined, `no result for ${name}`)
  return r
}

const explain = (r: RunResult): string => `${r.scenario}: verdict ${r.verdict}, expected ${r.expect}; ${r.reasons.join(' | ') || 'no failed check'}; events ${JSON.stringify(r.events)}`

for (const name of CI_SCENARIOS) {
  test(`${name}: every check passes`, () => {
    const r = result(name)
    assert.equal(r.verdict, 'ok', explain(r))
    for (const k of ['liveness', 'authentication', 'chain-prefix', 'no-lost-block', 'copies', 'rejection-reasons']) {
      assert.ok(r.checks.some((c) => c.name === k && c.ok), `${name}: check ${k} missing or failed: ${explain(r)}`)
    }
    assert.ok(r.events.every((e) => e.ok), explain(r))
    assert.ok(r.ops.ok > 0, `${name}: no operation succeeded under load`)
  })
}

test('primary-killed: the killed host was the primary and restarted from its data directory', () => {
  const r = result('primary-killed')
  const kill = r.events.find((e) => e.action === 'kill')
  assert.ok(kill?.ok === true && kill.target !== undefined, explain(r))
  assert.ok(r.events.some((e) => e.action === 'restart' && e.ok), explain(r))
})

test('lossy-links: the emulator delayed and dropped packets', () => {
  const r = result('lossy-links')
  assert.ok(r.link.lost > 0, `no packet lost at 1% loss: ${JSON.stringify(r.link)}`)
  assert.ok(r.link.forwarded > 0)
})

test('no-quorum: two of four validators cut off is reported as stalled, with the reason', () => {
  const r = result('no-quorum')
  assert.equal(r.verdict, 'stalled', explain(r))
  const live = r.checks.find((c) => c.name === 'liveness')
  assert.ok(live !== undefined && !live.ok)
  assert.match(live.detail, /^stalled: none of \d+ access requests committed/)
  // The chain itself is intact: a stall is not a fork.
  assert.ok(r.checks.find((c) => c.name === 'chain-prefix')?.ok, explain(r))
})

test('corrupt-block: the node refuses its altered store on restart and the chain check names it', () => {
  const r = result('corrupt-block')
  assert.equal(r.verdict, 'corrupt', explain(r))
  const restart = r.events.find((e) => e.action === 'restart')
  assert.ok(restart !== undefined && !restart.ok, `the corrupted node started: ${explain(r)}`)
  assert.match(String(restart.detail), /StoreCorruptionError|is corrupt/)
  const stored = r.checks.find((c) => c.name === 'stored-chains')
  assert.ok(stored !== undefined && !stored.ok)
  assert.match(stored.detail, /^v3: ledger store .* is corrupt/)
  assert.doesNotMatch(stored.detail, /\bv[012]:/, 'only the altered store is reported')
})

test('nothing is left behind: no namespace of this run remains', () => {
  const mine = ip(['netns', 'list']).split('\n').filter((l) => l.startsWith(`${NS_PREFIX}${process.pid}h`))
  assert.deepEqual(mine, [])
})
