// A tiny Prometheus registry (no dependency): counters, gauges and histograms with labels,
// rendered in the text exposition format 0.0.4. Output is stable: families sorted by name,
// series sorted by their label values, histogram buckets in ascending `le` order ending in +Inf.
//
// createGridauthMetrics() predefines the node's metric set; the node updates it as things happen
// (inc/observe/set) or hands gauges a callback that is read at scrape time.

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/

export type Labels<L extends string> = { readonly [K in L]: string | number }

/** Prometheus' client default buckets, in seconds. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  return String(v)
}

export function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}

function renderLabels(names: readonly string[], values: readonly string[], extra?: [string, string]): string {
  const parts = names.map((n, i) => `${n}="${escapeLabelValue(values[i])}"`)
  if (extra !== undefined) parts.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`)
  return parts.length === 0 ? '' : `{${parts.join(',')}}`
}

interface MetricOptions<L extends string> {
  name: string
  help: string
  labelNames?: readonly L[]
}

abstract class Metric<L extends string> {
  readonly name: string
  readonly help: string
  readonly labelNames: readonly L[]
  abstract readonly type: 'counter' | 'gauge' | 'histogram'

  constructor(opts: MetricOptions<L>) {
    if (!METRIC_NAME_RE.test(opts.name)) throw new Error(`metrics: invalid metric name ${JSON.stringify(opts.name)}`)
    const names = opts.labelNames ?? []
    for (const l of names) {
      if (!LABEL_NAME_RE.test(l) || l.startsWith('__')) throw new Error(`metrics: invalid label name ${JSON.stringify(l)} on ${opts.name}`)
    }
    if (new Set(names).size !== names.length) throw new Error(`metrics: duplicate label name on ${opts.name}`)
    this.name = opts.name
    this.help = opts.help
    this.labelNames = [...names]
  }

  /** Label values in labelNames order; checks the label set exactly matches. */
  protected values(labels: Labels<L> | undefined): string[] {
    const given = labels === undefined ? [] : Object.keys(labels)
    if (given.length !== this.labelNames.length || given.some((k) => !(this.labelNames as readonly string[]).includes(k))) {
      throw new Error(`metrics: ${this.name} takes labels {${this.labelNames.join(',')}}, got {${given.join(',')}}`)
    }
    return this.labelNames.map((n) => String((labels as Record<string, string | number>)[n]))
  }

  protected header(): string {
    return `# HELP ${this.name} ${escapeHelp(this.help)}\n# TYPE ${this.name} ${this.type}\n`
  }

  abstract render(): string
}

const seriesKey = (values: readonly string[]): string => JSON.stringify(values)
const sortedSeries = <V>(m: Map<string, V>): Array<[string[], V]> =>
  [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [JSON.parse(k) as string[], v])

export class Counter<L extends string = never> extends Metric<L> {
  readonly type = 'counter'
  private readonly series = new Map<string, number>()

  constructor(opts: MetricOptions<L>) {
    super(opts)
    if (this.labelNames.length === 0) this.series.set(seriesKey([]), 0)
  }

  /** inc() / inc(2) without labels; inc({outcome: 'ok'}) / inc({...}, 2) with. */
  inc(...args: [L] extends [never] ? [value?: number] : [labels: Labels<L>, value?: number]): void {
    const [labels, value] = (this.labelNames.length === 0 ? [undefined, args[0]] : args) as [Labels<L> | undefined, number | undefined]
    const v = value ?? 1
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`metrics: ${this.name} can only increase by a finite non-negative amount (got ${v})`)
    const k = seriesKey(this.values(labels))
    this.series.set(k, (this.series.get(k) ?? 0) + v)
  }

  /** Makes a labelled series visible at 0 before its first increment. */
  init(labels: Labels<L>): void {
    const k = seriesKey(this.values(labels))
    if (!this.series.has(k)) this.series.set(k, 0)
  }

  /** Every series: its label values (in labelNames order) and its count. */
  entries(): Array<[string[], number]> {
    return sortedSeries(this.series)
  }

  get(...args: [L] extends [never] ? [] : [labels: Labels<L>]): number {
    return this.series.get(seriesKey(this.values(args[0] as Labels<L> | undefined))) ?? 0
  }

  render(): string {
    return this.header() + sortedSeries(this.series).map(([vals, v]) => `${this.name}${renderLabels(this.labelNames, vals)} ${formatValue(v)}\n`).join('')
  }
}

export type GaugeCollector<L extends string> = () => number | ReadonlyArray<{ labels: Labels<L>, value: number }>

export class Gauge<L extends string = never> extends Metric<L> {
  readonly type = 'gauge'
  private readonly series = new Map<string, number>()
  private collector: GaugeCollector<L> | undefined

  constructor(opts: MetricOptions<L> & { collect?: GaugeCollector<L> }) {
    super(opts)
    if (this.labelNames.length === 0) this.series.set(seriesKey([]), 0)
    this.collector = opts.collect
  }

  /** Reads the value(s) from `fn` at every scrape instead of set()/inc(). */
  collectWith(fn: GaugeCollector<L> | undefined): void {
    this.collector = fn
  }

  set(...args: [L] extends [never] ? [value: number] : [labels: Labels<L>, value: number]): void {
    const [labels, value] = (this.labelNames.length === 0 ? [undefined, args[0]] : args) as [Labels<L> | undefined, number]
    this.series.set(seriesKey(this.values(labels)), value)
  }

  inc(...args: [L] extends [never] ? [value?: number] : [labels: Labels<L>, value?: number]): void {
    const [labels, value] = (this.labelNames.length === 0 ? [undefined, args[0]] : args) as [Labels<L> | undefined, number | undefined]
    const k = seriesKey(this.values(labels))
    this.series.set(k, (this.series.get(k) ?? 0) + (value ?? 1))
  }

  dec(...args: [L] extends [never] ? [value?: number] : [labels: Labels<L>, value?: number]): void {
    const [labels, value] = (this.labelNames.length === 0 ? [undefined, args[0]] : args) as [Labels<L> | undefined, number | undefined]
    const k = seriesKey(this.values(labels))
    this.series.set(k, (this.series.get(k) ?? 0) - (value ?? 1))
  }

  get(...args: [L] extends [never] ? [] : [labels: Labels<L>]): number {
    return this.snapshot().get(seriesKey(this.values(args[0] as Labels<L> | undefined))) ?? 0
  }

  private snapshot(): Map<string, number> {
    if (this.collector === undefined) return this.series
    const got = this.collector()
    const m = new Map<string, number>()
    if (typeof got === 'number') m.set(seriesKey(this.values(undefined)), got)
    else for (const { labels, value } of got) m.set(seriesKey(this.values(labels)), value)
    return m
  }

  render(): string {
    return this.header() + sortedSeries(this.snapshot()).map(([vals, v]) => `${this.name}${renderLabels(this.labelNames, vals)} ${formatValue(v)}\n`).join('')
  }
}

interface HistogramSeries { counts: number[], sum: number, count: number }

export class Histogram<L extends string = never> extends Metric<L> {
  readonly type = 'histogram'
  /** Upper bounds, ascending, without +Inf. */
  readonly buckets: readonly number[]
  private readonly series = new Map<string, HistogramSeries>()

  constructor(opts: MetricOptions<L> & { buckets?: readonly number[] }) {
    super(opts)
    if ((this.labelNames as readonly string[]).includes('le')) throw new Error(`metrics: ${this.name}: 'le' is reserved in histograms`)
    const b = [...(opts.buckets ?? DEFAULT_BUCKETS)].filter((x) => x !== Infinity)
    if (b.length === 0) throw new Error(`metrics: ${this.name} needs at least one finite bucket`)
    for (let i = 0; i < b.length; i++) {
      if (!Number.isFinite(b[i]) || (i > 0 && b[i] <= b[i - 1])) throw new Error(`metrics: ${this.name} buckets must be finite and strictly increasing`)
    }
    this.buckets = b
    if (this.labelNames.length === 0) this.series.set(seriesKey([]), this.empty())
  }

  private empty(): HistogramSeries {
    return { counts: this.buckets.map(() => 0), sum: 0, count: 0 }
  }

  observe(...args: [L] extends [never] ? [value: number] : [labels: Labels<L>, value: number]): void {
    const [labels, value] = (this.labelNames.length === 0 ? [undefined, args[0]] : args) as [Labels<L> | undefined, number]
    if (Number.isNaN(value)) return
    const k = seriesKey(this.values(labels))
    let s = this.series.get(k)
    if (s === undefined) { s = this.empty(); this.series.set(k, s) }
    // Counts are per bucket (non-cumulative) here; render() accumulates.
    const i = this.buckets.findIndex((b) => value <= b)
    if (i >= 0) s.counts[i]++
    s.sum += value
    s.count++
  }

  /** Starts a timer; calling the result observes the elapsed seconds (and returns them). */
  startTimer(...args: [L] extends [never] ? [] : [labels: Labels<L>]): () => number {
    const t0 = process.hrtime.bigint()
    return () => {
      const secs = Number(process.hrtime.bigint() - t0) / 1e9
      ;(this.observe as (...a: unknown[]) => void)(...(this.labelNames.length === 0 ? [secs] : [args[0], secs]))
      return secs
    }
  }

  /** { count, sum } of one series (for tests and status output). */
  get(...args: [L] extends [never] ? [] : [labels: Labels<L>]): { count: number, sum: number } {
    const s = this.series.get(seriesKey(this.values(args[0] as Labels<L> | undefined)))
    return { count: s?.count ?? 0, sum: s?.sum ?? 0 }
  }

  render(): string {
    let out = this.header()
    for (const [vals, s] of sortedSeries(this.series)) {
      let acc = 0
      this.buckets.forEach((b, i) => {
        acc += s.counts[i]
        out += `${this.name}_bucket${renderLabels(this.labelNames, vals, ['le', formatValue(b)])} ${acc}\n`
      })
      out += `${this.name}_bucket${renderLabels(this.labelNames, vals, ['le', '+Inf'])} ${s.count}\n`
      out += `${this.name}_sum${renderLabels(this.labelNames, vals)} ${formatValue(s.sum)}\n`
      out += `${this.name}_count${renderLabels(this.labelNames, vals)} ${s.count}\n`
    }
    return out
  }
}

export class Registry {
  private readonly metrics = new Map<string, Metric<string>>()

  private add<M extends Metric<string>>(m: M): M {
    // A family's sample names must not collide with another family (e.g. x_count vs histogram x).
    const taken = (n: string): boolean => this.metrics.has(n) || [...this.metrics.values()].some((o) => o.type === 'histogram' && [`${o.name}_bucket`, `${o.name}_sum`, `${o.name}_count`].includes(n))
    const mine = m.type === 'histogram' ? [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`] : [m.name]
    if (mine.some(taken)) throw new Error(`metrics: ${m.name} is already registered`)
    this.metrics.set(m.name, m)
    return m
  }

  counter<L extends string = never>(opts: MetricOptions<L>): Counter<L> {
    return this.add(new Counter<L>(opts))
  }

  gauge<L extends string = never>(opts: MetricOptions<L> & { collect?: GaugeCollector<L> }): Gauge<L> {
    return this.add(new Gauge<L>(opts))
  }

  histogram<L extends string = never>(opts: MetricOptions<L> & { buckets?: readonly number[] }): Histogram<L> {
    return this.add(new Histogram<L>(opts))
  }

  /** The whole registry in text exposition format 0.0.4 (ends with a newline). */
  render(): string {
    return [...this.metrics.keys()].sort().map((n) => this.metrics.get(n)!.render()).join('')
  }
}

// ---------------------------------------------------------------------------------------------
// The gridauth metric set

/** Suggested auth outcomes; these series are shown at 0 from the start. */
export const AUTH_OUTCOMES = ['accepted', 'denied', 'error'] as const

export interface GridauthMetrics {
  chainHeight: Gauge
  pbftView: Gauge
  viewChanges: Counter
  commitLatency: Histogram
  authLatency: Histogram
  authTotal: Counter<'outcome'>
  authVerify: Histogram
  recordLookup: Histogram<'source'>
  skipgraphHops: Histogram
  peers: Gauge
  storedBlocks: Gauge
  storedBytes: Gauge
  rejectedMessages: Counter<'protocol' | 'reason'>
  residentMemory: Gauge
  uptime: Gauge
}

export interface GridauthMetricSources {
  /** Start time for gridauth_uptime_seconds (ms since epoch; default: now). */
  startedAt?: number
  /** Clock for uptime (default Date.now). */
  now?: () => number
  chainHeight?: () => number
  pbftView?: () => number
  peers?: () => number
  storedBlocks?: () => number
  storedBytes?: () => number
}

export function createGridauthMetrics(registry: Registry, sources: GridauthMetricSources = {}): GridauthMetrics {
  const now = sources.now ?? Date.now
  const startedAt = sources.startedAt ?? now()
  const m: GridauthMetrics = {
    chainHeight: registry.gauge({ name: 'gridauth_chain_height', help: 'Height of the last committed block.', collect: sources.chainHeight }),
    pbftView: registry.gauge({ name: 'gridauth_pbft_view', help: 'Current PBFT view number.', collect: sources.pbftView }),
    viewChanges: registry.counter({ name: 'gridauth_pbft_view_changes_total', help: 'PBFT view changes completed.' }),
    commitLatency: registry.histogram({
      name: 'gridauth_commit_latency_seconds',
      help: 'Time from a request reaching the primary to its block being committed, seconds.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
    }),
    authLatency: registry.histogram({
      name: 'gridauth_auth_latency_seconds',
      help: 'Access authentication latency as seen by the requesting node, seconds.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
    }),
    authTotal: registry.counter<'outcome'>({ name: 'gridauth_auth_total', help: 'Access authentications by outcome.', labelNames: ['outcome'] }),
    authVerify: registry.histogram({
      name: 'gridauth_auth_verify_seconds',
      help: 'Time a verifier takes to judge a peer authentication (record lookup included), seconds.',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
    }),
    recordLookup: registry.histogram<'source'>({
      name: 'gridauth_record_lookup_seconds',
      help: 'Terminal record reads by where the record came from (cache, skipgraph, validator, absent, ledger), seconds.',
      labelNames: ['source'],
      buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    }),
    skipgraphHops: registry.histogram({
      name: 'gridauth_skipgraph_hops',
      help: 'Hops taken by skip-graph searches started or answered by this node.',
      buckets: [0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32]
    }),
    peers: registry.gauge({ name: 'gridauth_peers', help: 'Connected libp2p peers.', collect: sources.peers }),
    storedBlocks: registry.gauge({ name: 'gridauth_stored_blocks', help: 'Blocks stored locally (skip-graph placement).', collect: sources.storedBlocks }),
    storedBytes: registry.gauge({ name: 'gridauth_stored_bytes', help: 'Bytes of blocks stored locally.', collect: sources.storedBytes }),
    rejectedMessages: registry.counter<'protocol' | 'reason'>({
      name: 'gridauth_rejected_messages_total',
      help: 'Inbound messages rejected, by protocol and reason.',
      labelNames: ['protocol', 'reason']
    }),
    residentMemory: registry.gauge({ name: 'gridauth_process_resident_memory_bytes', help: 'Resident set size of the node process, bytes.', collect: () => process.memoryUsage.rss() }),
    uptime: registry.gauge({ name: 'gridauth_uptime_seconds', help: 'Seconds since the node started.', collect: () => (now() - startedAt) / 1000 })
  }
  for (const outcome of AUTH_OUTCOMES) m.authTotal.init({ outcome })
  return m
}
