// The fuzzer against real node processes: a short campaign across every protocol the nodes
// advertise must end with zero crashes, zero unhandled errors, every node still answering and
// bounded RSS growth; saved inputs must replay. FUZZ_TEST_INPUTS / FUZZ_TEST_SECONDS resize
// the campaign (defaults sized for a loaded 2-core CI machine; see the report in src/fuzz).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCampaign, formatSummary, PROTOCOLS_DIR, type SavedInputs } from '../../src/fuzz/campaign.js'
import { generateInput } from '../../src/fuzz/generate.js'
import { Generator, Schemas, loadProtobufjs } from '../../src/fuzz/schema.js'
import { specsFor } from '../../src/fuzz/registry.js'

const INPUTS = Number(process.env.FUZZ_TEST_INPUTS ?? 20_000)
const SECONDS = Number(process.env.FUZZ_TEST_SECONDS ?? 45)
const dir = mkdtempSync(join(tmpdir(), 'gridauth-fuzz-test-'))
const quiet = (): void => {}
// the machine is shared and loaded: a generous bound on status/ping answers (a hang still fails)
const LIVENESS_MS = Number(process.env.FUZZ_TEST_LIVENESS_MS ?? 10_000)

test('inputs are a pure function of (seed, index); every schema loads', () => {
  assert.ok(loadProtobufjs() !== undefined, 'protobufjs is importable')
  const schemas = new Schemas(PROTOCOLS_DIR)
  assert.deepEqual(schemas.errors, [])
  assert.ok(schemas.topLevel('skipgraph.proto').includes('SgMessage'))
  const specs = specsFor(['/gridauth/blocks/1.0.0', '/gridauth/skipgraph/1.0.0', '/gridauth/unknown/1.0.0', '/ipfs/ping/1.0.0'], schemas)
  const ctx = { attackerId: '12D3KooWNccVMmn2c5E9ZoVp1k8BBr1mGkFPrCSXd7Jk47SkYb9y', peerIds: ['12D3KooWQVBsmuS2jFznnknAZWFpkkwUW6iDQv25SfvWWR6VNrJK'], addrs: [], nowMs: 1_763_000_000_000, known: [] }
  const env = (seed: string) => ({ seed, specs: [specs, specs], gen: new Generator(schemas, { ...ctx, known: [] }) })
  const a = env('s1')
  const b = env('s1')
  const kinds = new Set<string>()
  const protocols = new Set<string>()
  for (let i = 0; i < 600; i++) {
    const x = generateInput(a, i)
    assert.deepEqual(generateInput(b, i), x)
    kinds.add(x.kind)
    protocols.add(x.protocol)
  }
  // the order of generation does not matter either
  assert.deepEqual(generateInput(env('s1'), 599), generateInput(a, 599))
  assert.notDeepEqual(generateInput(env('s2'), 5), generateInput(a, 5))
  assert.equal(kinds.size, 10, [...kinds].join(','))
  assert.equal(protocols.size, 4)
})

test(`a campaign of up to ${INPUTS} inputs (at most ${SECONDS} s) leaves every node alive and answering`, { timeout: (SECONDS + 120) * 1000 }, async () => {
  // a network (1 validator + 1 registered terminal): every gridauth protocol is served
  const r = await runCampaign({ seed: `ci-${Date.now().toString(16)}`, inputs: INPUTS, network: true, maxDurationMs: SECONDS * 1000, livenessBoundMs: LIVENESS_MS, crashDir: join(dir, 'crashes'), log: quiet })
  const summary = formatSummary(r)
  process.stdout.write(summary.replace(/^/gm, '# ') + '\n')
  assert.deepEqual(r.failures, [], summary)
  assert.equal(r.crashFile, undefined)
  // every advertised gridauth protocol was fuzzed
  for (const n of r.nodes) for (const p of n.protocols.filter((x) => x.startsWith('/gridauth/'))) assert.ok((r.perProtocol[p]?.inputs ?? 0) > 0, `${p} fuzzed`)
  for (const p of ['/gridauth/pbft/1.0.0', '/gridauth/tx/1.0.0', '/gridauth/auth/1.0.0', '/gridauth/chain/1.0.0', '/gridauth/register/1.0.0', '/gridauth/access/1.0.0', '/gridauth/skipgraph/1.0.0', '/gridauth/blocks/1.0.0']) {
    assert.ok((r.perProtocol[p]?.inputs ?? 0) > 0, `${p} fuzzed`)
  }
  // Inputs ride pipelined on long-lived streams: 50-120/s measured on the shared 2-core box under
  // load average 20-40 (20,000 took 394 s there), so the 45 s cap (playing time) ends the
  // campaign first; a thousand at least must run for the verdict to mean anything.
  assert.ok(r.inputsRun >= Math.min(INPUTS, 1000), `only ${r.inputsRun} inputs ran`)
  for (const n of r.nodes) {
    assert.ok(n.rssAfterMb - n.rssBeforeMb < 200, `${n.name} RSS ${n.rssBeforeMb} -> ${n.rssAfterMb} MB`)
    assert.equal(n.alarms.length, 0)
    // exit 0 on SIGTERM, or the known slow skip-graph hand-over (a finding: repro.ts junk-blocks)
    if (!/^exit 0 /.test(n.exitOnStop)) assert.ok(r.findings.some((f) => f.startsWith(`${n.name} did not stop`) && f.includes('hand-over')), `${n.name} on SIGTERM: ${n.exitOnStop}`)
  }
})

test('saved inputs replay against fresh nodes', { timeout: 180_000 }, async () => {
  const file = join(dir, 'inputs.json')
  const first = await runCampaign({ seed: 'replay-test', inputs: 120, network: false, nodes: 1, saveInputs: file, livenessBoundMs: LIVENESS_MS, crashDir: join(dir, 'crashes'), log: quiet })
  assert.deepEqual(first.failures, [], formatSummary(first))
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedInputs
  assert.equal(saved.inputs.length, 120)
  assert.equal(saved.seed, 'replay-test')
  assert.match(saved.inputs[0].streams[0].chunks[0] ?? '', /^[0-9a-f]*$/)
  const lines: string[] = []
  const again = await runCampaign({ replayFile: file, network: false, nodes: 1, livenessBoundMs: LIVENESS_MS, crashDir: join(dir, 'crashes'), log: (l) => lines.push(l) })
  assert.deepEqual(again.failures, [], formatSummary(again))
  assert.equal(again.inputsRun, 120)
  assert.ok(lines.some((l) => l.startsWith('replaying 120 inputs of seed replay-test')))
  // the same inputs, protocol by protocol
  for (const [p, v] of Object.entries(first.perProtocol)) assert.equal(again.perProtocol[p]?.inputs, v.inputs, p)
})
