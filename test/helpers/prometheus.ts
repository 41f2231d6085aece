// A strict parser of the Prometheus text exposition format 0.0.4, for tests that scrape /metrics.
import assert from 'node:assert/strict'

export interface Sample { name: string, labels: Record<string, string>, value: number }
export interface Family { name: string, type: string, help?: string, samples: Sample[] }

const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/
const VALUE_RE = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|NaN|[+-]Inf)$/

function parseFloatStrict(s: string, line: number): number {
  if (!VALUE_RE.test(s)) throw new Error(`line ${line}: bad value ${JSON.stringify(s)}`)
  if (s === 'NaN') return NaN
  if (s === '+Inf') return Infinity
  if (s === '-Inf') return -Infinity
  return Number(s)
}

function unescape(s: string, allowQuote: boolean, line: number): string {
  return s.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\'
    if (c === 'n') return '\n'
    if (c === '"' && allowQuote) return '"'
    throw new Error(`line ${line}: bad escape \\${c}`)
  })
}

function parseLabels(s: string, line: number): [Record<string, string>, string] {
  const labels: Record<string, string> = {}
  let i = 1 // after '{'
  if (s[i] === '}') return [labels, s.slice(i + 1)]
  for (;;) {
    const eq = s.indexOf('=', i)
    if (eq < 0) throw new Error(`line ${line}: label without =`)
    const name = s.slice(i, eq)
    if (!LABEL_RE.test(name)) throw new Error(`line ${line}: bad label name ${JSON.stringify(name)}`)
    if (name in labels) throw new Error(`line ${line}: duplicate label ${name}`)
    if (s[eq + 1] !== '"') throw new Error(`line ${line}: label value must be quoted`)
    let j = eq + 2
    let raw = ''
    for (; j < s.length && s[j] !== '"'; j++) {
      if (s[j] === '\\') { raw += s[j] + (s[j + 1] ?? ''); j++ } else raw += s[j]
    }
    if (j >= s.length) throw new Error(`line ${line}: unterminated label value`)
    labels[name] = unescape(raw, true, line)
    j++
    if (s[j] === '}') return [labels, s.slice(j + 1)]
    if (s[j] !== ',') throw new Error(`line ${line}: expected , or } after label`)
    i = j + 1
  }
}

export function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>()
  if (text === '') return families
  assert.ok(text.endsWith('\n'), 'exposition ends with a newline')
  const lines = text.slice(0, -1).split('\n')
  const closed = new Set<string>()
  let current: string | undefined
  const seen = new Set<string>()
  const family = (name: string): Family => {
    let f = families.get(name)
    if (f === undefined) { f = { name, type: '', samples: [] }; families.set(name, f) }
    return f
  }
  lines.forEach((l, idx) => {
    const line = idx + 1
    if (l === '') throw new Error(`line ${line}: empty line`)
    if (l.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(l)
      if (m === null) return // plain comment
      const [, kind, name, rest] = m
      if (!NAME_RE.test(name)) throw new Error(`line ${line}: bad metric name ${name}`)
      const f = family(name)
      if (closed.has(name) || (current !== undefined && current !== name && f.samples.length > 0)) throw new Error(`line ${line}: ${name} metadata after its samples`)
      if (kind === 'HELP') {
        if (f.help !== undefined) throw new Error(`line ${line}: second HELP for ${name}`)
        f.help = unescape(rest, false, line)
      } else {
        if (f.type !== '') throw new Error(`line ${line}: second TYPE for ${name}`)
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`line ${line}: bad type ${rest}`)
        if (f.samples.length > 0) throw new Error(`line ${line}: TYPE after samples`)
        f.type = rest
      }
      if (current !== undefined && current !== name) closed.add(current)
      current = name
      return
    }
    const nm = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(l)
    if (nm === null) throw new Error(`line ${line}: bad sample line ${JSON.stringify(l)}`)
    const name = nm[1]
    let rest = l.slice(name.length)
    let labels: Record<string, string> = {}
    if (rest.startsWith('{')) [labels, rest] = parseLabels(rest, line)
    const vm = /^ (\S+)(?: (-?\d+))?$/.exec(rest)
    if (vm === null) throw new Error(`line ${line}: bad value part ${JSON.stringify(rest)}`)
    const value = parseFloatStrict(vm[1], line)
    // Which family: exact name, or a histogram's _bucket/_sum/_count.
    let fam = families.get(name)
    if (fam === undefined || fam.type === 'histogram') {
      const base = /^(.*)_(bucket|sum|count)$/.exec(name)
      const h = base === null ? undefined : families.get(base[1])
      if (h?.type === 'histogram') fam = h
      else if (fam?.type === 'histogram') throw new Error(`line ${line}: histogram ${name} sample without suffix`)
    }
    if (fam === undefined || fam.type === '') throw new Error(`line ${line}: sample ${name} has no TYPE`)
    if (closed.has(fam.name) || (current !== undefined && current !== fam.name)) throw new Error(`line ${line}: samples of ${fam.name} are not contiguous`)
    if (fam.type === 'histogram' && name.endsWith('_bucket') && !('le' in labels)) throw new Error(`line ${line}: bucket without le`)
    if (fam.type === 'counter' && !(value >= 0)) throw new Error(`line ${line}: negative counter`)
    const key = name + JSON.stringify(Object.entries(labels).sort())
    if (seen.has(key)) throw new Error(`line ${line}: duplicate series ${key}`)
    seen.add(key)
    fam.samples.push({ name, labels, value })
  })
  for (const f of families.values()) {
    if (f.type === '') throw new Error(`${f.name}: HELP without TYPE`)
    if (f.type === 'histogram') checkHistogram(f)
  }
  return families
}

export function checkHistogram(f: Family): void {
  const groups = new Map<string, { buckets: Array<[number, number]>, sum?: number, count?: number }>()
  for (const s of f.samples) {
    const { le, ...rest } = s.labels
    const k = JSON.stringify(Object.entries(rest).sort())
    let g = groups.get(k)
    if (g === undefined) { g = { buckets: [] }; groups.set(k, g) }
    if (s.name === `${f.name}_bucket`) g.buckets.push([parseFloatStrict(le, 0), s.value])
    else if (s.name === `${f.name}_sum`) g.sum = s.value
    else if (s.name === `${f.name}_count`) g.count = s.value
    else throw new Error(`${f.name}: unexpected sample ${s.name}`)
  }
  for (const [k, g] of groups) {
    assert.ok(g.buckets.length > 0, `${f.name}${k}: has buckets`)
    for (let i = 1; i < g.buckets.length; i++) {
      assert.ok(g.buckets[i][0] > g.buckets[i - 1][0], `${f.name}${k}: le strictly increasing`)
      assert.ok(g.buckets[i][1] >= g.buckets[i - 1][1], `${f.name}${k}: buckets cumulative`)
    }
    const last = g.buckets.at(-1)!
    assert.equal(last[0], Infinity, `${f.name}${k}: last bucket is le="+Inf"`)
    assert.notEqual(g.count, undefined, `${f.name}${k}: has _count`)
    assert.notEqual(g.sum, undefined, `${f.name}${k}: has _sum`)
    assert.equal(last[1], g.count, `${f.name}${k}: +Inf bucket = _count`)
  }
}

export function value(fams: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of fams.values()) {
    for (const s of f.samples) {
      if (s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort())) return s.value
    }
  }
  return undefined
}
