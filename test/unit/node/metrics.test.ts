import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  Registry, createGridauthMetrics, formatValue, escapeLabelValue, PROMETHEUS_CONTENT_TYPE, AUTH_OUTCOMES
} from '../../../src/node/metrics.js'
import { MetricsServer, isLoopbackHost } from '../../../src/node/metrics-server.js'
import { UserError } from '../../../src/util/errors.js'
import type { Logger } from '../../../src/util/log.js'

// ---------------------------------------------------------------------------------------------
// A strict parser for the Prometheus text exposition format 0.0.4. Every line must be a HELP,
// TYPE, other comment or sample line; it throws on anything else.

import { parseExposition, value } from '../../helpers/prometheus.js'

// ---------------------------------------------------------------------------------------------

describe('the test parser itself rejects malformed expositions', () => {
  const bad: Array<[string, string]> = [
    ['no TYPE', 'x 1\n'],
    ['bad name', '# TYPE 1x counter\n1x 1\n'],
    ['bad value', '# TYPE x gauge\nx one\n'],
    ['bad label escape', '# TYPE x gauge\nx{a="\\t"} 1\n'],
    ['unquoted label', '# TYPE x gauge\nx{a=1} 1\n'],
    ['not contiguous', '# TYPE x gauge\n# TYPE y gauge\nx 1\ny 1\nx{a="b"} 2\n'],
    ['non-cumulative', '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n'],
    ['no +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    ['+Inf != count', '# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 2\n'],
    ['duplicate series', '# TYPE x gauge\nx 1\nx 2\n'],
    ['no final newline', '# TYPE x gauge\nx 1']
  ]
  for (const [why, text] of bad) test(why, () => assert.throws(() => parseExposition(text)))
  test('accepts a valid exposition', () => {
    const f = parseExposition('# HELP x a \\\\ b\n# TYPE x gauge\nx{a="q\\"\\n"} -Inf 123\n')
    assert.equal(f.get('x')?.help, 'a \\ b')
    assert.deepEqual(f.get('x')?.samples, [{ name: 'x', labels: { a: 'q"\n' }, value: -Infinity }])
  })
})

describe('registry rendering', () => {
  test('empty registry renders nothing', () => {
    assert.equal(new Registry().render(), '')
  })

  test('exact text for counters, gauges and a histogram', () => {
    const r = new Registry()
    const c = r.counter<'outcome'>({ name: 'b_total', help: 'B things.', labelNames: ['outcome'] })
    const g = r.gauge({ name: 'a_gauge', help: 'A gauge.' })
    const h = r.histogram({ name: 'c_seconds', help: 'C.', buckets: [0.1, 1] })
    c.inc({ outcome: 'ok' })
    c.inc({ outcome: 'denied' }, 2)
    c.inc({ outcome: 'ok' })
    g.set(3.5)
    h.observe(0.1) // le is inclusive
    h.observe(0.5)
    h.observe(7)
    assert.equal(r.render(), [
      '# HELP a_gauge A gauge.',
      '# TYPE a_gauge gauge',
      'a_gauge 3.5',
      '# HELP b_total B things.',
      '# TYPE b_total counter',
      'b_total{outcome="denied"} 2',
      'b_total{outcome="ok"} 2',
      '# HELP c_seconds C.',
      '# TYPE c_seconds histogram',
      'c_seconds_bucket{le="0.1"} 1',
      'c_seconds_bucket{le="1"} 2',
      'c_seconds_bucket{le="+Inf"} 3',
      'c_seconds_sum 7.6',
      'c_seconds_count 3',
      ''
    ].join('\n'))
    parseExposition(r.render())
    assert.equal(c.get({ outcome: 'ok' }), 2)
    assert.deepEqual(h.get(), { count: 3, sum: 7.6 })
  })

  test('unlabelled metrics show 0 before use; labelled ones show nothing until used or init()', () => {
    const r = new Registry()
    r.counter({ name: 'x_total', help: 'x' })
    r.histogram({ name: 'h', help: 'h', buckets: [1] })
    const l = r.counter<'k'>({ name: 'l_total', help: 'l', labelNames: ['k'] })
    let fams = parseExposition(r.render())
    assert.equal(value(fams, 'x_total'), 0)
    assert.equal(value(fams, 'h_count'), 0)
    assert.equal(value(fams, 'h_bucket', { le: '+Inf' }), 0)
    assert.deepEqual(fams.get('l_total')?.samples, [])
    l.init({ k: 'a' })
    fams = parseExposition(r.render())
    assert.equal(value(fams, 'l_total', { k: 'a' }), 0)
  })

  test('label values escape backslash, quote and newline; HELP escapes backslash and newline', () => {
    const r = new Registry()
    const c = r.counter<'protocol' | 'reason'>({ name: 'rej_total', help: 'line1\nline2 \\ "q"', labelNames: ['protocol', 'reason'] })
    const nasty = 'a\\b"c\nd}, e="f'
    c.inc({ protocol: '/gridauth/pbft/1.0.0', reason: nasty })
    const text = r.render()
    assert.ok(text.includes('reason="a\\\\b\\"c\\nd}, e=\\"f"'), text)
    assert.ok(text.includes('# HELP rej_total line1\\nline2 \\\\ "q"\n'))
    assert.equal(text.split('\n').length, 4) // HELP, TYPE, one sample + trailing empty: no raw newline leaked
    const fams = parseExposition(text)
    assert.deepEqual(fams.get('rej_total')?.samples[0].labels, { protocol: '/gridauth/pbft/1.0.0', reason: nasty })
    assert.equal(fams.get('rej_total')?.help, 'line1\nline2 \\ "q"')
    assert.equal(escapeLabelValue('\\"\n'), '\\\\\\"\\n')
  })

  test('output is sorted and independent of registration and update order', () => {
    const build = (order: number[]): string => {
      const r = new Registry()
      const names = ['zeta', 'alpha', 'mid']
      const ms = order.map((i) => r.counter<'k'>({ name: `${names[i]}_total`, help: names[i], labelNames: ['k'] }))
      const updates: Array<[number, string]> = [[0, 'b'], [1, 'a'], [2, 'c'], [0, 'a'], [1, 'z']]
      for (const [i, k] of (order[0] === 0 ? updates : [...updates].reverse())) ms[order.indexOf(i)].inc({ k })
      return r.render()
    }
    const a = build([0, 1, 2])
    assert.equal(a, build([2, 0, 1]))
    const sampleLines = a.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    assert.deepEqual(sampleLines, [
      'alpha_total{k="a"} 1', 'alpha_total{k="z"} 1', 'mid_total{k="c"} 1', 'zeta_total{k="a"} 1', 'zeta_total{k="b"} 1'
    ])
  })

  test('values: integers, fractions, exponents, NaN and infinities', () => {
    assert.equal(formatValue(0), '0')
    assert.equal(formatValue(42), '42')
    assert.equal(formatValue(0.25), '0.25')
    assert.equal(formatValue(1e21), '1e+21')
    assert.equal(formatValue(NaN), 'NaN')
    assert.equal(formatValue(Infinity), '+Inf')
    assert.equal(formatValue(-Infinity), '-Inf')
    const r = new Registry()
    const g = r.gauge<'k'>({ name: 'g', help: 'g', labelNames: ['k'] })
    for (const [k, v] of [['a', NaN], ['b', Infinity], ['c', -Infinity], ['d', 1e21], ['e', -0.5]] as const) g.set({ k }, v)
    const fams = parseExposition(r.render())
    assert.ok(Number.isNaN(value(fams, 'g', { k: 'a' })))
    assert.equal(value(fams, 'g', { k: 'b' }), Infinity)
    assert.equal(value(fams, 'g', { k: 'd' }), 1e21)
    assert.equal(value(fams, 'g', { k: 'e' }), -0.5)
  })

  test('gauges: set/inc/dec, and callbacks read at each scrape', () => {
    const r = new Registry()
    const g = r.gauge({ name: 'g', help: 'g' })
    g.set(5)
    g.inc()
    g.dec(3)
    assert.equal(g.get(), 3)
    let n = 1
    const cb = r.gauge({ name: 'cb', help: 'cb', collect: () => n })
    const lcb = r.gauge<'level'>({ name: 'lcb', help: 'lcb', labelNames: ['level'], collect: () => [{ labels: { level: 1 }, value: n * 10 }, { labels: { level: 0 }, value: n }] })
    assert.equal(value(parseExposition(r.render()), 'cb'), 1)
    n = 7
    const fams = parseExposition(r.render())
    assert.equal(value(fams, 'cb'), 7)
    assert.equal(value(fams, 'lcb', { level: '1' }), 70)
    assert.deepEqual(fams.get('lcb')?.samples.map((s) => s.labels.level), ['0', '1'])
    assert.equal(cb.get(), 7)
    assert.equal(lcb.get({ level: 0 }), 7)
    g.collectWith(() => 99)
    assert.equal(value(parseExposition(r.render()), 'g'), 99)
  })

  test('histograms: labelled series, boundaries, above-last-bucket, NaN ignored, custom buckets, timer', () => {
    const r = new Registry()
    const h = r.histogram<'op'>({ name: 'hops', help: 'hops', labelNames: ['op'], buckets: [0, 1, 2, 4] })
    for (const v of [0, 1, 1, 2, 3, 4, 5, 100, NaN]) h.observe({ op: 'get' }, v)
    h.observe({ op: 'put' }, 2)
    const fams = parseExposition(r.render())
    const le = (op: string, l: string): number | undefined => value(fams, 'hops_bucket', { op, le: l })
    assert.deepEqual(['0', '1', '2', '4', '+Inf'].map((l) => le('get', l)), [1, 3, 4, 6, 8])
    assert.deepEqual(['0', '1', '2', '4', '+Inf'].map((l) => le('put', l)), [0, 0, 1, 1, 1])
    assert.equal(value(fams, 'hops_sum', { op: 'get' }), 116)
    assert.equal(value(fams, 'hops_count', { op: 'get' }), 8)
    const t = r.histogram({ name: 't_seconds', help: 't', buckets: [10] })
    const stop = t.startTimer()
    const secs = stop()
    assert.ok(secs >= 0 && secs < 10)
    assert.equal(t.get().count, 1)
  })

  test('misuse throws: names, labels, negative increments, duplicates, buckets', () => {
    const r = new Registry()
    assert.throws(() => r.counter({ name: 'bad-name', help: '' }), /invalid metric name/)
    assert.throws(() => r.counter({ name: 'x', help: '', labelNames: ['__x'] }), /invalid label name/)
    assert.throws(() => r.counter({ name: 'x2', help: '', labelNames: ['a', 'a'] }), /duplicate label/)
    assert.throws(() => r.histogram({ name: 'h0', help: '', labelNames: ['le'] }), /reserved/)
    assert.throws(() => r.histogram({ name: 'h1', help: '', buckets: [1, 1] }), /strictly increasing/)
    assert.throws(() => r.histogram({ name: 'h2', help: '', buckets: [] }), /at least one/)
    const c = r.counter<'a'>({ name: 'c_total', help: '', labelNames: ['a'] })
    assert.throws(() => c.inc({ a: 'x' }, -1), /non-negative/)
    assert.throws(() => c.inc({ b: 'x' } as never), /takes labels \{a\}/)
    assert.throws(() => c.inc({ a: 'x', b: 'y' } as never), /takes labels/)
    assert.throws(() => r.counter({ name: 'c_total', help: '' }), /already registered/)
    r.histogram({ name: 'lat', help: '' })
    assert.throws(() => r.gauge({ name: 'lat_count', help: '' }), /already registered/)
    r.gauge({ name: 'q_sum', help: '' })
    assert.throws(() => r.histogram({ name: 'q', help: '' }), /already registered/)
  })

  test('random workloads always render a valid exposition', () => {
    let seed = 12345
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const r = new Registry()
    const c = r.counter<'p' | 'r'>({ name: 'c_total', help: 'c', labelNames: ['p', 'r'] })
    const h = r.histogram<'o'>({ name: 'h_seconds', help: 'h', labelNames: ['o'], buckets: [0.001, 0.01, 0.1, 1] })
    const g = r.gauge<'k'>({ name: 'g', help: 'g', labelNames: ['k'] })
    const chars = ['a', '\\', '"', '\n', 'é', ' ', '{', '}', '=', ',']
    const str = (): string => Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => chars[Math.floor(rnd() * chars.length)]).join('')
    for (let i = 0; i < 400; i++) {
      c.inc({ p: str(), r: str() }, Math.floor(rnd() * 3))
      h.observe({ o: str() }, rnd() * 2)
      g.set({ k: str() }, rnd() * 100 - 50)
    }
    const fams = parseExposition(r.render())
    const total = fams.get('h_seconds')!.samples.filter((s) => s.name === 'h_seconds_count').reduce((a, s) => a + s.value, 0)
    assert.equal(total, 400)
  })
})

describe('gridauth metric set', () => {
  test('every metric is present with its type, and the set renders validly', () => {
    const r = new Registry()
    let t = 1_000_000
    const m = createGridauthMetrics(r, { startedAt: t, now: () => t, peers: () => 4 })
    t += 12_500
    m.chainHeight.set(17)
    m.pbftView.set(2)
    m.viewChanges.inc()
    m.commitLatency.observe(0.03)
    m.authLatency.observe(0.004)
    m.authTotal.inc({ outcome: 'accepted' })
    m.authVerify.observe(0.002)
    m.recordLookup.observe({ source: 'skipgraph' }, 0.003)
    m.skipgraphHops.observe(3)
    m.storedBlocks.set(9)
    m.storedBytes.set(4096)
    m.rejectedMessages.inc({ protocol: '/gridauth/pbft/1.0.0', reason: 'too-large' })
    const fams = parseExposition(r.render())
    const types = Object.fromEntries([...fams.values()].map((f) => [f.name, f.type]))
    assert.deepEqual(types, {
      gridauth_auth_latency_seconds: 'histogram',
      gridauth_auth_total: 'counter',
      gridauth_auth_verify_seconds: 'histogram',
      gridauth_chain_height: 'gauge',
      gridauth_commit_latency_seconds: 'histogram',
      gridauth_pbft_view: 'gauge',
      gridauth_pbft_view_changes_total: 'counter',
      gridauth_peers: 'gauge',
      gridauth_process_resident_memory_bytes: 'gauge',
      gridauth_record_lookup_seconds: 'histogram',
      gridauth_rejected_messages_total: 'counter',
      gridauth_skipgraph_hops: 'histogram',
      gridauth_stored_blocks: 'gauge',
      gridauth_stored_bytes: 'gauge',
      gridauth_uptime_seconds: 'gauge'
    })
    for (const f of fams.values()) assert.ok((f.help ?? '').length > 0, `${f.name} has HELP`)
    assert.equal(value(fams, 'gridauth_chain_height'), 17)
    assert.equal(value(fams, 'gridauth_peers'), 4)
    assert.equal(value(fams, 'gridauth_uptime_seconds'), 12.5)
    assert.ok(value(fams, 'gridauth_process_resident_memory_bytes')! > 1e6)
    assert.equal(value(fams, 'gridauth_auth_total', { outcome: 'accepted' }), 1)
    for (const o of AUTH_OUTCOMES.filter((o) => o !== 'accepted')) assert.equal(value(fams, 'gridauth_auth_total', { outcome: o }), 0)
    assert.equal(value(fams, 'gridauth_rejected_messages_total', { protocol: '/gridauth/pbft/1.0.0', reason: 'too-large' }), 1)
    assert.equal(value(fams, 'gridauth_skipgraph_hops_bucket', { le: '3' }), 1)
    assert.equal(value(fams, 'gridauth_commit_latency_seconds_count'), 1)
    assert.equal(value(fams, 'gridauth_auth_verify_seconds_bucket', { le: '0.0025' }), 1)
    assert.equal(value(fams, 'gridauth_record_lookup_seconds_bucket', { source: 'skipgraph', le: '0.005' }), 1)
    assert.equal(value(fams, 'gridauth_record_lookup_seconds_bucket', { source: 'skipgraph', le: '0.0025' }), 0)
  })
})

// ---------------------------------------------------------------------------------------------

function captureLog(): Logger & { lines: Array<[string, string, Record<string, unknown> | undefined]> } {
  const lines: Array<[string, string, Record<string, unknown> | undefined]> = []
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>): void => { lines.push([level, msg, fields]) }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

describe('metrics HTTP server', () => {
  test('serves /metrics on a loopback port 0, 404 elsewhere, 405 for POST, HEAD without body', async () => {
    const r = new Registry()
    const m = createGridauthMetrics(r)
    m.chainHeight.set(3)
    const log = captureLog()
    const srv = new MetricsServer(r, '127.0.0.1:0', log)
    const addr = await srv.start()
    try {
      assert.equal(addr.host, '127.0.0.1')
      assert.ok(addr.port > 0)
      assert.equal(addr.url, `http://127.0.0.1:${addr.port}/metrics`)
      assert.deepEqual(srv.address, addr)
      assert.ok(!log.lines.some(([l]) => l === 'warn'), 'no warning on loopback')
      const res = await fetch(addr.url)
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('content-type'), PROMETHEUS_CONTENT_TYPE)
      assert.equal(PROMETHEUS_CONTENT_TYPE, 'text/plain; version=0.0.4; charset=utf-8')
      const fams = parseExposition(await res.text())
      assert.equal(fams.size, 15)
      assert.equal(value(fams, 'gridauth_chain_height'), 3)
      m.chainHeight.set(4)
      assert.equal(value(parseExposition(await (await fetch(`${addr.url}?x=1`)).text()), 'gridauth_chain_height'), 4)
      for (const path of ['/', '/metrics/', '/metricsx', '/favicon.ico']) {
        const nf = await fetch(`http://127.0.0.1:${addr.port}${path}`)
        assert.equal(nf.status, 404, path)
        await nf.text()
      }
      const post = await fetch(addr.url, { method: 'POST', body: 'x' })
      assert.equal(post.status, 405)
      assert.equal(post.headers.get('allow'), 'GET, HEAD')
      await post.text()
      const head = await fetch(addr.url, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(await head.text(), '')
    } finally {
      await srv.stop()
    }
    assert.equal(srv.address, undefined)
    await assert.rejects(fetch(addr.url))
    await srv.stop() // idempotent
  })

  test('refuses an address in use with a UserError', async () => {
    const a = new MetricsServer(new Registry(), '127.0.0.1:0', captureLog())
    const { port } = await a.start()
    try {
      const b = new MetricsServer(new Registry(), `127.0.0.1:${port}`, captureLog())
      await assert.rejects(b.start(), (err: unknown) => {
        assert.ok(err instanceof UserError)
        assert.equal(err.message, `cannot serve metrics on 127.0.0.1:${port}: address already in use (set metrics.listen to another address, or off)`)
        return true
      })
      assert.equal(b.address, undefined)
    } finally {
      await a.stop()
    }
  })

  test('warns when bound to a non-loopback address', async () => {
    const log = captureLog()
    const srv = new MetricsServer(new Registry(), { host: '0.0.0.0', port: 0 }, log)
    const { port } = await srv.start()
    try {
      const warn = log.lines.find(([l]) => l === 'warn')
      assert.ok(warn !== undefined, 'a warning was logged')
      assert.match(warn[1], /reachable from the network/)
      const res = await fetch(`http://127.0.0.1:${port}/metrics`)
      assert.equal(res.status, 200)
      assert.equal(await res.text(), '')
    } finally {
      await srv.stop()
    }
  })

  test('IPv6 loopback when available', async (t) => {
    const srv = new MetricsServer(new Registry(), '[::1]:0', captureLog())
    let addr
    try {
      addr = await srv.start()
    } catch (err) {
      // No IPv6 in this sandbox: the failure must still be a clear UserError.
      assert.ok(err instanceof UserError)
      assert.match(err.message, /^cannot serve metrics on \[::1\]:0: /)
      t.diagnostic(`IPv6 unavailable: ${err.message}`)
      return
    }
    try {
      assert.equal(addr.url, `http://[::1]:${addr.port}/metrics`)
      assert.equal((await fetch(addr.url)).status, 200)
    } finally {
      await srv.stop()
    }
  })

  test('a failing collector gives 500 and a log line, not a crash', async () => {
    const r = new Registry()
    r.gauge({ name: 'boom', help: 'b', collect: () => { throw new Error('kaput') } })
    const log = captureLog()
    const srv = new MetricsServer(r, '127.0.0.1:0', log)
    const { url } = await srv.start()
    try {
      const res = await fetch(url)
      assert.equal(res.status, 500)
      await res.text()
      assert.ok(log.lines.some(([l, msg]) => l === 'error' && msg === 'metrics collection failed'))
    } finally {
      await srv.stop()
    }
  })

  test('bad addresses are UserErrors; loopback detection', () => {
    assert.throws(() => new MetricsServer(new Registry(), 'nonsense', captureLog()), (e: unknown) => e instanceof UserError && /invalid metrics address 'nonsense'/.test(e.message))
    for (const h of ['127.0.0.1', '127.8.9.10', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(h), h)
    for (const h of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.5', 'example.com', '128.0.0.1']) assert.ok(!isLoopbackHost(h), h)
  })
})
