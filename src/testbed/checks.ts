// The checks run after every scenario. Each says what it found; the verdict of a run is
// 'corrupt' (a stored chain fails verification), 'stalled' (no quorum: nothing commits any more),
// 'failed' (any other check) or 'ok'.
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { LedgerStore } from '../ledger/store.js'
import { loadGenesis, toHex, headerHash, REASON_NAMES } from '../ledger/index.js'
import type { HeaderSummary, AuditEntry } from '../chain/ledger-component.js'
import type { CopyInfo } from '../skipgraph/service/service.js'
import type { Cluster, Host } from './cluster.js'
import { accessOnce, authOnce, type ChainMonitor, type Op } from './load.js'
import { setTimeout as sleep } from 'node:timers/promises'

export interface CheckResult { name: string, ok: boolean, detail: string }

/** Liveness: every running terminal's access request is committed within settleMs. */
export async function checkLiveness(c: Cluster, settleMs: number, t0: number): Promise<{ result: CheckResult, probes: Op[] }> {
  const terms = c.running('terminal')
  if (terms.length === 0) return { result: { name: 'liveness', ok: false, detail: 'no terminal running to probe with' }, probes: [] }
  const probes = await Promise.all(terms.map(async (t) => await accessOnce(c, t, settleMs, t0)))
  const granted = probes.filter((p) => p.ok)
  const vs = c.validators
  const cut = vs.filter((v) => v.state !== 'running').map((v) => `${v.name} ${v.state}`)
  if (granted.length === 0) {
    return { result: { name: 'liveness', ok: false, detail: `stalled: none of ${probes.length} access requests committed within ${settleMs} ms (${probes[0].reason}); validators not running: ${cut.join(', ') || 'none'}; f = ${Math.floor((vs.length - 1) / 3)}` }, probes }
  }
  const refused = probes.filter((p) => !p.ok)
  return { result: { name: 'liveness', ok: refused.length === 0, detail: refused.length === 0 ? `${granted.length} probe requests committed` : `only ${granted.length}/${probes.length} committed: ${refused.map((p) => `${p.host}: ${p.reason}`).join('; ')}` }, probes }
}

/** Every running terminal authenticates to the next running one. */
export async function checkAuthentication(c: Cluster, timeoutMs: number, t0: number): Promise<{ result: CheckResult, probes: Op[] }> {
  const terms = c.running('terminal')
  if (terms.length < 2) return { result: { name: 'authentication', ok: true, detail: 'fewer than two terminals running: nothing to check' }, probes: [] }
  const probes = await Promise.all(terms.map(async (t, i) => await authOnce(c, t, terms[(i + 1) % terms.length], timeoutMs, t0)))
  const refused = probes.filter((p) => !p.ok)
  return { result: { name: 'authentication', ok: refused.length === 0, detail: refused.length === 0 ? `${probes.length} terminals authenticated to a peer` : refused.map((p) => `${p.host}: ${p.reason}`).join('; ') }, probes }
}

/** Running validators hold the same headers at every height they share; no observed commit lost. */
export async function checkChains(c: Cluster, monitor: ChainMonitor, ops: Op[]): Promise<{ prefix: CheckResult, lost: CheckResult, chains: Map<string, string[]> }> {
  const chains = new Map<string, string[]>()
  for (const v of c.running('validator')) {
    try {
      const r = await c.call<{ headers: HeaderSummary[] }>(v, 'chain', { count: 1e9 }, 30_000)
      const hashes: string[] = []
      for (const h of r.headers) hashes[h.height] = h.hash
      chains.set(v.name, hashes)
      monitor.record(v.name, r.headers)
    } catch (err) {
      chains.set(v.name, [])
      monitor.forks.push(`${v.name} did not answer: ${(err as Error).message}`)
    }
  }
  const divergent: string[] = [...monitor.forks]
  const names = [...chains.keys()]
  for (let i = 1; i < names.length; i++) {
    const a = chains.get(names[0])!
    const b = chains.get(names[i])!
    for (let h = 0; h < Math.min(a.length, b.length); h++) {
      if (a[h] !== b[h]) { divergent.push(`${names[0]} and ${names[i]} differ at height ${h} (${String(a[h]).slice(0, 12)} / ${String(b[h]).slice(0, 12)})`); break }
    }
  }
  const heights = names.map((n) => `${n}:${chains.get(n)!.length - 1}`).join(' ')
  const prefix: CheckResult = { name: 'chain-prefix', ok: divergent.length === 0 && names.length > 0, detail: divergent.length === 0 ? `same headers at every shared height (${heights})` : divergent.join('; ') }
  const lost: string[] = []
  const longest = Math.max(-1, ...names.map((n) => chains.get(n)!.length - 1))
  for (const cm of monitor.commits.values()) {
    const holders = names.filter((n) => chains.get(n)![cm.height] === cm.hash)
    if (holders.length === 0) lost.push(`height ${cm.height} (${cm.hash.slice(0, 16)}, seen by ${[...cm.seenBy].join(',')}) is on no running validator`)
  }
  for (const op of ops) if (op.ok && op.height !== undefined && op.height > longest) lost.push(`${op.host}'s granted request at height ${op.height} is beyond every chain (${longest})`)
  return { prefix, lost: { name: 'no-lost-block', ok: lost.length === 0, detail: lost.length === 0 ? `${monitor.commits.size} observed commits all present` : lost.slice(0, 5).join('; ') + (lost.length > 5 ? ` (+${lost.length - 5})` : '') }, chains }
}

/**
 * Every committed block (height >= 1) reaches its full copy count in the skip graph: the nodes
 * that hold it (each running node's own list) are at least as many as its replica set (asked of
 * the node running the longest, whose view of the graph is the most settled).
 */
export async function checkCopies(c: Cluster, hashes: string[], timeoutMs: number): Promise<{ result: CheckResult, repairMs: number }> {
  const start = Date.now()
  let short: string[] = []
  do {
    const nodes = c.running()
    const who = [...nodes].sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0))[0]
    if (who === undefined) return { result: { name: 'copies', ok: false, detail: 'no node running to ask' }, repairMs: -1 }
    const holders = new Map<string, number>()
    await Promise.all(nodes.map(async (h) => {
      const info = await c.call<{ blocks: string[] }>(h, 'skipgraph.info', {}, 10_000).catch(() => ({ blocks: [] as string[] }))
      for (const b of info.blocks) holders.set(b, (holders.get(b) ?? 0) + 1)
    }))
    short = []
    for (let i = 0; i < hashes.length; i += 8) {
      await Promise.all(hashes.slice(i, i + 8).map(async (h) => {
        const held = holders.get(h) ?? 0
        try {
          const info = await c.call<CopyInfo>(who, 'skipgraph.copies', { hash: h }, 20_000)
          if (held < info.expected) short.push(`${h.slice(0, 12)} held by ${held}/${info.expected}`)
        } catch (err) {
          short.push(`${h.slice(0, 12)} held by ${held}, replica set unknown: ${(err as Error).message}`)
        }
      }))
    }
    if (short.length === 0) return { result: { name: 'copies', ok: true, detail: `${hashes.length} blocks at full copy count` }, repairMs: Date.now() - start }
    await sleep(1_000)
  } while (Date.now() - start < timeoutMs)
  const lost = short.filter((x) => x.includes('held by 0'))
  return { result: { name: 'copies', ok: false, detail: `${short.length}/${hashes.length} blocks short of copies after ${timeoutMs} ms (${lost.length} held by no node): ${short.slice(0, 4).join(', ')}` }, repairMs: -1 }
}

/** Every refusal has a reason: client-side outcomes and the failure records on the chain. */
export async function checkReasons(c: Cluster, ops: Op[]): Promise<CheckResult> {
  const missing = ops.filter((o) => !o.ok && o.reason.trim() === '').map((o) => `${o.host} ${o.kind} at ${o.start} ms`)
  const v = c.running('validator')[0]
  let refusedOnChain = 0
  if (v !== undefined) {
    for (const t of c.terminals) {
      try {
        const trail = await c.call<AuditEntry[]>(v, 'audit', { terminal: t.terminalId }, 30_000)
        for (const e of trail) {
          const outcome = String(e.detail.outcome ?? '')
          if (e.code !== 0 || e.detail.success === false) {
            refusedOnChain++
            const named = e.result !== 'unknown' && !/^reason-/.test(e.result) && !/^reason-/.test(outcome)
            if (!named) missing.push(`${t.name} ${e.type} at height ${e.height}: ${e.result} ${outcome}`)
          }
        }
      } catch (err) {
        missing.push(`audit of ${t.name}: ${(err as Error).message}`)
      }
    }
  }
  const refused = ops.filter((o) => !o.ok).length
  return { name: 'rejection-reasons', ok: missing.length === 0, detail: missing.length === 0 ? `${refused} refused operations and ${refusedOnChain} refusals on the chain, all with a reason` : missing.slice(0, 5).join('; ') }
}

/** Offline, nodes stopped: every validator's store opens and replays from genesis; prefixes agree. */
export async function checkStoredChains(c: Cluster): Promise<{ result: CheckResult, corrupt: string[] }> {
  const genesis = loadGenesis(readFileSync(c.genesisFile, 'utf8'))
  const corrupt: string[] = []
  const chains: Array<[string, string[]]> = []
  for (const v of c.validators) {
    let store: LedgerStore | undefined
    try {
      store = await LedgerStore.open(join(v.dir, 'ledger'), genesis, { sync: false })
      await store.verifyChain()
      const hashes: string[] = []
      for (let h = 0; h <= store.head.height; h++) hashes.push(toHex(headerHash((await store.getHeader(h))!)))
      chains.push([v.name, hashes])
    } catch (err) {
      corrupt.push(`${v.name}: ${(err as Error).message}`)
    } finally {
      await store?.close()
    }
  }
  const diverge: string[] = []
  for (const [n, hs] of chains.slice(1)) {
    const [n0, h0] = chains[0]
    const k = hs.findIndex((h, i) => i < h0.length && h !== h0[i])
    if (k >= 0) diverge.push(`${n0} and ${n} differ at height ${k}`)
  }
  const ok = corrupt.length === 0 && diverge.length === 0
  return {
    result: { name: 'stored-chains', ok, detail: ok ? `${chains.length} stores verified from genesis (heights ${chains.map(([n, h]) => `${n}:${h.length - 1}`).join(' ')})` : [...corrupt, ...diverge].join('; ') },
    corrupt
  }
}

export function reasonName(code: number): string {
  return REASON_NAMES[code] ?? `reason-${code}`
}
