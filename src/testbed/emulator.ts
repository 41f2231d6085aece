// The runner's handle on linkemu.py, the userspace link emulator (see the header of linkemu.py
// for why it exists: this kernel has no netem). It owns one TUN device per host namespace and
// forwards packets between them with per-link delay, jitter, loss and one-way blocks.
import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The script lives beside this file's source (tsc does not copy it to dist/). */
export const LINKEMU = fileURLToPath(new URL('../../../src/testbed/linkemu.py', import.meta.url))

export interface LinkRule { from: number[] | '*', to: number[] | '*', delay?: number, jitter?: number, loss?: number }
export interface EmuStats { forwarded: number, lost: number, blocked: number, unroutable: number, dropped_non_ipv4: number, write_errors: number }

export class LinkEmulator {
  private constructor(readonly proc: ChildProcess, readonly control: string) {}

  static async start(namespaces: string[], opts: { control: string, pidFile: string, tag: string, subnet: string, seed?: number }): Promise<LinkEmulator> {
    const args = [LINKEMU, '--ns', namespaces.join(','), '--control', opts.control, '--tag', opts.tag, '--subnet', opts.subnet]
    if (opts.seed !== undefined) args.push('--seed', String(opts.seed))
    // stdin stays an open pipe: the emulator exits when it closes, i.e. when this runner dies.
    const proc = spawn('python3', args, { stdio: ['pipe', 'pipe', 'pipe'] })
    writeFileSync(opts.pidFile, String(proc.pid))
    let err = ''
    proc.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d })
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`link emulator did not start: ${err}`)), 30_000)
      proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d
        if (out.includes('"ready": true')) { clearTimeout(timer); resolve() }
      })
      proc.on('exit', (c) => { clearTimeout(timer); reject(new Error(`link emulator exited with ${c}: ${err}`)) })
    })
    return new LinkEmulator(proc, opts.control)
  }

  async request<T = Record<string, unknown>>(req: Record<string, unknown>): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      const sock = createConnection(this.control)
      let buf = ''
      const timer = setTimeout(() => { sock.destroy(); reject(new Error('link emulator did not answer')) }, 10_000)
      sock.setEncoding('utf8')
      sock.once('connect', () => sock.write(JSON.stringify(req) + '\n'))
      sock.on('data', (d: string) => {
        buf += d
        if (!buf.includes('\n')) return
        clearTimeout(timer)
        sock.destroy()
        const r = JSON.parse(buf) as { ok: boolean, error?: string }
        if (r.ok) resolve(r as T)
        else reject(new Error(`link emulator: ${r.error}`))
      })
      sock.once('error', (e) => { clearTimeout(timer); reject(e) })
    })
  }

  async link(rule: LinkRule): Promise<void> { await this.request({ op: 'link', ...rule }) }
  async block(from: number[] | '*', to: number[] | '*'): Promise<void> { await this.request({ op: 'block', from, to }) }
  async unblock(from: number[] | '*', to: number[] | '*'): Promise<void> { await this.request({ op: 'unblock', from, to }) }
  async reset(): Promise<void> { await this.request({ op: 'reset' }) }
  async stats(): Promise<EmuStats> { return (await this.request<{ stats: EmuStats }>({ op: 'stats' })).stats }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    const exited = new Promise((resolve) => this.proc.on('exit', resolve))
    this.proc.kill('SIGTERM')
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3_000)
    await exited
    clearTimeout(t)
  }
}
