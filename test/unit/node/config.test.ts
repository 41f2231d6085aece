import { test, describe, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir, homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CONFIG_KEYS, DEFAULT_CONFIG, applyLogConfig, envName, loadConfig, loadConfigDetailed, suggestKey, parseHostPort,
  type NodeConfig
} from '../../../src/node/config.js'
import { UserError } from '../../../src/util/errors.js'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url)) // dist/test/unit/node -> repo
const EXAMPLE = join(ROOT, 'bootstrap', 'gridauth.example.yaml')
const PEER = '12D3KooWRRucYbHPdVq5p1JzMxCNipCCsimoEYqxU5sztw3S5zuH'
const BOOT = `/ip4/10.0.0.1/tcp/4001/p2p/${PEER}`

const dir = mkdtempSync(join(tmpdir(), 'gridauth-config-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
function yamlFile(text: string): string {
  const f = join(dir, `c${n++}.yaml`)
  writeFileSync(f, text)
  return f
}

/** Asserts a one-line UserError whose message matches every pattern. */
function fails(fn: () => unknown, ...patterns: Array<RegExp | string>): string {
  let caught: unknown
  try {
    fn()
  } catch (err) {
    caught = err
  }
  assert.ok(caught instanceof UserError, `expected a UserError, got ${String(caught)}`)
  const msg = caught.message
  assert.ok(!msg.includes('\n'), `message must be one line: ${msg}`)
  assert.match(msg, /^config error: /)
  for (const p of patterns) {
    if (typeof p === 'string') assert.ok(msg.includes(p), `"${msg}" should contain "${p}"`)
    else assert.match(msg, p)
  }
  return msg
}

const clone = (): NodeConfig => structuredClone(DEFAULT_CONFIG) as NodeConfig

describe('defaults and precedence', () => {
  test('no file, no env, no flags: exactly DEFAULT_CONFIG, and a fresh copy', () => {
    const c = loadConfig({ env: {} })
    assert.deepEqual(c, DEFAULT_CONFIG)
    assert.notEqual(c, DEFAULT_CONFIG)
    c.listen.push('/ip4/127.0.0.1/tcp/1')
    assert.deepEqual(DEFAULT_CONFIG.listen, ['/ip4/0.0.0.0/tcp/4001'])
    assert.ok(Object.isFrozen(DEFAULT_CONFIG.limits))
    assert.equal(DEFAULT_CONFIG.role, 'terminal')
    assert.equal(DEFAULT_CONFIG.metrics.listen, 'off')
    assert.equal(DEFAULT_CONFIG.skipgraph.neighboursPerSide, 3)
    assert.equal(DEFAULT_CONFIG.skipgraph.redundancy, 2)
  })

  test('flags > --set > env > file > defaults, key by key', () => {
    const file = yamlFile([
      'role: validator',
      'metrics:',
      '  listen: 127.0.0.1:9000',
      'limits:',
      '  maxStreamsPerPeer: 10',
      '  readTimeoutMs: 111',
      '  maxInflightPerPeer: 7',
      'pbft:',
      '  batchWindowMs: 5'
    ].join('\n'))
    const { config, origins } = loadConfigDetailed({
      file,
      env: {
        GRIDAUTH_METRICS_LISTEN: '127.0.0.1:9100',
        GRIDAUTH_LIMITS_MAX_STREAMS_PER_PEER: '20',
        GRIDAUTH_LIMITS_READ_TIMEOUT_MS: '222'
      },
      set: ['limits.maxStreamsPerPeer=25', 'limits.readTimeoutMs=333'],
      flags: { limits: { maxStreamsPerPeer: '30' } }
    })
    assert.equal(config.role, 'validator') // file only
    assert.equal(config.pbft.batchWindowMs, 5) // file only
    assert.equal(config.limits.maxInflightPerPeer, 7) // file only
    assert.equal(config.metrics.listen, '127.0.0.1:9100') // env beats file
    assert.equal(config.limits.readTimeoutMs, 333) // --set beats env
    assert.equal(config.limits.maxStreamsPerPeer, 30) // flag beats --set, string parsed
    assert.equal(config.log.level, 'info') // default
    assert.equal(origins.role, 'file')
    assert.equal(origins['metrics.listen'], 'env')
    assert.equal(origins['limits.maxStreamsPerPeer'], 'flag')
    assert.equal(origins['log.level'], 'default')
  })

  test('flags: undefined and empty lists mean "not given" (commander defaults)', () => {
    const file = yamlFile(`listen: [/ip4/127.0.0.1/tcp/5000]\nbootstrap: [${BOOT}]\n`)
    const c = loadConfig({ file, env: {}, flags: { listen: [], bootstrap: undefined, role: undefined } })
    assert.deepEqual(c.listen, ['/ip4/127.0.0.1/tcp/5000'])
    assert.deepEqual(c.bootstrap, [BOOT])
    const c2 = loadConfig({ file, env: {}, flags: { listen: ['/ip4/127.0.0.1/tcp/6000'], dataDir: '/srv/x' } })
    assert.deepEqual(c2.listen, ['/ip4/127.0.0.1/tcp/6000'])
    assert.equal(c2.dataDir, '/srv/x')
  })

  test('GRIDAUTH_CONFIG names the file; an explicit file wins over it', () => {
    const a = yamlFile('role: introducer\n')
    const b = yamlFile('role: validator\n')
    assert.equal(loadConfig({ env: { GRIDAUTH_CONFIG: a } }).role, 'introducer')
    assert.equal(loadConfig({ file: b, env: { GRIDAUTH_CONFIG: a } }).role, 'validator')
    assert.equal(loadConfigDetailed({ env: { GRIDAUTH_CONFIG: a } }).file, a)
  })
})

describe('environment', () => {
  test('env names follow GRIDAUTH_<SECTION>_<UPPER_SNAKE_KEY>', () => {
    assert.equal(envName('limits.maxMessageBytes'), 'GRIDAUTH_LIMITS_MAX_MESSAGE_BYTES')
    assert.equal(envName('dataDir'), 'GRIDAUTH_DATA_DIR')
    assert.equal(envName('metrics.listen'), 'GRIDAUTH_METRICS_LISTEN')
    assert.equal(envName('skipgraph.neighboursPerSide'), 'GRIDAUTH_SKIPGRAPH_NEIGHBOURS_PER_SIDE')
    assert.equal(new Set(CONFIG_KEYS.map((k) => k.env)).size, CONFIG_KEYS.length)
  })

  test('every key can be set from its variable', () => {
    const env: Record<string, string> = {
      GRIDAUTH_DATA_DIR: '/srv/gridauth',
      GRIDAUTH_LISTEN: '/ip4/127.0.0.1/tcp/4101, /ip6/::1/tcp/4101',
      GRIDAUTH_BOOTSTRAP: `${BOOT},/dns4/intro.grid.local/tcp/4001/p2p/${PEER}`,
      GRIDAUTH_GENESIS: '/srv/genesis.json',
      GRIDAUTH_ROLE: 'Validator',
      GRIDAUTH_METRICS_LISTEN: '[::1]:9464',
      GRIDAUTH_LOG_LEVEL: 'DEBUG',
      GRIDAUTH_LOG_FORMAT: 'json',
      GRIDAUTH_LIMITS_MAX_MESSAGE_BYTES: '2048',
      GRIDAUTH_LIMITS_MAX_STREAMS_PER_PEER: '4',
      GRIDAUTH_LIMITS_MAX_INFLIGHT_PER_PEER: '5',
      GRIDAUTH_LIMITS_REQUESTS_PER_SECOND_PER_PEER: '6',
      GRIDAUTH_LIMITS_READ_TIMEOUT_MS: '7',
      GRIDAUTH_LIMITS_MAX_PENDING_BYTES: '4096',
      GRIDAUTH_CONNECTION_INBOUND_CONNECTION_THRESHOLD: '8',
      GRIDAUTH_CONNECTION_MAX_INCOMING_PENDING_CONNECTIONS: '9',
      GRIDAUTH_CONNECTION_MAX_CONNECTIONS: '10',
      GRIDAUTH_SKIPGRAPH_NEIGHBOURS_PER_SIDE: '4',
      GRIDAUTH_SKIPGRAPH_REDUNDANCY: '0',
      GRIDAUTH_PBFT_BATCH_MAX_SIZE: '11',
      GRIDAUTH_PBFT_BATCH_WINDOW_MS: '12',
      GRIDAUTH_PBFT_VIEW_CHANGE_TIMEOUT_MS: '13',
      GRIDAUTH_PBFT_CHECKPOINT_INTERVAL: '14'
    }
    assert.deepEqual(Object.keys(env).sort(), CONFIG_KEYS.map((k) => k.env).sort(), 'test covers every key')
    const { config, origins } = loadConfigDetailed({ env })
    assert.deepEqual(config, {
      dataDir: '/srv/gridauth',
      listen: ['/ip4/127.0.0.1/tcp/4101', '/ip6/::1/tcp/4101'],
      bootstrap: [BOOT, `/dns4/intro.grid.local/tcp/4001/p2p/${PEER}`],
      genesis: '/srv/genesis.json',
      role: 'validator',
      metrics: { listen: '[::1]:9464' },
      log: { level: 'debug', format: 'json' },
      limits: { maxMessageBytes: 2048, maxStreamsPerPeer: 4, maxInflightPerPeer: 5, requestsPerSecondPerPeer: 6, readTimeoutMs: 7, maxPendingBytes: 4096 },
      connection: { inboundConnectionThreshold: 8, maxIncomingPendingConnections: 9, maxConnections: 10 },
      skipgraph: { neighboursPerSide: 4, redundancy: 0 },
      pbft: { batchMaxSize: 11, batchWindowMs: 12, viewChangeTimeoutMs: 13, checkpointInterval: 14 }
    })
    assert.ok(Object.values(origins).every((o) => o === 'env'))
  })

  test('lists: comma-separated, blanks dropped; empty clears; empty genesis is none', () => {
    const file = yamlFile(`bootstrap: [${BOOT}]\ngenesis: g.json\n`)
    const c = loadConfig({ file, env: { GRIDAUTH_BOOTSTRAP: '', GRIDAUTH_GENESIS: '' } })
    assert.deepEqual(c.bootstrap, [])
    assert.equal(c.genesis, null)
    const c2 = loadConfig({ env: { GRIDAUTH_LISTEN: ',/ip4/127.0.0.1/tcp/1,, /ip4/127.0.0.1/tcp/2 ,' } })
    assert.deepEqual(c2.listen, ['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2'])
  })

  test('aliases GRIDAUTH_DATA and GRIDAUTH_LOG; the canonical name wins', () => {
    assert.equal(loadConfig({ env: { GRIDAUTH_DATA: '/a' } }).dataDir, '/a')
    assert.equal(loadConfig({ env: { GRIDAUTH_DATA: '/a', GRIDAUTH_DATA_DIR: '/b' } }).dataDir, '/b')
    assert.equal(loadConfig({ env: { GRIDAUTH_LOG: 'warn' } }).log.level, 'warn')
    assert.equal(loadConfig({ env: { GRIDAUTH_LOG: 'warn', GRIDAUTH_LOG_LEVEL: 'error' } }).log.level, 'error')
    fails(() => loadConfig({ env: { GRIDAUTH_LOG: 'loud' } }), 'log.level must be one of debug, info, warn, error', '"loud"', 'environment variable GRIDAUTH_LOG')
  })

  test('unknown variables: typos and unknown keys in known sections are errors; unrelated ones ignored', () => {
    fails(() => loadConfig({ env: { GRIDAUTH_METRICS_LISTN: 'off' } }), 'unknown environment variable GRIDAUTH_METRICS_LISTN', 'did you mean GRIDAUTH_METRICS_LISTEN?')
    fails(() => loadConfig({ env: { GRIDAUTH_LIMITS_MAXMESSAGEBYTES: '1' } }), 'did you mean GRIDAUTH_LIMITS_MAX_MESSAGE_BYTES?')
    fails(() => loadConfig({ env: { GRIDAUTH_ROLES: 'terminal' } }), 'did you mean GRIDAUTH_ROLE?')
    fails(() => loadConfig({ env: { GRIDAUTH_PBFT_FOO_BAR_BAZ_QUUX: '1' } }), 'unknown environment variable GRIDAUTH_PBFT_FOO_BAR_BAZ_QUUX')
    const c = loadConfig({ env: { GRIDAUTH_ARGS: '--listen x', GRIDAUTH_CONFIG: '', GRIDAUTH_SOMETHING_ELSE_ENTIRELY: '1', PATH: '/bin' } })
    assert.deepEqual(c, DEFAULT_CONFIG)
  })

  test('applyLogConfig points the logger variables at the config', () => {
    const env: NodeJS.ProcessEnv = {}
    applyLogConfig({ ...clone(), log: { level: 'warn', format: 'json' } }, env)
    assert.deepEqual(env, { GRIDAUTH_LOG: 'warn', GRIDAUTH_LOG_FORMAT: 'json' })
  })
})

describe('file', () => {
  test('empty file and empty sections are the defaults', () => {
    assert.deepEqual(loadConfig({ file: yamlFile(''), env: {} }), DEFAULT_CONFIG)
    assert.deepEqual(loadConfig({ file: yamlFile('# only comments\n'), env: {} }), DEFAULT_CONFIG)
    assert.deepEqual(loadConfig({ file: yamlFile('limits:\npbft:\n'), env: {} }), DEFAULT_CONFIG)
  })

  test('relative paths resolve against the file directory; ~ is home; env paths against cwd', () => {
    const sub = join(dir, 'etc')
    mkdirSync(sub, { recursive: true })
    const f = join(sub, 'g.yaml')
    writeFileSync(f, 'dataDir: data\ngenesis: ../genesis.json\n')
    const c = loadConfig({ file: f, env: {} })
    assert.equal(c.dataDir, join(sub, 'data'))
    assert.equal(c.genesis, join(dir, 'genesis.json'))
    assert.equal(loadConfig({ env: { GRIDAUTH_DATA_DIR: '~/grid' } }).dataDir, join(homedir(), 'grid'))
    assert.equal(loadConfig({ env: { GRIDAUTH_DATA_DIR: 'rel' }, cwd: '/opt/x' }).dataDir, '/opt/x/rel')
  })

  test('a single string is accepted for a list', () => {
    assert.deepEqual(loadConfig({ file: yamlFile('listen: /ip4/127.0.0.1/tcp/7\n'), env: {} }).listen, ['/ip4/127.0.0.1/tcp/7'])
  })

  test('malformed YAML: line and column', () => {
    const cases: Array<[string, number]> = [
      ['role: terminal\nlimits:\n  maxMessageBytes: [1, 2\nrole2: x\n', 4], // detected where the ] should be
      ['role: terminal\nrole: validator\n', 2],
      ['role: terminal\nlimits:\n  readTimeoutMs: 1\n\tmaxStreamsPerPeer: 2\n', 4],
      ['role: "terminal\n', 2] // reported at end of input
    ]
    for (const [text, line] of cases) {
      const f = yamlFile(text)
      fails(() => loadConfig({ file: f, env: {} }), `malformed YAML in ${f} at line ${line}, column `)
    }
    fails(() => loadConfig({ file: yamlFile('a: 1\na: 2\n'), env: {} }), /at line 2, column \d+: .*unique/i)
  })

  test('missing file, and a top level that is not a mapping', () => {
    fails(() => loadConfig({ file: join(dir, 'nope.yaml'), env: {} }), `cannot read config file ${join(dir, 'nope.yaml')}: no such file`)
    fails(() => loadConfig({ file: dir, env: {} }), 'cannot read config file', 'is a directory')
    const f = yamlFile('- a\n- b\n')
    fails(() => loadConfig({ file: f, env: {} }), 'top level', 'must be a mapping', 'got a list')
    const g = yamlFile('limits: 5\n')
    fails(() => loadConfig({ file: g, env: {} }), 'limits must be a mapping', '(got 5)', `${g}:1`)
  })

  test('unknown keys: typo, snake_case, wrong section, unknown section, nothing close', () => {
    const f = yamlFile('role: terminal\nlimits:\n  maxMesageBytes: 10\n')
    fails(() => loadConfig({ file: f, env: {} }), `unknown key limits.maxMesageBytes in ${f}:3`, 'did you mean limits.maxMessageBytes?')
    fails(() => loadConfig({ file: yamlFile('limits:\n  max_message_bytes: 10\n'), env: {} }), 'did you mean limits.maxMessageBytes?')
    fails(() => loadConfig({ file: yamlFile('maxMessageBytes: 10\n'), env: {} }), 'unknown key maxMessageBytes', 'did you mean limits.maxMessageBytes?')
    fails(() => loadConfig({ file: yamlFile('pbft:\n  neighboursPerSide: 3\n'), env: {} }), 'unknown key pbft.neighboursPerSide', 'did you mean skipgraph.neighboursPerSide?')
    fails(() => loadConfig({ file: yamlFile('metric:\n  listen: off\n'), env: {} }), 'unknown key metric', 'did you mean metrics?')
    fails(() => loadConfig({ file: yamlFile('datadir: /x\n'), env: {} }), 'did you mean dataDir?')
    fails(() => loadConfig({ file: yamlFile('skipgraph:\n  zzzzzzzz: 1\n'), env: {} }), 'unknown key skipgraph.zzzzzzzz', 'known keys in skipgraph: neighboursPerSide, redundancy')
    fails(() => loadConfig({ file: yamlFile('42: x\n'), env: {} }), 'keys must be plain names')
  })

  test('suggestKey', () => {
    assert.equal(suggestKey('limits.readTimeout'), 'limits.readTimeoutMs')
    assert.equal(suggestKey('pbft.checkpointInterval'), 'pbft.checkpointInterval')
    assert.equal(suggestKey('bootstraps'), 'bootstrap')
    assert.equal(suggestKey('qqqqqqqqqqqq'), undefined)
  })
})

describe('validation errors name the key, the value and where', () => {
  const file = (text: string): string => yamlFile(text)

  test('integers: not a number, fraction, range, negative', () => {
    const f = file('role: terminal\nlimits:\n  maxMessageBytes: abc\n')
    const msg = fails(() => loadConfig({ file: f, env: {} }), 'limits.maxMessageBytes must be an integer from 64 to 67108864', '(got "abc")', `in ${f}:3`)
    assert.equal(msg, `config error: limits.maxMessageBytes must be an integer from 64 to 67108864 (got "abc") in ${f}:3`)
    fails(() => loadConfig({ file: file('pbft:\n  batchMaxSize: 1.5\n'), env: {} }), 'pbft.batchMaxSize must be an integer from 1 to 65536', '(got 1.5)')
    fails(() => loadConfig({ file: file('skipgraph:\n  neighboursPerSide: 40\n'), env: {} }), 'skipgraph.neighboursPerSide must be an integer from 1 to 16 (got 40)')
    fails(() => loadConfig({ env: { GRIDAUTH_PBFT_BATCH_WINDOW_MS: '-1' } }), 'pbft.batchWindowMs must be an integer from 0 to 60000 (got "-1") in environment variable GRIDAUTH_PBFT_BATCH_WINDOW_MS')
    fails(() => loadConfig({ env: { GRIDAUTH_LIMITS_READ_TIMEOUT_MS: '' } }), 'limits.readTimeoutMs', '(got "")')
    fails(() => loadConfig({ env: {}, flags: { limits: { maxStreamsPerPeer: 'many' } } }), 'limits.maxStreamsPerPeer', '(got "many") in the command line')
    fails(() => loadConfig({ file: file('limits:\n  readTimeoutMs:\n'), env: {} }), 'limits.readTimeoutMs', '(got nothing)')
    // YAML strings that are integers are fine
    assert.equal(loadConfig({ file: file('limits:\n  readTimeoutMs: "250"\n'), env: {} }).limits.readTimeoutMs, 250)
  })

  test('enums', () => {
    fails(() => loadConfig({ file: file('role: primary\n'), env: {} }), 'role must be one of validator, terminal, introducer (got "primary")')
    fails(() => loadConfig({ env: { GRIDAUTH_LOG_FORMAT: 'xml' } }), 'log.format must be one of text, json (got "xml")')
    fails(() => loadConfig({ file: file('role: [terminal]\n'), env: {} }), 'role must be one of', '(got a list)')
  })

  test('multiaddrs: syntax, tcp, /p2p suffix, peer id, non-empty listen, type', () => {
    fails(() => loadConfig({ file: file('listen: [/ip4/127.0.0.1/tcp/1, "hello"]\n'), env: {} }), 'listen[1] is not a valid multiaddr', '(got "hello")')
    fails(() => loadConfig({ file: file('listen: [/ip4/127.0.0.1/udp/1]\n'), env: {} }), 'listen[0] must be a /tcp/<port> address')
    fails(() => loadConfig({ env: { GRIDAUTH_BOOTSTRAP: '/ip4/10.0.0.1/tcp/4001' } }), 'bootstrap[0] must end in /p2p/<peer id> (got "/ip4/10.0.0.1/tcp/4001") in environment variable GRIDAUTH_BOOTSTRAP')
    fails(() => loadConfig({ env: { GRIDAUTH_BOOTSTRAP: '/ip4/10.0.0.1/tcp/4001/p2p/notapeer' } }), 'bootstrap[0] has an invalid peer id "notapeer"')
    fails(() => loadConfig({ env: { GRIDAUTH_LISTEN: '' } }), 'listen must list at least one multiaddr')
    fails(() => loadConfig({ file: file('bootstrap:\n  a: b\n'), env: {} }), 'bootstrap must be a list of multiaddrs', '(got a mapping)')
    fails(() => loadConfig({ file: file('bootstrap: [5]\n'), env: {} }), 'bootstrap[0] must be a multiaddr string (got 5)')
  })

  test('metrics.listen: host:port, [ipv6]:port, off; bad forms rejected', () => {
    for (const ok of ['127.0.0.1:9464', '0.0.0.0:0', '[::1]:9464', 'localhost:9100', 'OFF']) {
      assert.equal(loadConfig({ env: { GRIDAUTH_METRICS_LISTEN: ok } }).metrics.listen, ok === 'OFF' ? 'off' : ok)
    }
    for (const bad of ['9464', '127.0.0.1', '127.0.0.1:99999', '::1:9464', 'http://127.0.0.1:9464', 'no']) {
      fails(() => loadConfig({ env: { GRIDAUTH_METRICS_LISTEN: bad } }), 'metrics.listen', `(got ${JSON.stringify(bad)})`, 'e.g. 127.0.0.1:9464')
    }
    fails(() => loadConfig({ file: file('metrics:\n  listen: false\n'), env: {} }), 'metrics.listen must be "off" or host:port', '(got false)')
    assert.deepEqual(parseHostPort('[::1]:80'), { host: '::1', port: 80 })
    assert.deepEqual(parseHostPort('10.1.2.3:0'), { host: '10.1.2.3', port: 0 })
  })

  test('paths', () => {
    fails(() => loadConfig({ file: file('dataDir: ""\n'), env: {} }), 'dataDir must be a non-empty path', '(got "")')
    fails(() => loadConfig({ file: file('genesis: 12\n'), env: {} }), 'genesis must be a path', '(got 12)')
  })

  test('relations between keys', () => {
    const f = file('limits:\n  maxMessageBytes: 8388608\n')
    fails(() => loadConfig({ file: f, env: {} }), `config error: limits.maxPendingBytes must be at least limits.maxMessageBytes (got 4194304 from the defaults, and 8388608 from ${f}:2)`)
    const g = file('limits:\n  maxPendingBytes: 1000\n')
    fails(() => loadConfig({ file: g, env: {} }), `limits.maxPendingBytes must be at least limits.maxMessageBytes (got 1000 from ${g}:2, and 1048576 from the defaults)`)
    fails(() => loadConfig({ env: { GRIDAUTH_CONNECTION_MAX_CONNECTIONS: '10' } }), 'connection.maxIncomingPendingConnections must be at most connection.maxConnections (got 50 from the defaults, and 10 from environment variable GRIDAUTH_CONNECTION_MAX_CONNECTIONS)')
    assert.equal(loadConfig({ env: { GRIDAUTH_LIMITS_MAX_MESSAGE_BYTES: '8388608', GRIDAUTH_LIMITS_MAX_PENDING_BYTES: '8388608' } }).limits.maxPendingBytes, 8388608)
  })

  test('--set: key=value form, unknown keys, values parsed like env', () => {
    assert.equal(loadConfig({ env: {}, set: ['skipgraph.redundancy=5'] }).skipgraph.redundancy, 5)
    assert.deepEqual(loadConfig({ env: {}, set: [`bootstrap=${BOOT},${BOOT}`] }).bootstrap, [BOOT, BOOT])
    fails(() => loadConfig({ env: {}, set: ['skipgraph.redundancy'] }), '--set expects key=value')
    fails(() => loadConfig({ env: {}, set: ['skipgraph.redundancey=1'] }), 'unknown key skipgraph.redundancey', 'did you mean skipgraph.redundancy?')
    fails(() => loadConfig({ env: {}, set: ['skipgraph.redundancy=x'] }), 'skipgraph.redundancy must be an integer from 0 to 64 (got "x") in --set skipgraph.redundancy')
  })

  test('unknown keys in flags (a wiring bug) are reported too', () => {
    fails(() => loadConfig({ env: {}, flags: { limits: { maxMesageBytes: 1 } } as never }), 'unknown key limits.maxMesageBytes in the command line')
  })
})

describe('the example file and CONFIG.md cannot rot', () => {
  test('example = DEFAULT_CONFIG except the deliberate changes', () => {
    const c = loadConfig({ file: EXAMPLE, env: {} })
    const expected = clone()
    expected.dataDir = '/var/lib/gridauth'
    expected.metrics.listen = '127.0.0.1:9464'
    assert.deepEqual(c, expected)
  })

  test('example mentions every key, its env variable, and nothing is left commented out of it', () => {
    const text = readFileSync(EXAMPLE, 'utf8')
    for (const k of CONFIG_KEYS) {
      const leafName = k.key.split('.').at(-1)!
      assert.match(text, new RegExp(`^\\s*${leafName}:`, 'm'), `${k.key} set in the example`)
      assert.ok(text.includes(k.env), `${k.env} mentioned in the example`)
    }
  })

  test('CONFIG.md has a row per key with its env name and default', () => {
    const md = readFileSync(join(ROOT, 'bootstrap', 'CONFIG.md'), 'utf8')
    const rows = new Map<string, string[]>()
    for (const line of md.split('\n')) {
      const m = /^\| `([A-Za-z.]+)` \| `([A-Z_]+)` \| `([^`]*)` \|/.exec(line)
      if (m !== null) rows.set(m[1], [m[2], m[3]])
    }
    assert.deepEqual([...rows.keys()].sort(), CONFIG_KEYS.map((k) => k.key).sort())
    for (const k of CONFIG_KEYS) {
      const [env, dflt] = rows.get(k.key)!
      assert.equal(env, k.env)
      const v = k.key.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], DEFAULT_CONFIG)
      const shown = k.key === 'dataDir' ? '~/.gridauth' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v)
      assert.equal(dflt, shown, `default of ${k.key} in CONFIG.md`)
    }
    assert.equal(DEFAULT_CONFIG.dataDir, join(homedir(), '.gridauth'))
  })
})
