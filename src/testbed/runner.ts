// Runs one scenario: namespaces and nodes up, terminals registered, the timeline played (load,
// link changes, partitions, kill / freeze / resume / restart, stored-block corruption), then the
// checks; always tears everything down. Returns the verdict, the checks and the figures.
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { decodeBlock, encodeBlock } from '../ledger/index.js'
import { Cluster, type Host } from './cluster.js'
import { checkPrivileges, cleanLeftovers, runRoot } from './netns.js'
import { Load, ChainMonitor, accessOnce, type Op } from './load.js'
import { checkLiveness, checkAuthentication, checkChains, checkCopies, checkReasons, checkStoredChains, type CheckResult } from './checks.js'
import type { Scenario, Step, Target, Verdict } from './scenario.js'
import { setTimeout as sleep } from 'node:timers/promises'

export interface TimelineEvent { at: number, action: string, target?: string, ok: boolean, detail?: string }
export interface LatencyStats { n: number, p50: number, p95: number, max: number }
export interface RunResult {
  scenario: string
  hosts: number
  expect: Verdict
  verdict: Verdict
  passed: boolean
  reasons: string[]
  checks: CheckResult[]
  events: TimelineEvent[]
  /** Per perturbation: the longest time without a commit from it until the next step. */
  outages: Array<{ at: number, action: string, target?: string, outageMs: number }>
  latency: { access: LatencyStats, auth: LatencyStats, probeAuth: LatencyStats }
  ops: { total: number, ok: number, refused: number, errors: number }
  repairMs: number
  height: number
  setupMs: number
  runMs: number
  link: Record<string, number>
}

export function stats(xs: number[]): LatencyStats {
  const s = [...xs].sort((a, b) => a - b)
  const q = (p: number): number => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.floor(p * s.length))])
  return { n: s.length, p50: Math.round(q(0.5)), p95: Math.round(q(0.95)), max: Math.round(s.at(-1) ?? 0) }
}

let sessions = 0

export interface RunOptions { seed?: number, keep?: boolean, log?: (line: string) => void }

export async function runScenario(s: Scenario, opts: RunOptions = {}): Promise<RunResult> {
  return (await runSession([s], opts))[0]
}

/**
 * Runs scenarios one after the other on ONE set of hosts (they must declare the same hosts and
 * genesis): set-up cost is paid once, which is what lets CI afford them. Between two scenarios
 * every partition is healed, link rules are reset and every host that is down is restarted. The
 * offline stored-chain check needs every node stopped, so it runs after the last scenario and
 * counts for it (put a scenario that corrupts a store last).
 */
export async function runSession(scenarios: Scenario[], opts: RunOptions = {}): Promise<RunResult[]> {
  checkPrivileges()
  cleanLeftovers()
  const first = scenarios[0]
  for (const s of scenarios) {
    if (JSON.stringify([s.hosts, s.genesis]) !== JSON.stringify([first.hosts, first.genesis])) throw new Error(`scenario ${s.name} declares other hosts or genesis than ${first.name}: they cannot share a session`)
  }
  const log = opts.log ?? (() => {})
  const began = Date.now()
  // Short: Unix socket paths (control sockets in the data directories) are limited to 108 bytes.
  const root = join(runRoot(process.pid), `s${++sessions}`)
  const c = await Cluster.create(first, process.pid, root, opts.seed)
  const results: RunResult[] = []
  try {
    log(`${first.name}: starting ${c.hosts.length} hosts`)
    await c.startAll()
    await Promise.all(c.terminals.map(async (t) => {
      const r = await c.call<{ registered: boolean, reason?: string }>(t, 'register', {}, 120_000)
      if (!r.registered) throw new Error(`${t.name} was not registered: ${String(r.reason)}`)
    }))
    let setupMs = Date.now() - began
    for (let i = 0; i < scenarios.length; i++) {
      const s = scenarios[i]
      if (i > 0) {
        const t = Date.now()
        await c.emu.reset()
        for (const h of c.hosts) {
          if (h.state === 'frozen') c.resume(h)
          if (h.state !== 'running') await c.start(h)
        }
        // Wait (at most 30 s) until the mesh commits again: after a stall this is its recovery.
        const monitor = new ChainMonitor(c)
        await monitor.poll()
        const before = Math.max(0, ...monitor.commits.keys())
        for (const probe of c.running('terminal')) void accessOnce(c, probe, 30_000, t)
        while (Date.now() - t < 30_000) {
          await sleep(500)
          await monitor.poll()
          if (Math.max(0, ...monitor.commits.keys()) > before) break
        }
        setupMs = Date.now() - t
      }
      if (s.links !== undefined) await c.emu.link({ from: '*', to: '*', ...s.links })
      log(`${s.name}: set up in ${setupMs} ms; timeline of ${s.duration} s`)
      results.push(await play(c, s, setupMs, i === scenarios.length - 1, log))
    }
    return results
  } finally {
    await c.destroy(opts.keep === true)
  }
}

/** One scenario on a running cluster: timeline, then the checks. */
async function play(c: Cluster, s: Scenario, setupMs: number, last: boolean, log: (l: string) => void): Promise<RunResult> {
  const events: TimelineEvent[] = []
  resolved.delete(c)
  const t0 = Date.now()
  const monitor = new ChainMonitor(c)
  monitor.start()
  const load = new Load(c, t0)
  try {
    for (const step of s.timeline) {
      const wait = t0 + step.at * 1000 - Date.now()
      if (wait > 0) await sleep(wait)
      const ev = await perform(c, step, load, t0)
      events.push(ev)
      log(`${s.name}: +${(ev.at / 1000).toFixed(1)} s ${ev.action}${ev.target === undefined ? '' : ' ' + ev.target}${ev.ok ? '' : ' FAILED: ' + String(ev.detail)}`)
    }
    const rest = t0 + s.duration * 1000 - Date.now()
    if (rest > 0) await sleep(rest)
    await load.stop(Math.min(s.settleMs, 10_000)) // the checks start on a quieter mesh
    const runMs = Date.now() - t0

    // Checks, with every node that is still frozen resumed (a frozen process cannot even stop).
    for (const h of c.hosts) if (h.state === 'frozen') c.resume(h)
    const checks: CheckResult[] = []
    const live = await checkLiveness(c, s.settleMs, t0)
    checks.push(live.result)
    const stalled = !live.result.ok && live.probes.every((p) => !p.ok)
    const auth = await checkAuthentication(c, stalled ? 10_000 : s.settleMs, t0)
    checks.push(auth.result)
    await monitor.poll()
    monitor.stop()
    const allOps = [...load.ops, ...live.probes, ...auth.probes]
    const chain = await checkChains(c, monitor, allOps)
    checks.push(chain.prefix, chain.lost)
    const longest = [...chain.chains.values()].reduce((a, b) => (b.length > a.length ? b : a), [] as string[])
    let repairMs = -1
    if (!stalled) {
      const copies = await checkCopies(c, longest.slice(1).filter(Boolean), s.settleMs)
      checks.push(copies.result)
      repairMs = copies.repairMs
    }
    checks.push(await checkReasons(c, allOps))
    const emuStats = await c.emu.stats()
    let corrupt: string[] = []
    if (last) {
      // Offline: stop every node, then verify every validator's stored chain from genesis.
      await Promise.all(c.hosts.map(async (h) => await c.stop(h)))
      const stored = await checkStoredChains(c)
      checks.push(stored.result)
      corrupt = stored.corrupt
    }

    const failed = checks.filter((k) => !k.ok)
    const verdict: Verdict = corrupt.length > 0 ? 'corrupt' : stalled ? 'stalled' : failed.length > 0 ? 'failed' : 'ok'
    const reasons = failed.map((k) => `${k.name}: ${k.detail}`)
    for (const e of events) if (!e.ok) reasons.push(`step ${e.action} ${e.target ?? ''} at ${e.at} ms: ${e.detail ?? ''}`)
    const times = monitor.times()
    const perturbations = events.filter((e) => !['load', 'unload', 'link'].includes(e.action))
    const outages = perturbations.map((e, i) => {
      const from = t0 + e.at
      const until = i + 1 < perturbations.length ? t0 + perturbations[i + 1].at : t0 + runMs
      return { at: e.at, action: e.action, target: e.target, outageMs: longestGap(times, from, until) }
    })
    const ok = (k: Op['kind']): number[] => load.ops.filter((o) => o.ok && o.kind === k && o.latencyMs !== undefined).map((o) => o.latencyMs!)
    return {
      scenario: s.name, hosts: c.hosts.length, expect: s.expect, verdict, passed: verdict === s.expect, reasons, checks, events, outages,
      latency: { access: stats(ok('access')), auth: stats(ok('auth')), probeAuth: stats(auth.probes.filter((p) => p.ok).map((p) => p.latencyMs!)) },
      ops: { total: load.ops.length, ok: load.ops.filter((o) => o.ok).length, refused: load.ops.filter((o) => !o.ok && !o.reason.startsWith('error')).length, errors: load.ops.filter((o) => o.reason.startsWith('error')).length },
      repairMs, height: longest.length - 1, setupMs, runMs, link: emuStats as unknown as Record<string, number>
    }
  } finally {
    monitor.stop()
    await load.stop(0)
  }
}

/** Longest interval in [from, until] without a commit (commit times sorted). */
function longestGap(times: number[], from: number, until: number): number {
  let last = from
  let gap = 0
  for (const t of times) {
    if (t <= from) continue
    if (t > until) break
    gap = Math.max(gap, t - last)
    last = t
  }
  return Math.max(gap, until - last)
}

/**
 * Symbolic targets (primary, backup, storage) are resolved when first used in a scenario and then
 * stick: `freeze: storage` ... `resume: storage` act on the same host.
 */
const resolved = new WeakMap<Cluster, Map<string, Host>>()

async function resolve(c: Cluster, target: Target): Promise<Host> {
  const memo = resolved.get(c) ?? new Map<string, Host>()
  resolved.set(c, memo)
  const known = memo.get(target)
  if (known !== undefined) return known
  const h = await resolveNow(c, target)
  memo.set(target, h)
  return h
}

async function resolveNow(c: Cluster, target: Target): Promise<Host> {
  if (target === 'primary' || target === 'backup') {
    for (const v of c.running('validator')) {
      try {
        const info = await c.call<{ primary?: number | null, self?: number }>(v, 'validators', {}, 5_000)
        if (typeof info.primary !== 'number') continue
        const primary = c.validators[info.primary]
        if (target === 'primary') return primary
        const b = c.running('validator').filter((x) => x !== primary)
        return b[b.length - 1]
      } catch { /* ask the next */ }
    }
    throw new Error(`no running validator knows the primary`)
  }
  if (target === 'storage') {
    let best: Host | undefined
    let most = -1
    for (const t of c.running('terminal')) {
      const info = await c.call<{ blocks: string[] }>(t, 'skipgraph.info', {}, 5_000).catch(() => ({ blocks: [] }))
      if (info.blocks.length > most) { most = info.blocks.length; best = t }
    }
    if (best === undefined) throw new Error('no running terminal to freeze')
    return best
  }
  return c.host(target)
}

async function hostsOf(c: Cluster, list: Target[] | '*' | undefined): Promise<number[] | '*'> {
  if (list === undefined || list === '*') return '*'
  return await Promise.all(list.map(async (t) => (await resolve(c, t)).index))
}

async function perform(c: Cluster, step: Step, load: Load, t0: number): Promise<TimelineEvent> {
  const at = Date.now() - t0
  const action = Object.keys(step).find((k) => k !== 'at')!
  const ev: TimelineEvent = { at, action, ok: true }
  try {
    if ('load' in step) load.start(step.load.kind, step.load.pauseMs)
    else if ('unload' in step) await load.stop()
    else if ('heal' in step) await c.emu.request({ op: 'unblock', from: '*', to: '*' })
    else if ('link' in step) await c.emu.link({ from: await hostsOf(c, step.link.from), to: await hostsOf(c, step.link.to), delay: step.link.delay, jitter: step.link.jitter, loss: step.link.loss })
    else if ('partition' in step) {
      const hs = await Promise.all(step.partition.hosts.map(async (t) => await resolve(c, t)))
      ev.target = hs.map((h) => h.name).join(',')
      const inside = hs.map((h) => h.index)
      const outside = c.hosts.filter((h) => !hs.includes(h)).map((h) => h.index)
      const dir = step.partition.direction ?? 'both'
      if (dir !== 'in') await c.emu.block(inside, outside)
      if (dir !== 'out') await c.emu.block(outside, inside)
    } else if ('corrupt' in step) {
      const h = await resolve(c, step.corrupt.host)
      ev.target = h.name
      ev.detail = await corruptBlock(h, step.corrupt.height)
    } else {
      const target = (step as unknown as Record<string, Target>)[action]
      const h = await resolve(c, target)
      ev.target = h.name
      if (action === 'kill') c.kill(h)
      else if (action === 'freeze') c.freeze(h)
      else if (action === 'resume') c.resume(h)
      else if (action === 'stop') await c.stop(h)
      else if (action === 'restart') await c.restart(h)
    }
  } catch (err) {
    ev.ok = false
    ev.detail = (err as Error).message.split('\n').slice(0, 3).join(' ').slice(0, 600)
  }
  return ev
}

/**
 * Alters a committed block in a stopped validator's ledger store: the block's header timestamp is
 * moved by 1 ms and the block written back in place (what a disk error or an attacker with access
 * to the data directory could do). Returns what was changed.
 */
export async function corruptBlock(h: Host, height?: number): Promise<string> {
  if (h.role !== 'validator') throw new Error(`corrupt: ${h.name} is not a validator (only validators keep the ledger)`)
  if (h.state === 'running' || h.state === 'frozen') throw new Error(`corrupt: stop ${h.name} first`)
  return await alterStoredBlock(h.dir, height)
}

/** The same on the data directory of a stopped validator (its head block unless `height`). */
export async function alterStoredBlock(dataDir: string, height?: number): Promise<string> {
  const ds = new LevelDatastore(join(dataDir, 'ledger'))
  await ds.open()
  try {
    const head = (await ds.db.get('/ledger/head')) as Uint8Array
    const headHeight = Number(Buffer.from(head).readBigUInt64BE(0))
    const target = height ?? headHeight
    const key = `/ledger/block/${target.toString(16).padStart(16, '0')}`
    const block = decodeBlock(new Uint8Array(await ds.db.get(key) as Uint8Array))
    block.header!.timestamp += 1
    await ds.db.put(key, encodeBlock(block))
    return `block ${target} (head ${headHeight}) timestamp moved by 1 ms`
  } finally {
    await ds.close()
  }
}
