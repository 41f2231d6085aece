// How a follower finds a terminal's latest record (protocols/chain.md, "Record lookup"), by path,
// with real gridauth processes on loopback: 4 validators and n terminals, all registered; the
// subject x and the reader y are granted access (y is in the skip graph), the reader z is not
// (no skip graph: it reads from the validators). Each figure is one `view` control call on the
// reader (the in-node lookup plus a Unix-socket round trip, whose own cost is given too):
// - cache: y's record of x is provably current (no header since touched x): no network;
// - skip graph: `--fresh` on y: placement search for the block that last touched x, annex
//   fetched from a replica, proof checked;
// - validators: `--fresh` on z: record and proof from a validator.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Network } from '../../src/mesh/network.js'
import { gridauthJson } from '../../src/mesh/processes.js'
import { callNode } from '../../src/cli/control-client.js'
import { mean, percentile, round, sorted, type BenchRow, type BenchSuite } from '../harness.js'

interface ViewRow { source: string }

async function timed(dir: string, method: string, params: Record<string, unknown>, reps: number, expect?: string): Promise<{ ms: number[], other: number }> {
  const ms: number[] = []
  let other = 0
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now()
    const r = await callNode<ViewRow[] | unknown>(join(dir, 'control.sock'), method, params)
    const dt = performance.now() - t0
    if (expect !== undefined && (r as ViewRow[])[0]?.source !== expect) { other++; continue }
    ms.push(dt)
  }
  return { ms, other }
}

export const suite: BenchSuite = {
  name: 'lookup',
  title: 'Record lookup on a follower: cache, skip graph, validators (4 validators, loopback processes)',
  async run({ quick }) {
    const n = quick ? 4 : 10
    const reps = quick ? 30 : 200
    const net = await Network.create({ validators: 4, terminals: n, parallel: 4 })
    try {
      const [x, y, z, ...rest] = net.terminals
      for (const t of net.terminals) await gridauthJson(['--data', t.dir, 'register'], { timeoutMs: 120_000 })
      for (const t of [x, y, ...rest]) await gridauthJson(['--data', t.dir, 'access'], { timeoutMs: 120_000 })
      // The reader: a joined terminal that does not hold the annex of x's latest block itself
      // (else the skip-graph figure would have no network hop in it); y if every one holds it.
      const [xv] = await callNode<Array<{ headerHash: string }>>(join(net.validators[0].dataDir, 'control.sock'), 'view', { terminal: x.terminalId })
      let reader = y
      let local = true
      for (let i = 0; i < 600; i++) {
        const infos = await Promise.all([y, ...rest].map(async (t) => ({ t, info: await callNode<{ state: string, annexes: string[] }>(join(t.dir, 'control.sock'), 'skipgraph.info', {}) })))
        const remote = infos.find((e) => e.info.state === 'joined' && !e.info.annexes.includes(xv.headerHash))
        const stored = infos.some((e) => e.info.annexes.includes(xv.headerHash))
        if (remote !== undefined && stored) { reader = remote.t; local = false; break }
        if (stored && i > 50) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const params = { terminal: x.terminalId }
      const base = await timed(reader.dir, 'chain.head', {}, reps)
      const sg = await timed(reader.dir, 'view', { ...params, fresh: true }, reps, 'skipgraph')
      const cache = await timed(reader.dir, 'view', params, reps, 'cache')
      const val = await timed(z.dir, 'view', { ...params, fresh: true }, reps, 'validator')
      const rows: BenchRow[] = []
      const add = (label: string, r: { ms: number[], other: number }, note: string): void => {
        const s = sorted(r.ms)
        rows.push({ metric: `${label} p50`, value: round(percentile(s, 50), 2), unit: 'ms', note: `${note}; mean ${round(mean(s), 2)}, p99 ${round(percentile(s, 99), 2)} ms over ${s.length}${r.other > 0 ? `; ${r.other} answered from another path, not counted` : ''}` })
      }
      add('control round trip (chain.head)', base, 'the socket cost inside every figure below')
      add('lookup from cache', cache, 'provably current: no network')
      add('lookup from the skip graph', sg, local ? 'the reader holds the annex itself: local read + proof check, no network' : 'placement search + annex fetch from a replica + proof check')
      add('lookup from a validator', val, 'record + proof from a validator (reader not in the skip graph)')
      const p50 = (r: { ms: number[] }): number => percentile(sorted(r.ms), 50)
      rows.push({ metric: 'skip graph / validator p50', value: round(p50(sg) / p50(val), 2), unit: 'x', note: `n = ${n} terminals` })
      return rows
    } finally {
      await net.kill()
      rmSync(net.root, { recursive: true, force: true })
    }
  }
}
