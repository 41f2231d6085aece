// Skip graph over real libp2p (TCP loopback, Noise, Yamux; all nodes in this process): join
// latency, lookup latency and hops at n = 10, 30, 100, side by side with @libp2p/kad-dht GET
// latency on the same n, and storage per node versus full replication for r = 0..3 (measured
// with real placement queries on the running graph), plotted at n = 10 (bench/skipgraph-storage.svg).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { randomBytes } from 'node:crypto'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import type { Libp2p } from '@libp2p/interface'
import { percentile, round, sorted, type BenchRow, type BenchSuite } from '../harness.js'
import { SkipGraphService, MemoryBlockStore } from '../../src/skipgraph/service/index.js'
import { keyFromBytes, copyCount } from '../../src/skipgraph/index.js'

const CM = { inboundConnectionThreshold: 100_000, maxIncomingPendingConnections: 10_000, maxConnections: 10_000 }

async function host(): Promise<Libp2p> {
  return await createLibp2p({ addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()], connectionManager: CM })
}

const sleep = async (ms: number): Promise<void> => await new Promise((r) => setTimeout(r, ms))
const pick = <T>(a: T[]): T => a[Math.floor(Math.random() * a.length)]

interface SgRun { join: number[], lookup: number[], hops: number[], storage: Map<number, { mean: number, max: number }> }

async function skipgraphRun(n: number, lookups: number, storageKeys: number): Promise<SgRun> {
  const hosts: Libp2p[] = []
  const svcs: SkipGraphService[] = []
  const join: number[] = []
  try {
    for (let i = 0; i < n; i++) {
      const h = await host()
      const s = new SkipGraphService({ bootstrap: i === 0 ? [] : [hosts[0].getMultiaddrs()[0].toString()], r: 2, tickMs: 10_000, stabilizeMs: 30_000, auditMs: 600_000, store: new MemoryBlockStore() })
      const t0 = performance.now()
      await s.start({ libp2p: h })
      if (i > 0) join.push(performance.now() - t0)
      hosts.push(h)
      svcs.push(s)
    }
    for (let round = 0; round < 6; round++) { // upper-level k-lists become exact after a few rounds
      for (const s of svcs) s.stabilizeNow()
      await sleep(300 + n * 5)
    }
    const one = async (): Promise<{ ms: number, hops: number }> => {
      const r = await pick(svcs).search(keyFromBytes(randomBytes(32)))
      return { ms: r.ms, hops: r.hops }
    }
    for (let i = 0; i < lookups; i++) await one() // warm-up: connections to routing neighbours
    const lookup: number[] = []
    const hops: number[] = []
    for (let i = 0; i < lookups; i++) {
      const r = await one()
      lookup.push(r.ms)
      hops.push(r.hops)
    }
    const storage = new Map<number, { mean: number, max: number }>()
    if (storageKeys > 0) {
      for (let r = 0; r <= 3; r++) {
        const perNode = new Map<string, number>(svcs.map((s) => [s.self.id, 0]))
        for (let i = 0; i < storageKeys; i++) {
          const set = await pick(svcs).replicas(keyFromBytes(randomBytes(32)), 3, r)
          for (const x of set) perNode.set(x.id, (perNode.get(x.id) ?? 0) + 1)
        }
        const fr = [...perNode.values()].map((c) => c / storageKeys)
        storage.set(r, { mean: fr.reduce((a, b) => a + b, 0) / n, max: Math.max(...fr) })
      }
    }
    return { join, lookup, hops, storage }
  } finally {
    await Promise.all(hosts.map(async (h) => { try { await h.stop() } catch {} }))
    await Promise.all(svcs.map(async (s) => { await s.stop().catch(() => {}) }))
  }
}

async function kadRun(n: number, gets: number): Promise<{ get: number[], failed: number }> {
  const swallow = (): void => {} // kad-dht 16.4: aborted queries can reject unhandled (notes/libp2p.md)
  process.on('unhandledRejection', swallow)
  const nodes: Array<Libp2p<{ dht: ReturnType<ReturnType<typeof kadDHT>>, identify: ReturnType<ReturnType<typeof identify>>, ping: ReturnType<ReturnType<typeof ping>> }>> = []
  try {
    for (let i = 0; i < n; i++) {
      nodes.push(await createLibp2p({
        addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] }, transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()], connectionManager: CM,
        services: { identify: identify(), ping: ping(), dht: kadDHT({ clientMode: false, peerInfoMapper: passthroughMapper, protocol: '/gridauth-bench/kad/1.0.0', validators: { bench: async () => {} }, selectors: { bench: () => 0 } }) }
      }))
    }
    // each node dials a few others (the first one plus random), then routing tables fill in
    await Promise.all(nodes.slice(1).map(async (nd, i) => {
      for (const t of [nodes[0], pick(nodes), pick(nodes)]) if (t !== nd) await nd.dial(t.getMultiaddrs()[0]).catch(() => {})
      void i
    }))
    await sleep(Math.min(10_000, 1000 + n * 40))
    const keys: Uint8Array[] = []
    for (let i = 0; i < Math.min(gets, 10); i++) {
      const k = new TextEncoder().encode(`/bench/${i}/${randomBytes(8).toString('hex')}`)
      try {
        for await (const _ of pick(nodes).services.dht.put(k, randomBytes(64), { signal: AbortSignal.timeout(10_000) })) { /* drain */ }
        keys.push(k)
      } catch { /* skipped */ }
    }
    const get: number[] = []
    let failed = 0
    for (let i = 0; i < gets && keys.length > 0; i++) {
      const k = pick(keys)
      const t0 = performance.now()
      let ok = false
      try {
        for await (const ev of pick(nodes).services.dht.get(k, { signal: AbortSignal.timeout(10_000) })) {
          if (ev.name === 'VALUE') { ok = true; break }
        }
      } catch { /* timeout */ }
      if (ok) get.push(performance.now() - t0)
      else failed++
    }
    return { get, failed }
  } finally {
    await Promise.all(nodes.map(async (h) => { try { await h.stop() } catch {} }))
    await sleep(200)
    process.off('unhandledRejection', swallow)
  }
}

function svgPlot(n: number, rows: Array<{ r: number, mean: number, max: number }>): string {
  const W = 520, H = 320, x0 = 60, y0 = 270, ph = 220, bw = 60
  const y = (f: number): number => y0 - f * ph
  const bars = [...rows.map((row) => ({ label: `r = ${row.r}`, v: row.mean, max: row.max, color: '#3a7bd5' })), { label: 'full', v: 1, max: 1, color: '#999' }]
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">Storage per node vs full replication (n = ${n}, real libp2p nodes)</text>`,
    `<line x1="${x0}" y1="${y0}" x2="${W - 20}" y2="${y0}" stroke="#000"/><line x1="${x0}" y1="${y0}" x2="${x0}" y2="${y0 - ph}" stroke="#000"/>`
  ]
  for (let t = 0; t <= 1.0001; t += 0.25) parts.push(`<line x1="${x0 - 4}" y1="${y(t)}" x2="${W - 20}" y2="${y(t)}" stroke="#ddd"/><text x="${x0 - 8}" y="${y(t) + 4}" text-anchor="end">${t.toFixed(2)}</text>`)
  bars.forEach((b, i) => {
    const x = x0 + 20 + i * (bw + 25)
    parts.push(`<rect x="${x}" y="${y(b.v)}" width="${bw}" height="${b.v * ph}" fill="${b.color}"/>`)
    parts.push(`<text x="${x + bw / 2}" y="${y(b.v) - 4}" text-anchor="middle">${b.v.toFixed(2)}</text>`)
    if (b.label !== 'full') parts.push(`<line x1="${x + 8}" y1="${y(b.max)}" x2="${x + bw - 8}" y2="${y(b.max)}" stroke="#c0392b" stroke-width="2"/>`)
    parts.push(`<text x="${x + bw / 2}" y="${y0 + 16}" text-anchor="middle">${b.label}</text>`)
  })
  parts.push(`<text x="${x0}" y="${y0 + 40}">bars: mean fraction of all blocks a node stores; red: busiest node. copies = min(n, 2(r+1)).</text>`, '</svg>')
  return parts.join('\n') + '\n'
}

export const suite: BenchSuite = {
  name: 'skipgraph-net',
  title: 'Skip graph over real libp2p: lookup, join, storage; kad-dht side by side',
  run: async ({ quick }): Promise<BenchRow[]> => {
    const rows: BenchRow[] = []
    const ns = quick ? [10] : [10, 30, 100]
    const lookups = quick ? 40 : 300
    const gets = quick ? 10 : 30
    const progress = (r: BenchRow): void => { process.stderr.write(`  ${r.metric}: ${r.value} ${r.unit}\n`) }
    const kadP50 = new Map<number, number>()
    const sgP50 = new Map<number, number>()
    let shown = 0
    for (const n of ns) {
      const storageKeys = n === 10 || n === 100 ? (quick ? 50 : 300) : 0
      const sg = await skipgraphRun(n, lookups, storageKeys)
      const l = sorted(sg.lookup)
      const h = sorted(sg.hops)
      const j = sorted(sg.join)
      sgP50.set(n, percentile(l, 50))
      rows.push({ metric: `skip graph lookup p50, n=${n}`, value: round(percentile(l, 50), 2), unit: 'ms', note: `${lookups} lookups from random nodes, warm connections${n === 100 ? '; target < 10 ms' : ''}` })
      rows.push({ metric: `skip graph lookup p99, n=${n}`, value: round(percentile(l, 99), 2), unit: 'ms' })
      rows.push({ metric: `skip graph hops mean, n=${n}`, value: round(h.reduce((a, b) => a + b, 0) / h.length, 2), unit: 'hops', note: `p99 ${percentile(h, 99)}, log2 n = ${round(Math.log2(n), 1)}` })
      rows.push({ metric: `skip graph join p50, n=${n}`, value: round(percentile(j, 50), 1), unit: 'ms', note: `sequential joins through one introducer; p99 ${round(percentile(j, 99), 1)} ms` })
      for (const [r, s] of sg.storage) {
        rows.push({ metric: `storage per node / full replication, n=${n}, r=${r}`, value: round(s.mean, 3), unit: 'fraction', note: `expected ${round(copyCount(r, n) / n, 3)}; busiest node ${round(s.max, 3)}` })
      }
      if (n === 10 && sg.storage.size > 0) {
        const file = fileURLToPath(new URL('../../../bench/skipgraph-storage.svg', import.meta.url))
        writeFileSync(file, svgPlot(n, [...sg.storage].map(([r, s]) => ({ r, ...s }))))
      }
      rows.slice(shown).forEach(progress)
      const kad = await kadRun(n, n >= 100 ? Math.min(gets, 15) : gets)
      const g = sorted(kad.get)
      kadP50.set(n, percentile(g, 50))
      rows.push({ metric: `kad-dht GET p50, n=${n}`, value: round(percentile(g, 50), 2), unit: 'ms', note: `${g.length} GETs (first value), ${kad.failed} failed/timed out` })
      rows.push({ metric: `kad-dht GET p99, n=${n}`, value: round(percentile(g, 99), 2), unit: 'ms' })
      rows.push({ metric: `skip graph / kad-dht lookup p50, n=${n}`, value: round(sgP50.get(n)! / kadP50.get(n)!, 4), unit: 'ratio', note: 'target <= 0.5' })
      rows.slice(rows.length - 3).forEach(progress)
      shown = rows.length
    }
    return rows
  }
}
