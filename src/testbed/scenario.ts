// Scenario files (testbed/scenarios/*.yaml): hosts and roles, the links, a timeline of load and
// perturbations, and the verdict the run should end with. Parsed and checked here, so a bad file
// fails before any namespace exists.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'yaml'

/**
 * A host: v0..v<n-1> (validators, v0 is the introducer), i0.. (introducers: non-validator nodes
 * that only help others join), t0.. (terminals); or resolved when the step runs: `primary` (the
 * validators' current primary), `backup` (a validator that is not the primary), `storage` (the
 * terminal holding the most block copies).
 */
export type Target = string

export interface LinkSpec { from?: Target[] | '*', to?: Target[] | '*', delay?: number, jitter?: number, loss?: number }

export type Action =
  | { load: { kind: 'access' | 'auth' | 'mixed', pauseMs?: number } }
  | { unload: true }
  | { kill: Target } | { freeze: Target } | { resume: Target } | { restart: Target } | { stop: Target }
  /** Cuts the hosts off from every other host: both ways, or only their outgoing / incoming packets. */
  | { partition: { hosts: Target[], direction?: 'both' | 'out' | 'in' } }
  /** Lifts every partition (link delay and loss stay). */
  | { heal: true }
  | { link: LinkSpec }
  /** Alters a block in a stopped validator's ledger (the head block unless `height` is given). */
  | { corrupt: { host: Target, height?: number } }

export type Step = { at: number } & Action

export type Verdict = 'ok' | 'stalled' | 'corrupt' | 'failed'

export interface Scenario {
  name: string
  description: string
  hosts: { validators: number, terminals: number, introducers?: number }
  genesis: { viewTimeoutMs?: number, batchWindowMs?: number, redundancy?: number, hashChainLength?: number }
  /** Applied to every link before the nodes start. */
  links?: { delay?: number, jitter?: number, loss?: number }
  expect: Verdict
  /** How long the checks wait for a commit, for repair and for authentications (ms). */
  settleMs: number
  /** Seconds from the start of the timeline to its end (default: last step + 2). */
  duration: number
  timeline: Step[]
}

const ACTIONS = ['load', 'unload', 'kill', 'freeze', 'resume', 'restart', 'stop', 'partition', 'heal', 'link', 'corrupt']

export function parseScenario(text: string, name: string): Scenario {
  const raw = parse(text) as Record<string, unknown>
  const bad = (m: string): never => { throw new Error(`scenario ${name}: ${m}`) }
  if (raw === null || typeof raw !== 'object') bad('not a mapping')
  const hosts = raw.hosts as Scenario['hosts'] | undefined
  if (hosts === undefined || !Number.isInteger(hosts.validators) || hosts.validators < 1 || !Number.isInteger(hosts.terminals)) bad('hosts: { validators: n, terminals: m } required')
  const timeline = (raw.timeline ?? []) as Step[]
  if (!Array.isArray(timeline)) bad('timeline must be a list')
  for (const s of timeline) {
    if (typeof s.at !== 'number') bad(`every step needs at: <seconds> (${JSON.stringify(s)})`)
    const keys = Object.keys(s).filter((k) => k !== 'at')
    if (keys.length !== 1 || !ACTIONS.includes(keys[0])) bad(`a step has exactly one of ${ACTIONS.join(', ')} (${JSON.stringify(s)})`)
  }
  timeline.sort((a, b) => a.at - b.at)
  const expect = (raw.expect ?? 'ok') as Verdict
  if (!['ok', 'stalled', 'corrupt'].includes(expect)) bad(`expect must be ok, stalled or corrupt, not ${String(expect)}`)
  return {
    name: String(raw.name ?? name),
    description: String(raw.description ?? ''),
    hosts: { validators: hosts!.validators, terminals: hosts!.terminals, introducers: hosts!.introducers ?? 0 },
    genesis: (raw.genesis ?? {}) as Scenario['genesis'],
    links: raw.links as Scenario['links'],
    expect,
    settleMs: Number(raw.settleMs ?? 20_000),
    duration: Number(raw.duration ?? ((timeline.at(-1)?.at ?? 0) + 2)),
    timeline
  }
}

export function loadScenario(file: string): Scenario {
  return parseScenario(readFileSync(file, 'utf8'), basename(file).replace(/\.(ya?ml|json)$/, ''))
}

/** The same scenario with more terminals (npm run testbed -- --hosts N). */
export function scaled(s: Scenario, hosts: number): Scenario {
  const terminals = Math.max(1, hosts - s.hosts.validators - (s.hosts.introducers ?? 0))
  return { ...s, name: `${s.name}@${hosts}`, hosts: { ...s.hosts, terminals } }
}
