// Network namespaces of the testbed, one per host, named gatb<runner pid>h<i>, and the cleanup of
// everything a run leaves behind: on exit, on a signal, and at the start of the next run when a
// runner was killed outright (its pid is in every name it created, so a leftover is recognised by
// a dead pid and never mixed up with a concurrent run).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

export const NS_PREFIX = 'gatb'

export function ip(args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

export function nsName(runner: number, host: number): string {
  return `${NS_PREFIX}${runner}h${host}`
}

export function runRoot(runner: number): string {
  return `/tmp/${NS_PREFIX}-${runner}`
}

function listNamespaces(): string[] {
  return ip(['netns', 'list']).split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(NS_PREFIX))
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Fails with a clear message when namespaces or TUN devices cannot be used here. */
export function checkPrivileges(): void {
  if (process.getuid?.() !== 0) throw new Error('the testbed needs root (network namespaces and TUN devices); run it as root')
  if (!existsSync('/dev/net/tun')) throw new Error('the testbed needs /dev/net/tun (TUN devices)')
  try {
    ip(['netns', 'list'])
  } catch (err) {
    throw new Error(`the testbed needs \`ip netns\` (iproute2): ${(err as Error).message}`)
  }
}

export function createNamespace(name: string): void {
  ip(['netns', 'add', name])
}

/** Kills every process in the namespace (SIGKILL, SIGCONT first for frozen ones) and deletes it. */
export function destroyNamespace(name: string): void {
  let pids: number[] = []
  try {
    pids = ip(['netns', 'pids', name]).split('\n').filter(Boolean).map(Number)
  } catch { /* already gone */ }
  for (const pid of pids) {
    try { process.kill(pid, 'SIGKILL') } catch { /* gone */ }
  }
  try { ip(['netns', 'del', name]) } catch { /* already gone */ }
}

/** Namespaces, emulators and data of runners that no longer exist (a crashed or killed run). */
export function cleanLeftovers(): string[] {
  const cleaned: string[] = []
  for (const ns of listNamespaces()) {
    const m = /^gatb(\d+)h\d+$/.exec(ns)
    if (m === null || alive(Number(m[1]))) continue
    destroyNamespace(ns)
    cleaned.push(ns)
  }
  try {
    for (const line of execFileSync('ls', ['/tmp'], { encoding: 'utf8' }).split('\n')) {
      const m = /^gatb-(\d+)$/.exec(line)
      if (m === null || alive(Number(m[1]))) continue
      const pidFile = `/tmp/${line}/linkemu.pid`
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8'))
        try {
          if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('linkemu.py')) process.kill(pid, 'SIGKILL')
        } catch { /* gone */ }
      }
      rmSync(`/tmp/${line}`, { recursive: true, force: true })
      cleaned.push(`/tmp/${line}`)
    }
  } catch { /* nothing to clean */ }
  return cleaned
}
