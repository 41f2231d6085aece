// Drives real gridauth processes: one-shot CLI runs and long-lived nodes. Used by the demo,
// the local-mesh script, the benchmarks and the integration tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url))

export interface RunResult { code: number | null, stdout: string, stderr: string }

export function tempDir(prefix = 'gridauth-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

/** Runs the CLI to completion. */
export async function gridauth(args: string[], opts: { env?: NodeJS.ProcessEnv, timeoutMs?: number, node?: string } = {}): Promise<RunResult> {
  const child = spawn(opts.node ?? process.execPath, [CLI, ...args], { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  clearTimeout(timer)
  return { code, stdout, stderr }
}

export async function gridauthJson<T>(args: string[], opts: { timeoutMs?: number, node?: string } = {}): Promise<T> {
  const r = await gridauth(['--json', ...args], opts)
  if (r.code !== 0) throw new Error(`gridauth ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout.slice(0, 500)}`)
  return JSON.parse(r.stdout) as T
}

export interface RunningNode {
  dataDir: string
  peerId: string
  listen: string[]
  /** First listen address, with /p2p/<id>. */
  addr: string
  proc: ChildProcess
  stderr: () => string
  /** Sends a signal and waits for exit; returns the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>
}

export interface StartNodeOptions {
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  /**
   * Command prefix the node runs under, e.g. ['ip', 'netns', 'exec', 'host3'] (the testbed). The
   * prefix must exec the node in place, so that signals reach the node itself.
   */
  wrap?: string[]
  /** The Node executable that runs the CLI (default: this process's own), e.g. an arm64 Node under qemu. */
  node?: string
}

/** Starts `gridauth start` in the background and waits until it prints its started line. */
export async function startNode(dataDir: string, extra: string[] = [], opts: StartNodeOptions = {}): Promise<RunningNode> {
  const args = [CLI, '--json', '--data', dataDir, 'start', ...(extra.some((a) => a === '--listen' || a === '-l') ? [] : ['--listen', '/ip4/127.0.0.1/tcp/0']), ...extra]
  const [cmd, ...cmdArgs] = [...(opts.wrap ?? []), opts.node ?? process.execPath, ...args]
  const proc = spawn(cmd, cmdArgs, { env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d })
  // For post-mortems of a failed run: GRIDAUTH_MESH_LOGS=1 keeps each node's log in its data dir.
  if (process.env.GRIDAUTH_MESH_LOGS === '1') proc.stderr!.pipe(createWriteStream(join(dataDir, 'node.log'), { flags: 'a' }))
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c)))
  const started = await new Promise<{ peerId: string, listen: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL') // never leave a half-started node behind
      reject(new Error(`node in ${dataDir} did not start in time: ${err}`))
    }, opts.timeoutMs ?? 60_000) // generous: 20+ processes on 2 cores start slowly
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      try {
        const v = JSON.parse(out) as { event?: string, peerId: string, listen: string[] }
        if (v.event === 'started') {
          clearTimeout(timer)
          resolve(v)
        }
      } catch { /* not complete yet */ }
    })
    void exited.then((c) => {
      clearTimeout(timer)
      reject(new Error(`node in ${dataDir} exited with ${c} before starting: ${err}`))
    })
  })
  return {
    dataDir,
    peerId: started.peerId,
    listen: started.listen,
    addr: started.listen[0],
    proc,
    stderr: () => err,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal)
      return await exited
    }
  }
}

/** Polls `check` until it returns a truthy value or the time runs out. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await check()
      if (v !== undefined && v !== false) return v
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`)
}
