// The oracle, checked continuously while a campaign runs: every node process alive, nothing
// alarming in its stderr, `status` over the control socket and a libp2p ping from a fresh,
// well-behaved host answered within a bound, and RSS sampled from /proc/<pid>/status.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { callNode } from '../cli/control-client.js'
import type { RunningNode } from '../mesh/processes.js'
import { createHost } from './attack.js'

/** Lines in a node's stderr that mean an uncaught error, an unhandled rejection or a crash. */
export const ALARMS: RegExp[] = [
  /unhandled/i, /uncaught/i, /UnhandledPromiseRejection/, /internal error/i,
  /^\s+at .+[(\s].+:\d+:\d+\)?$/m, // a stack frame
  /FATAL ERROR|JavaScript heap out of memory|Segmentation fault|Abort(ed)? \(core dumped\)/i
]
/** ERROR-level log lines: reported, not failures. */
export const ERROR_LINE = /^\S+ ERROR |"level":"error"/

export interface NodeHandle {
  name: string
  node: RunningNode
  pid: number
  socket: string
  metricsUrl: string | null
  exit?: { code: number | null, signal: NodeJS.Signals | null }
  rss: { baseline: number, peak: number, last: number, samples: number[] }
  /** Offset in stderr already scanned. */
  scanned: number
  alarms: string[]
  errorLines: string[]
  slowestCheckMs: number
}

export function rssBytes(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m === null ? undefined : Number(m[1]) * 1024
  } catch {
    return undefined
  }
}

/** CPU seconds (user + system) the process has used. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(f[11]) + Number(f[12])) / 100
  } catch {
    return undefined
  }
}

export function watch(name: string, node: RunningNode, metricsUrl: string | null): NodeHandle {
  const h: NodeHandle = { name, node, pid: node.proc.pid!, socket: join(node.dataDir, 'control.sock'), metricsUrl, rss: { baseline: 0, peak: 0, last: 0, samples: [] }, scanned: 0, alarms: [], errorLines: [], slowestCheckMs: 0 }
  node.proc.on('exit', (code, signal) => { h.exit = { code, signal } })
  const r = rssBytes(h.pid) ?? 0
  h.rss = { baseline: r, peak: r, last: r, samples: [r] }
  return h
}

/** Alive and no new alarming stderr lines; returns problems found. */
export function quickCheck(h: NodeHandle): string[] {
  const problems: string[] = []
  if (h.exit !== undefined || h.node.proc.exitCode !== null || h.node.proc.signalCode !== null) {
    const external = /stopping signal=(SIG\w+)/.exec(h.node.stderr())
    problems.push(`${h.name} exited (code ${h.exit?.code ?? h.node.proc.exitCode}, signal ${h.exit?.signal ?? h.node.proc.signalCode})${external !== null ? ` after a ${external[1]} the fuzzer did not send (another process signalled it)` : ''}`)
  }
  const err = h.node.stderr()
  if (err.length > h.scanned) {
    // scan whole lines only
    const end = err.lastIndexOf('\n') + 1
    if (end > h.scanned) {
      const fresh = err.slice(h.scanned, end)
      h.scanned = end
      for (const line of fresh.split('\n')) {
        if (line.trim() === '') continue
        if (ALARMS.some((re) => re.test(line))) {
          h.alarms.push(line.slice(0, 500))
          problems.push(`${h.name} stderr: ${line.slice(0, 300)}`)
        } else if (ERROR_LINE.test(line) && h.errorLines.length < 50) h.errorLines.push(line.slice(0, 300))
      }
    }
  }
  const r = rssBytes(h.pid)
  if (r !== undefined) {
    h.rss.last = r
    h.rss.peak = Math.max(h.rss.peak, r)
    h.rss.samples.push(r)
    if (h.rss.samples.length > 10_000) h.rss.samples.splice(0, 5_000)
  }
  return problems
}

/** `status` over the control socket and a ping from a brand-new libp2p host, each within `boundMs`. */
export async function livenessCheck(h: NodeHandle, boundMs: number): Promise<string[]> {
  const problems: string[] = []
  const t0 = performance.now()
  try {
    await callNode(h.socket, 'status', {}, boundMs)
  } catch (err) {
    problems.push(`${h.name} did not answer status within ${boundMs} ms: ${(err as Error).message}`)
  }
  const t1 = performance.now()
  const checker = await createHost()
  try {
    await checker.start()
    const ma = multiaddr(h.node.addr)
    const rtt = await checker.services.ping.ping(ma, { signal: AbortSignal.timeout(boundMs) })
    if (!(rtt >= 0)) problems.push(`${h.name} ping returned ${rtt}`)
  } catch (err) {
    problems.push(`${h.name} did not answer a ping from a fresh host within ${boundMs} ms: ${(err as Error).message}`)
  } finally {
    await Promise.resolve(checker.stop()).catch(() => {})
  }
  h.slowestCheckMs = Math.max(h.slowestCheckMs, Math.round(Math.max(t1 - t0, performance.now() - t1)))
  return problems
}

/** gridauth_rejected_messages_total{protocol,reason} from the node's /metrics, if served. */
export async function rejectionCounters(h: NodeHandle): Promise<Record<string, number> | null> {
  if (h.metricsUrl === null) return null
  try {
    const res = await fetch(h.metricsUrl, { signal: AbortSignal.timeout(3_000) })
    const text = await res.text()
    const out: Record<string, number> = {}
    for (const line of text.split('\n')) {
      const m = /^gridauth_rejected_messages_total(\{[^}]*\})?\s+([0-9.eE+-]+)/.exec(line)
      if (m !== null) out[m[1] ?? '{}'] = Number(m[2])
    }
    return out
  } catch {
    return null
  }
}

/** Component-level rejection stats the node exposes over the control API (best effort). */
export async function componentRejections(h: NodeHandle): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  try {
    const info = await callNode<{ stats?: Record<string, unknown>, blocks?: unknown[] }>(h.socket, 'skipgraph.info', {}, 5_000)
    if (info.stats !== undefined) {
      out['skipgraph.rejected'] = info.stats.rejectedSkipgraph
      out['blocks.rejected'] = info.stats.rejectedBlocks
      out['skipgraph.received'] = info.stats.received
    }
    if (Array.isArray(info.blocks)) out['blocks.held'] = info.blocks.length
  } catch { /* no skip graph on this node */ }
  return out
}
