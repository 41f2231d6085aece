// Node configuration: one YAML file + environment overrides + command-line flags.
//
// Precedence, highest first:  flags  >  --set key=value  >  environment  >  file  >  DEFAULT_CONFIG
//
// Every key has one environment variable: GRIDAUTH_ + the dotted key with each camelCase part in
// UPPER_SNAKE_CASE, e.g. limits.maxMessageBytes -> GRIDAUTH_LIMITS_MAX_MESSAGE_BYTES,
// dataDir -> GRIDAUTH_DATA_DIR. List values (listen, bootstrap) are comma-separated.
// GRIDAUTH_DATA (dataDir) and GRIDAUTH_LOG (log.level) are accepted as older aliases; the
// canonical name wins when both are set. GRIDAUTH_CONFIG names the file when no file is given.
//
// Everything is validated at load; the first problem is a one-line UserError that names the key,
// says why, shows the value and where it came from (file:line, variable, or command line).
// Unknown keys are errors with a "did you mean" suggestion, so typos are never silently ignored.
// The key table below (CONFIG_KEYS) is the single source for validation, env names and docs.
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { LineCounter, isMap, isScalar, parseDocument, type Node as YamlNode, type Pair } from 'yaml'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { UserError } from '../util/errors.js'
import { DEFAULT_LISTEN } from './defaults.js'

export type Role = 'validator' | 'terminal' | 'introducer'
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogFormat = 'text' | 'json'

export interface NodeConfig {
  /** Data directory (identity key, store, control socket). */
  dataDir: string
  /** libp2p listen multiaddrs (each with /tcp/<port>). */
  listen: string[]
  /** Introducer multiaddrs, each ending in /p2p/<peer id>. */
  bootstrap: string[]
  /** Path to the network's genesis file, or null. */
  genesis: string | null
  role: Role
  metrics: {
    /** host:port for the Prometheus endpoint (IPv6 as [::1]:9464), or 'off'. */
    listen: string
  }
  log: { level: LogLevel, format: LogFormat }
  limits: {
    maxMessageBytes: number
    maxStreamsPerPeer: number
    maxInflightPerPeer: number
    requestsPerSecondPerPeer: number
    readTimeoutMs: number
    maxPendingBytes: number
  }
  connection: {
    inboundConnectionThreshold: number
    maxIncomingPendingConnections: number
    maxConnections: number
  }
  skipgraph: {
    /** k: neighbours kept per side per level. */
    neighboursPerSide: number
    /** r: placement redundancy. */
    redundancy: number
  }
  pbft: {
    batchMaxSize: number
    batchWindowMs: number
    viewChangeTimeoutMs: number
    checkpointInterval: number
  }
}

type Loose<T> = T extends number ? number | string : T extends string[] ? string[] | string : T
/**
 * Overrides from the command line. Values may be strings (as commander gives them); they are
 * parsed and validated like environment values. `undefined` and empty lists mean "not given".
 */
export type ConfigOverrides = {
  [K in keyof NodeConfig]?: NodeConfig[K] extends string[] | string | number | null
    ? Loose<NodeConfig[K]>
    : { [J in keyof NodeConfig[K]]?: Loose<NodeConfig[K][J]> }
}

/** Where each key's value came from. */
export type ConfigOrigin = 'default' | 'file' | 'env' | 'flag'

export interface LoadConfigOptions {
  /** Config file path; if absent, GRIDAUTH_CONFIG from `env`; if neither, no file. */
  file?: string
  env: NodeJS.ProcessEnv
  flags?: ConfigOverrides
  /** Generic `--set key=value` overrides (below explicit flags, above the environment). */
  set?: string[]
  /** Base for relative paths given in env/flags (default process.cwd()). */
  cwd?: string
}

export { DEFAULT_LISTEN }
const MAX_INT = Number.MAX_SAFE_INTEGER
const MiB = 1024 * 1024

type Kind =
  | { t: 'path' }
  | { t: 'optionalPath' }
  | { t: 'multiaddrs', peerId: boolean, nonEmpty: boolean }
  | { t: 'enum', values: readonly string[] }
  | { t: 'int', min: number, max: number }
  | { t: 'hostport' }

export interface ConfigKey {
  /** Dotted key, e.g. 'limits.maxMessageBytes'. */
  readonly key: string
  /** Environment variable overriding it. */
  readonly env: string
  readonly kind: Kind
  /** One-line meaning, used by docs and `describe`. */
  readonly doc: string
}

const int = (min: number, max = MAX_INT): Kind => ({ t: 'int', min, max })

const SPEC: ReadonlyArray<[string, Kind, string]> = [
  ['dataDir', { t: 'path' }, 'data directory: identity key, store, control socket (created 0700)'],
  ['listen', { t: 'multiaddrs', peerId: false, nonEmpty: true }, 'libp2p listen multiaddrs, each with /tcp/<port>'],
  ['bootstrap', { t: 'multiaddrs', peerId: true, nonEmpty: false }, 'introducer multiaddrs, each ending in /p2p/<peer id>'],
  ['genesis', { t: 'optionalPath' }, 'path to the network genesis file (null: none)'],
  ['role', { t: 'enum', values: ['validator', 'terminal', 'introducer'] }, 'what this node does in the network'],
  ['metrics.listen', { t: 'hostport' }, 'Prometheus /metrics address host:port ([::1]:9464 for IPv6), or off'],
  ['log.level', { t: 'enum', values: ['debug', 'info', 'warn', 'error'] }, 'lowest log level printed'],
  ['log.format', { t: 'enum', values: ['text', 'json'] }, 'log line format on stderr'],
  ['limits.maxMessageBytes', int(64, 64 * MiB), 'largest protocol message accepted, bytes'],
  ['limits.maxStreamsPerPeer', int(1, 1024), 'concurrent inbound streams per peer'],
  ['limits.maxInflightPerPeer', int(1, 65536), 'unanswered requests per peer'],
  ['limits.requestsPerSecondPerPeer', int(1, 1_000_000), 'sustained request rate per peer'],
  ['limits.readTimeoutMs', int(1, 3_600_000), 'time allowed to read one message, ms'],
  ['limits.maxPendingBytes', int(64, 1024 * MiB), 'buffered unprocessed bytes per peer (>= maxMessageBytes)'],
  ['connection.inboundConnectionThreshold', int(1, 100_000), 'inbound connections per second per remote IP'],
  ['connection.maxIncomingPendingConnections', int(1, 100_000), 'inbound connections still upgrading (noise/yamux)'],
  ['connection.maxConnections', int(1, 100_000), 'total open connections'],
  ['skipgraph.neighboursPerSide', int(1, 16), 'k: skip-graph neighbours per side per level'],
  ['skipgraph.redundancy', int(0, 64), 'r: block placement redundancy (levels with extra copies)'],
  ['pbft.batchMaxSize', int(1, 65536), 'most requests per proposed block'],
  ['pbft.batchWindowMs', int(0, 60_000), 'wait for more requests before proposing, ms (0: propose at once)'],
  ['pbft.viewChangeTimeoutMs', int(10, 600_000), 'initial view-change timeout, ms (doubles on each failed view)'],
  ['pbft.checkpointInterval', int(1, 1024), 'K: checkpoint every K heights']
]

const camelToSnake = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()
/** The environment variable for a dotted key. */
export const envName = (key: string): string => 'GRIDAUTH_' + key.split('.').map(camelToSnake).join('_')

export const CONFIG_KEYS: readonly ConfigKey[] = Object.freeze(SPEC.map(([key, kind, doc]) => Object.freeze({ key, env: envName(key), kind, doc })))
const BY_KEY = new Map(CONFIG_KEYS.map((k) => [k.key, k]))
const SECTIONS = [...new Set(CONFIG_KEYS.filter((k) => k.key.includes('.')).map((k) => k.key.split('.')[0]))]
/** Older variable names still honoured (the canonical name wins). */
export const ENV_ALIASES: Readonly<Record<string, string>> = Object.freeze({ GRIDAUTH_DATA: 'dataDir', GRIDAUTH_LOG: 'log.level' })
/** GRIDAUTH_* variables that are not configuration keys (never reported as unknown). */
/** (bin/gridauth's V8 flags, the systemd unit's arguments, the runbook's port base.) */
export const ENV_NOT_CONFIG: readonly string[] = Object.freeze(['GRIDAUTH_CONFIG', 'GRIDAUTH_ARGS', 'GRIDAUTH_NODE_FLAGS', 'GRIDAUTH_PORT_BASE'])

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v)
    Object.freeze(o)
  }
  return o
}

export const DEFAULT_CONFIG: Readonly<NodeConfig> = deepFreeze({
  dataDir: join(homedir(), '.gridauth'),
  listen: [DEFAULT_LISTEN],
  bootstrap: [],
  genesis: null,
  role: 'terminal',
  metrics: { listen: 'off' },
  log: { level: 'info', format: 'text' },
  limits: {
    maxMessageBytes: 1 * MiB,
    maxStreamsPerPeer: 32,
    maxInflightPerPeer: 64,
    requestsPerSecondPerPeer: 200,
    readTimeoutMs: 10_000,
    maxPendingBytes: 4 * MiB
  },
  connection: {
    // Grid LANs put many terminals behind few addresses; libp2p's default 5 conn/s per IP is too low.
    inboundConnectionThreshold: 50,
    maxIncomingPendingConnections: 50,
    maxConnections: 300
  },
  skipgraph: { neighboursPerSide: 3, redundancy: 2 },
  pbft: { batchMaxSize: 1024, batchWindowMs: 0, viewChangeTimeoutMs: 1000, checkpointInterval: 16 }
} satisfies NodeConfig)

// ---------------------------------------------------------------------------------------------
// Value parsing

/** Where a value came from, for error messages and origins. */
interface Source {
  origin: ConfigOrigin
  /** e.g. '/etc/gridauth.yaml:12', 'environment variable GRIDAUTH_ROLE', 'the command line'. */
  where: string
  /** Base directory for relative paths. */
  baseDir: string
}

function show(v: unknown): string {
  if (v === null || v === undefined) return 'nothing'
  if (Array.isArray(v)) return 'a list'
  if (v instanceof Uint8Array) return 'binary data'
  if (typeof v === 'object') return 'a mapping'
  if (typeof v === 'string') {
    const s = JSON.stringify(v)
    return s.length > 80 ? s.slice(0, 76) + '..."' : s
  }
  return String(v)
}

function fail(key: string, why: string, got: unknown, src: Source): never {
  throw new UserError(`config error: ${key} ${why} (got ${show(got)}) in ${src.where}`)
}

function intPhrase(min: number, max: number): string {
  if (max === MAX_INT) return min === 1 ? 'must be a positive integer' : min === 0 ? 'must be a non-negative integer' : `must be an integer >= ${min}`
  return `must be an integer from ${min} to ${max}`
}

/** host:port with optional [IPv6]; throws a plain Error with the reason. */
export function parseHostPort(s: string): { host: string, port: number } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/.exec(s)
  if (m === null) throw new Error('must be host:port')
  const port = Number(m[3])
  if (port > 65535) throw new Error('port must be 0-65535')
  return { host: m[1] ?? m[2], port }
}

function expandPath(p: string, baseDir: string): string {
  if (p === '~') return homedir()
  if (p.startsWith('~/')) return join(homedir(), p.slice(2))
  return isAbsolute(p) ? p : resolve(baseDir, p)
}

function toList(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '')
  return undefined
}

function parseValue(spec: ConfigKey, raw: unknown, src: Source): unknown {
  const { key, kind } = spec
  switch (kind.t) {
    case 'path':
      if (typeof raw !== 'string' || raw.trim() === '') fail(key, 'must be a non-empty path', raw, src)
      return expandPath(raw.trim(), src.baseDir)
    case 'optionalPath':
      if (raw === null || raw === '') return null
      if (typeof raw !== 'string') fail(key, 'must be a path (or empty for none)', raw, src)
      return expandPath(raw.trim(), src.baseDir)
    case 'enum': {
      const v = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined
      if (v === undefined || !kind.values.includes(v)) fail(key, `must be one of ${kind.values.join(', ')}`, raw, src)
      return v
    }
    case 'int': {
      let v: number | undefined
      if (typeof raw === 'number') v = raw
      else if (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw)) v = Number(raw)
      if (v === undefined || !Number.isSafeInteger(v) || v < kind.min || v > kind.max) fail(key, intPhrase(kind.min, kind.max), raw, src)
      return v
    }
    case 'hostport': {
      if (typeof raw !== 'string') fail(key, 'must be "off" or host:port, e.g. 127.0.0.1:9464', raw, src)
      const v = raw.trim()
      if (v.toLowerCase() === 'off') return 'off'
      try {
        parseHostPort(v)
      } catch (err) {
        fail(key, `${(err as Error).message}, e.g. 127.0.0.1:9464, or "off"`, raw, src)
      }
      return v
    }
    case 'multiaddrs': {
      const list = toList(raw)
      if (list === undefined) fail(key, 'must be a list of multiaddrs', raw, src)
      if (kind.nonEmpty && list.length === 0) fail(key, 'must list at least one multiaddr', raw, src)
      return list.map((item, i) => {
        const k = `${key}[${i}]`
        if (typeof item !== 'string') fail(k, 'must be a multiaddr string', item, src)
        const a = item.trim()
        let names: string[]
        try {
          names = multiaddr(a).getComponents().map((c) => c.name)
        } catch (err) {
          fail(k, `is not a valid multiaddr: ${(err as Error).message}`, item, src)
        }
        if (!names.includes('tcp')) fail(k, 'must be a /tcp/<port> address', item, src)
        if (kind.peerId) {
          const last = multiaddr(a).getComponents().at(-1)
          if (last?.name !== 'p2p') fail(k, 'must end in /p2p/<peer id>', item, src)
          try {
            peerIdFromString(last.value ?? '')
          } catch {
            fail(k, `has an invalid peer id ${JSON.stringify(last.value)}`, item, src)
          }
        }
        return a
      })
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Unknown keys: suggestions

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

const norm = (s: string): string => s.toLowerCase().replace(/[_\-\s]/g, '')
const leaf = (k: string): string => k.slice(k.lastIndexOf('.') + 1)

/** The known key (or section) closest to `path`, or undefined if nothing is close. */
export function suggestKey(path: string): string | undefined {
  const candidates = [...CONFIG_KEYS.map((k) => k.key), ...SECTIONS]
  const section = path.includes('.') ? path.split('.')[0] : ''
  let best: string | undefined
  let bestScore = Infinity
  for (const c of candidates) {
    const cSection = c.includes('.') ? c.split('.')[0] : ''
    const full = editDistance(norm(path), norm(c))
    const byLeaf = editDistance(norm(leaf(path)), norm(leaf(c))) + (cSection === section ? 0 : 0.5)
    const score = Math.min(full, byLeaf)
    if (score < bestScore) { bestScore = score; best = c }
  }
  const n = norm(leaf(path)).length
  const limit = n <= 4 ? 1 : n <= 8 ? 2 : 3
  return bestScore <= limit ? best : undefined
}

function unknownKey(path: string, where: string, kindWord = 'key'): never {
  const s = suggestKey(path)
  let hint: string
  if (s !== undefined) {
    hint = `did you mean ${s}?`
  } else {
    const section = path.includes('.') ? path.split('.')[0] : undefined
    const known = section !== undefined
      ? CONFIG_KEYS.filter((k) => k.key.startsWith(section + '.')).map((k) => leaf(k.key))
      : [...CONFIG_KEYS.filter((k) => !k.key.includes('.')).map((k) => k.key), ...SECTIONS]
    hint = `known ${section !== undefined ? `keys in ${section}` : 'keys'}: ${known.join(', ')}`
  }
  throw new UserError(`config error: unknown ${kindWord} ${path} in ${where} (${hint})`)
}

// ---------------------------------------------------------------------------------------------
// Sources

type Assignment = { key: string, raw: unknown, src: Source }

function readYamlFile(file: string): Assignment[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    const code = (err as { code?: string }).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message
    throw new UserError(`config error: cannot read config file ${file}: ${why}`)
  }
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true, strict: true })
  const firstError = doc.errors[0]
  if (firstError !== undefined) {
    const { line, col } = lc.linePos(firstError.pos[0])
    const msg = firstError.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, '')
    throw new UserError(`config error: malformed YAML in ${file} at line ${line}, column ${col}: ${msg}`)
  }
  const baseDir = dirname(resolve(file))
  const lineOf = (n: YamlNode | null | undefined, fallback: number): number => (n?.range != null ? lc.linePos(n.range[0]).line : fallback)
  const src = (line: number): Source => ({ origin: 'file', where: `${file}:${line}`, baseDir })
  const root = doc.contents
  if (root === null || (isScalar(root) && root.value === null)) return [] // empty file: all defaults
  if (!isMap(root)) throw new UserError(`config error: the top level of ${file} must be a mapping of keys (got ${show(root.toJSON())}) in ${file}:${lineOf(root, 1)}`)
  const out: Assignment[] = []
  const keyName = (p: Pair<unknown, unknown>, line: number): string => {
    const k = isScalar(p.key) ? p.key.value : p.key
    if (typeof k !== 'string') throw new UserError(`config error: keys must be plain names (got ${show(k)}) in ${file}:${line}`)
    return k
  }
  for (const pair of root.items) {
    const line = lineOf(pair.key as YamlNode, 1)
    const name = keyName(pair, line)
    const value = pair.value as YamlNode | null
    if (SECTIONS.includes(name)) {
      if (value === null || (isScalar(value) && value.value === null)) continue // empty section
      if (!isMap(value)) throw new UserError(`config error: ${name} must be a mapping of keys (got ${show(value.toJSON())}) in ${file}:${lineOf(value, line)}`)
      for (const sub of value.items) {
        const subLine = lineOf(sub.key as YamlNode, line)
        const key = `${name}.${keyName(sub, subLine)}`
        if (!BY_KEY.has(key)) unknownKey(key, `${file}:${subLine}`)
        const v = sub.value as YamlNode | null
        out.push({ key, raw: v === null ? null : v.toJSON(), src: src(lineOf(v, subLine)) })
      }
    } else if (BY_KEY.has(name)) {
      out.push({ key: name, raw: value === null ? null : value.toJSON(), src: src(lineOf(value, line)) })
    } else {
      unknownKey(name, `${file}:${line}`, 'key')
    }
  }
  return out
}

function readEnv(env: NodeJS.ProcessEnv, cwd: string): Assignment[] {
  const byEnv = new Map(CONFIG_KEYS.map((k) => [k.env, k.key]))
  const out: Assignment[] = []
  const src = (name: string): Source => ({ origin: 'env', where: `environment variable ${name}`, baseDir: cwd })
  for (const [alias, key] of Object.entries(ENV_ALIASES)) {
    const v = env[alias]
    if (v !== undefined && env[envName(key)] === undefined) out.push({ key, raw: v, src: src(alias) })
  }
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith('GRIDAUTH_')) continue
    const v = env[name]
    if (v === undefined) continue
    const key = byEnv.get(name)
    if (key !== undefined) { out.push({ key, raw: v, src: src(name) }); continue }
    if (name in ENV_ALIASES || ENV_NOT_CONFIG.includes(name)) continue
    // Report typos of our own variables; leave unrelated GRIDAUTH_* variables alone.
    const rest = name.slice('GRIDAUTH_'.length)
    const inSection = SECTIONS.some((s) => rest.startsWith(s.toUpperCase() + '_'))
    let best: string | undefined
    let bestD = Infinity
    for (const known of [...byEnv.keys(), ...Object.keys(ENV_ALIASES)]) {
      const d = editDistance(name, known)
      if (d < bestD) { bestD = d; best = known }
    }
    if (inSection || bestD <= 2) {
      throw new UserError(`config error: unknown environment variable ${name}${best !== undefined && bestD <= 3 ? ` (did you mean ${best}?)` : ' (see bootstrap/CONFIG.md)'}`)
    }
  }
  return out
}

/** Parses `--set key=value` items (values parsed like environment values). */
function readSetFlags(items: readonly string[], cwd: string): Assignment[] {
  return items.map((item) => {
    const eq = item.indexOf('=')
    if (eq <= 0) throw new UserError(`config error: --set expects key=value, e.g. --set limits.maxMessageBytes=2097152 (got ${show(item)})`)
    const key = item.slice(0, eq).trim()
    if (!BY_KEY.has(key)) unknownKey(key, `--set ${item}`)
    return { key, raw: item.slice(eq + 1), src: { origin: 'flag', where: `--set ${key}`, baseDir: cwd } }
  })
}

function readFlags(flags: ConfigOverrides, cwd: string): Assignment[] {
  const out: Assignment[] = []
  const src: Source = { origin: 'flag', where: 'the command line', baseDir: cwd }
  const add = (key: string, raw: unknown): void => {
    if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) return
    if (!BY_KEY.has(key)) unknownKey(key, 'the command line')
    out.push({ key, raw, src })
  }
  for (const [name, value] of Object.entries(flags as Record<string, unknown>)) {
    if (SECTIONS.includes(name) && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value)) add(`${name}.${sub}`, v)
    } else {
      add(name, value)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Loading

function getAt(o: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((acc, p) => (acc as Record<string, unknown>)[p], o)
}

function setAt(o: Record<string, unknown>, key: string, v: unknown): void {
  const parts = key.split('.')
  let cur = o
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>
  cur[parts.at(-1)!] = v
}

function cloneDefaults(): NodeConfig {
  return structuredClone(DEFAULT_CONFIG) as NodeConfig
}

export interface LoadedConfig {
  config: NodeConfig
  /** Origin of every key ('default' when nothing set it). */
  origins: Record<string, ConfigOrigin>
  /** The config file read, if any (absolute path). */
  file: string | undefined
}

/** Like loadConfig, also telling where each value came from (for `gridauth config`-style output). */
export function loadConfigDetailed(opts: LoadConfigOptions): LoadedConfig {
  const cwd = opts.cwd ?? process.cwd()
  const fileOpt = opts.file ?? (opts.env.GRIDAUTH_CONFIG !== undefined && opts.env.GRIDAUTH_CONFIG !== '' ? opts.env.GRIDAUTH_CONFIG : undefined)
  const file = fileOpt === undefined ? undefined : resolve(cwd, fileOpt)
  const assignments = [
    ...(file === undefined ? [] : readYamlFile(file)),
    ...readEnv(opts.env, cwd),
    ...readSetFlags(opts.set ?? [], cwd),
    ...readFlags(opts.flags ?? {}, cwd)
  ]
  const config = cloneDefaults()
  const origins: Record<string, ConfigOrigin> = Object.fromEntries(CONFIG_KEYS.map((k) => [k.key, 'default' as ConfigOrigin]))
  const where = new Map<string, Source>()
  for (const a of assignments) {
    setAt(config as unknown as Record<string, unknown>, a.key, parseValue(BY_KEY.get(a.key)!, a.raw, a.src))
    origins[a.key] = a.src.origin
    where.set(a.key, a.src)
  }
  checkRelations(config, (key) => where.get(key)?.where ?? 'the defaults')
  return { config, origins, file }
}

/** Loads defaults < file < env < --set < flags, validated. Throws UserError (one line). */
export function loadConfig(opts: LoadConfigOptions): NodeConfig {
  return loadConfigDetailed(opts).config
}

function checkRelations(c: NodeConfig, whereOf: (key: string) => string): void {
  const rel = (key: string, other: string, phrase: string): never => {
    const v = (k: string): string => show(getAt(c as unknown as Record<string, unknown>, k))
    throw new UserError(`config error: ${key} must be ${phrase} ${other} (got ${v(key)} from ${whereOf(key)}, and ${v(other)} from ${whereOf(other)})`)
  }
  if (c.limits.maxPendingBytes < c.limits.maxMessageBytes) rel('limits.maxPendingBytes', 'limits.maxMessageBytes', 'at least')
  if (c.connection.maxIncomingPendingConnections > c.connection.maxConnections) rel('connection.maxIncomingPendingConnections', 'connection.maxConnections', 'at most')
}

/**
 * Points the existing logger (src/util/log.ts reads GRIDAUTH_LOG / GRIDAUTH_LOG_FORMAT) at the
 * configured level and format. Call once, right after loadConfig and before creating loggers.
 */
export function applyLogConfig(c: NodeConfig, env: NodeJS.ProcessEnv = process.env): void {
  env.GRIDAUTH_LOG = c.log.level
  env.GRIDAUTH_LOG_FORMAT = c.log.format
}
