// The load generator: a mesh of separate gridauth processes (validators + terminals, exactly as
// src/mesh/network.ts stands them up), every terminal registered, then many peer
// authentications at once: each terminal process authenticates the others (round robin) through
// its control socket (the same call `gridauth auth` makes), several at a time. Every request is
// accounted for: committed (accepted and its record found in the audit trail on the chain),
// refused with a reason (the verifier's, or the error the initiator got), or lost (no answer, or
// an acceptance the chain never recorded). RSS of every node is sampled throughout.
import { join } from 'node:path'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { callNode } from '../cli/control-client.js'
import { gridauthJson, startNode, tempDir } from '../mesh/processes.js'
import { Network, type Terminal } from '../mesh/network.js'
import type { AuditEntry } from '../chain/ledger-component.js'
import { RssSampler, type RssReport } from './rss.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { percentile } from '../util/stats.js'

export interface LoadOptions {
  validators: number
  terminals: number
  /** Authentications in total (spread evenly over the terminals as initiators). */
  auths: number
  /** Authentications each terminal has in flight at once. */
  concurrency: number
  mutual: boolean
  /** A request with no answer after this long is lost. */
  requestTimeoutMs: number
  /** How long the audit trail may go without a new record before the missing ones count as lost. */
  settleMs: number
  /** After the load, how long to wait for every node's RSS to come back to its baseline. */
  rssSettleMs: number
  /** Extra `gridauth genesis` flags. */
  genesisArgs: string[]
  log: (line: string) => void
  keep: boolean
}

export const DEFAULT_LOAD: LoadOptions = {
  validators: 4, terminals: 20, auths: 10_000, concurrency: 4, mutual: false, requestTimeoutMs: 120_000, settleMs: 120_000, rssSettleMs: 120_000,
  genesisArgs: [], log: (l) => process.stderr.write(l + '\n'), keep: false
}

export interface LoadResult {
  options: Omit<LoadOptions, 'log'>
  setupSeconds: number
  loadSeconds: number
  requests: number
  /** Accepted by the verifier and its success record found on the chain. */
  committed: number
  /** Refused, by reason (verifier reasons by name; initiator-side errors by code). */
  refused: Record<string, number>
  refusedTotal: number
  /** No answer, or accepted but never recorded on the chain. */
  lost: number
  lostDetail: { noAnswer: number, acceptedNotRecorded: number }
  /** Records on the chain for requests the initiator saw fail (e.g. an answer that came too late). */
  recordedButNotAnswered: number
  throughputPerSecond: number
  latencyMs: { p50: number, p90: number, p99: number, max: number }
  /** Audit trail cross-check: success / failure records per verifier summed. */
  chain: { successRecords: number, failureRecords: number, height: number }
  rss: RssReport[]
  /** Seconds waited after the load until every node's RSS was back to its baseline (or the wait ran out). */
  rssSettleSeconds: number
  /** Seconds from the last answer to the RSS-after sample (the audit-trail check comes first). */
  rssAfterSeconds: number
  /** Nodes still running 30 s after SIGTERM (filled in when the mesh is stopped). */
  notStoppedOnSigterm: string[]
}

/** Network.addTerminal with a longer start timeout (a loaded machine can take more than Network's
 * 20 s): enroll offline, start through the introducer. */
export async function addTerminal(net: Network, name: string, startArgs: string[] = [], env?: NodeJS.ProcessEnv): Promise<Terminal> {
  const dir = join(net.root, name)
  const { peerId } = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'])
  const serial = `SN-${name}`
  const enrollment = join(net.root, `${name}.enrollment.json`)
  const e = await gridauthJson<{ terminalId: string }>(['enroll', '--operator-key', net.operatorKey, '--genesis', net.genesis, '--peer-id', peerId,
    '--address', '/ip4/127.0.0.1/tcp/0', '--device-type', 'DTU', '--vendor', 'gridauth-load', '--serial', serial, '--out', enrollment])
  const node = await startNode(dir, ['--genesis', net.genesis, '--enrollment', enrollment, '--bootstrap', net.introducer, ...startArgs], { timeoutMs: 120_000, env })
  const t: Terminal = { name, dir, peerId, terminalId: e.terminalId, serial, node }
  net.terminals.push(t)
  return t
}

/** SIGKILLs every process whose command line names a path under `root` (this run's own mesh). */
export function killUnder(root: string): void {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root + '/')) process.kill(Number(pid), 'SIGKILL')
    } catch { /* gone, or not ours */ }
  }
}

const sock = (dir: string): string => join(dir, 'control.sock')

/** A short reason for an authentication the initiator's node reported as failed. */
export function refusalKey(msg: string): string {
  const answered = /answered (\S+)/.exec(msg)
  if (answered !== null) return `peer answered ${answered[1]}`
  if (/still waiting for their record/.test(msg)) return 'busy (own spent values not yet recorded)'
  if (/within \d+ ms/.test(msg)) return 'peer timeout'
  if (/closed/.test(msg)) return 'stream closed'
  return msg.replace(/12D3KooW\w+/g, '<peer>').replace(/[0-9a-f]{64}/g, '<id>').slice(0, 80)
}

interface AuthAnswer { accepted: boolean, reasonName: string, latencyMs: number }

/** Success records with `verifier` as the verifying terminal, per subject id. */
async function auditOf(validatorDir: string, t: Terminal): Promise<{ ok: Map<string, number>, failed: number }> {
  const entries = await callNode<AuditEntry[]>(sock(validatorDir), 'audit', { terminal: t.terminalId }, 300_000)
  const ok = new Map<string, number>()
  let failed = 0
  for (const e of entries) {
    if (e.type !== 'auth-record' || e.detail.verifier !== t.terminalId) continue
    if (e.detail.success === true) ok.set(String(e.detail.subject), (ok.get(String(e.detail.subject)) ?? 0) + 1)
    else failed++
  }
  return { ok, failed }
}

export async function runLoad(o: Partial<LoadOptions> = {}): Promise<LoadResult> {
  const opts: LoadOptions = { ...DEFAULT_LOAD, ...o }
  const log = opts.log
  const t0 = Date.now()
  log(`load: starting ${opts.validators} validators and ${opts.terminals} terminals (separate processes)`)
  const perTerminal = Math.ceil(opts.auths / opts.terminals)
  const root = tempDir('gridauth-load-')
  const net = await Network.create({
    root, validators: opts.validators, terminals: 0,
    // long enough that no chain runs out during the run (renewal is exercised by the e2e test)
    hashChainLength: Math.max(1000, perTerminal * 2 + 100),
    genesisArgs: opts.genesisArgs
  }).catch((err: Error) => {
    // a node that did not start leaves the others running: stop every process of this mesh
    killUnder(root)
    throw err
  })
  try {
    // terminals are added here rather than by Network.create: on a loaded machine a terminal can
    // take more than Network's 20 s to join, so this allows 120 s
    for (let i = 0; i < opts.terminals; i += 2) {
      await Promise.all(Array.from({ length: Math.min(2, opts.terminals - i) }, async (_, j) => await addTerminal(net, `terminal-${i + j}`)))
    }
    net.terminals.sort((x, y) => Number(x.name.split('-')[1]) - Number(y.name.split('-')[1]))
  } catch (err) {
    killUnder(root)
    throw err
  }
  const sampler = new RssSampler()
  const stopReport: { notStopped: string[] } = { notStopped: [] }
  try {
    const ts = net.terminals
    for (const [i, v] of net.validators.entries()) sampler.add(`validator-${i}`, v.proc.pid!)
    for (const t of ts) sampler.add(t.name, t.node.proc.pid!)
    log(`load: registering ${ts.length} terminals`)
    for (let i = 0; i < ts.length; i += 5) {
      await Promise.all(ts.slice(i, i + 5).map(async (t) => {
        const r = await callNode<{ registered: boolean }>(sock(t.dir), 'register', {}, 120_000)
        if (!r.registered) throw new Error(`${t.name} did not register`)
      }))
    }
    const setupSeconds = (Date.now() - t0) / 1000
    await sleep(2_000)
    sampler.sample()
    sampler.markBaseline()
    sampler.start(500)
    log(`load: set up in ${setupSeconds.toFixed(1)} s; ${opts.auths} authentications, ${perTerminal} per terminal, ${opts.concurrency} in flight per terminal${opts.mutual ? ', mutual' : ''}`)

    // pairs[subject][verifier] = accepted answers seen by the subject (the initiator)
    const accepted = new Map<string, Map<string, number>>()
    const refused: Record<string, number> = {}
    const lat: number[] = []
    let noAnswer = 0
    let done = 0
    let requests = 0
    const tLoad = Date.now()
    const progress = setInterval(() => log(`load: ${done}/${opts.auths} answered, ${(done / ((Date.now() - tLoad) / 1000)).toFixed(1)}/s; RSS ${sampler.brief()}`), 10_000)
    await Promise.all(ts.map(async (a, ai) => {
      let k = 0
      const worker = async (): Promise<void> => {
        for (;;) {
          const n = k++
          if (n >= perTerminal || ai * perTerminal + n >= opts.auths) return
          requests++
          const b = ts[(ai + 1 + (n % (ts.length - 1))) % ts.length]
          const s = performance.now()
          try {
            const out = await callNode<AuthAnswer>(sock(a.dir), 'auth', { peer: b.node.addr, mutual: opts.mutual }, opts.requestTimeoutMs)
            lat.push(performance.now() - s)
            if (out.accepted) {
              const m = accepted.get(a.terminalId) ?? new Map<string, number>()
              m.set(b.terminalId, (m.get(b.terminalId) ?? 0) + 1)
              accepted.set(a.terminalId, m)
            } else {
              refused[out.reasonName] = (refused[out.reasonName] ?? 0) + 1
            }
          } catch (err) {
            const msg = (err as Error).message
            if (/did not answer auth within/.test(msg)) {
              noAnswer++
            } else {
              lat.push(performance.now() - s)
              const key = refusalKey(msg)
              refused[key] = (refused[key] ?? 0) + 1
            }
          }
          done++
        }
      }
      await Promise.all(Array.from({ length: opts.concurrency }, worker))
    }))
    clearInterval(progress)
    const tLoadEnd = Date.now()
    const loadSeconds = (tLoadEnd - tLoad) / 1000
    log(`load: all ${requests} answered or timed out in ${loadSeconds.toFixed(1)} s; checking the audit trail`)

    // The audit trail must come to hold a success record for every accepted authentication.
    const want = [...accepted.values()].reduce((s, m) => s + [...m.values()].reduce((x, y) => x + y, 0), 0)
    const vdir = join(net.root, 'validator-1')
    let found = { successRecords: 0, failureRecords: 0 }
    let perPair = new Map<string, Map<string, number>>()
    // Records trail the answers (each verifier submits its records one at a time, behind its own
    // transactions): wait while the count still grows, and give up only after settleMs without
    // a new one (one pass over 50 terminals' audit trails can itself take minutes on 2 cores).
    let lastGrowth = Date.now()
    let lastCount = -1
    for (;;) {
      perPair = new Map()
      found = { successRecords: 0, failureRecords: 0 }
      for (const b of ts) {
        const { ok, failed } = await auditOf(vdir, b)
        found.failureRecords += failed
        for (const [subject, n] of ok) {
          found.successRecords += n
          const m = perPair.get(subject) ?? new Map<string, number>()
          m.set(b.terminalId, n)
          perPair.set(subject, m)
        }
      }
      if (found.successRecords > lastCount) (lastCount = found.successRecords), (lastGrowth = Date.now())
      if (found.successRecords >= want || Date.now() - lastGrowth > opts.settleMs) break
      log(`load: audit trail holds ${found.successRecords} of ${want} accepted authentications (${((Date.now() - tLoadEnd) / 1000).toFixed(0)} s after the last answer); waiting`)
      await sleep(3_000)
    }
    let committed = 0
    let acceptedNotRecorded = 0
    let recordedButNotAnswered = 0
    const subjects = new Set([...accepted.keys(), ...perPair.keys()])
    for (const s of subjects) {
      const verifiers = new Set([...(accepted.get(s)?.keys() ?? []), ...(perPair.get(s)?.keys() ?? [])])
      for (const v of verifiers) {
        const a = accepted.get(s)?.get(v) ?? 0
        const c = perPair.get(s)?.get(v) ?? 0
        committed += Math.min(a, c)
        if (a > c) acceptedNotRecorded += a - c
        else recordedButNotAnswered += c - a
      }
    }
    const head = await callNode<{ height: number }>(sock(vdir), 'chain.head', {}, 30_000).catch(() => ({ height: -1 }))
    // memory after the load: let the nodes settle, then sample again
    // (V8 gives heap pages back to the OS only after its memory reducer's idle-time GCs: poll.)
    log('load: letting the nodes settle for the RSS-after sample')
    const settleStart = Date.now()
    sampler.stop()
    do {
      await sleep(5_000)
      sampler.sample()
    } while (!sampler.allBack() && Date.now() - settleStart < opts.rssSettleMs)
    const rssSettleSeconds = Math.round((Date.now() - settleStart) / 1000)
    const rssAfterSeconds = Math.round((Date.now() - tLoadEnd) / 1000)
    sampler.markAfter()
    lat.sort((x, y) => x - y)
    const refusedTotal = Object.values(refused).reduce((x, y) => x + y, 0)
    const { log: _l, ...optsOut } = opts
    return {
      options: optsOut,
      setupSeconds,
      loadSeconds,
      requests,
      committed,
      refused,
      refusedTotal,
      lost: noAnswer + acceptedNotRecorded,
      lostDetail: { noAnswer, acceptedNotRecorded },
      recordedButNotAnswered,
      throughputPerSecond: Math.round((committed / loadSeconds) * 10) / 10,
      latencyMs: { p50: Math.round(percentile(lat, 50)), p90: Math.round(percentile(lat, 90)), p99: Math.round(percentile(lat, 99)), max: Math.round(lat[lat.length - 1] ?? NaN) },
      chain: { ...found, height: head.height },
      rss: sampler.report(),
      rssSettleSeconds,
      rssAfterSeconds,
      notStoppedOnSigterm: stopReport.notStopped
    }
  } finally {
    sampler.stop()
    // SIGTERM every node; one still running 30 s later is killed (and reported)
    const nodes = [...net.terminals.map((t) => ({ name: t.name, node: t.node })), ...net.validators.map((v, i) => ({ name: `validator-${i}`, node: v }))]
    const slow: string[] = []
    await Promise.all(nodes.map(async ({ name, node }) => {
      const timer = setTimeout(() => { slow.push(name); node.proc.kill('SIGKILL') }, 30_000)
      await node.stop('SIGTERM')
      clearTimeout(timer)
    }))
    if (slow.length > 0) log(`load: ${slow.length} nodes did not stop within 30 s of SIGTERM and were killed: ${slow.join(', ')}`)
    stopReport.notStopped.push(...slow)
    killUnder(root)
    if (!opts.keep) rmSync(net.root, { recursive: true, force: true })
  }
}

export function formatLoad(r: LoadResult): string {
  const o = r.options
  const lines = [
    `load: ${o.validators} validators, ${o.terminals} terminals, ${r.requests} ${o.mutual ? 'mutual' : 'one-way'} authentications, ${o.concurrency} in flight per terminal (${o.terminals * o.concurrency} at once)`,
    `  set up ${r.setupSeconds.toFixed(1)} s; load ${r.loadSeconds.toFixed(1)} s; ${r.throughputPerSecond} committed authentications/s`,
    `  committed ${r.committed}, refused ${r.refusedTotal} ${JSON.stringify(r.refused)}, lost ${r.lost} (no answer ${r.lostDetail.noAnswer}, accepted but not on the chain ${r.lostDetail.acceptedNotRecorded}); on the chain but the initiator saw a failure: ${r.recordedButNotAnswered}`,
    `  latency (initiator's control call) p50 ${r.latencyMs.p50} ms, p90 ${r.latencyMs.p90} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms`,
    `  chain: height ${r.chain.height}, ${r.chain.successRecords} success and ${r.chain.failureRecords} failure authentication records`,
    `  RSS (MB) baseline -> peak -> after (sampled ${r.rssAfterSeconds} s after the last answer, the last ${r.rssSettleSeconds} s waiting for it; back = within 10% or 10 MB):`
  ]
  if (r.notStoppedOnSigterm.length > 0) lines.push(`  did not stop within 30 s of SIGTERM (killed): ${r.notStoppedOnSigterm.join(', ')}`)
  for (const n of r.rss) lines.push(`    ${n.name.padEnd(12)} ${n.baselineMb} -> ${n.peakMb} -> ${n.afterMb}${n.returned ? '' : '  (not back to baseline)'}`)
  return lines.join('\n')
}
