// Control API server (see control-protocol.ts). Methods are registered by the node and by the
// services that join it in later issues; unknown methods and malformed lines get an error reply.
import { createServer, createConnection, type Server, type Socket } from 'node:net'
import { chmodSync, unlinkSync } from 'node:fs'
import { CONTROL_MAX_LINE_BYTES, type ControlRequest, type ControlResponse } from './control-protocol.js'
import { UserError, errorCode } from '../util/errors.js'

export type ControlHandler = (params: Record<string, unknown>) => Promise<unknown> | unknown

/** An error whose code and message go back to the CLI as is (e.g. "not-found"). */
export class ControlMethodError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
  }
}

export class ControlServer {
  private readonly handlers = new Map<string, ControlHandler>()
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()

  constructor(private readonly socketPath: string) {}

  register(method: string, handler: ControlHandler): void {
    this.handlers.set(method, handler)
  }

  async start(): Promise<void> {
    await removeStaleSocket(this.socketPath)
    const server = createServer((sock) => this.serve(sock))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.socketPath, () => {
        server.off('error', reject)
        resolve()
      })
    })
    chmodSync(this.socketPath, 0o600)
    this.server = server
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())))
    this.server = undefined
  }

  private serve(sock: Socket): void {
    this.sockets.add(sock)
    sock.on('close', () => this.sockets.delete(sock))
    sock.on('error', () => sock.destroy())
    let buf = ''
    sock.setEncoding('utf8')
    sock.on('data', (chunk: string) => {
      buf += chunk
      if (buf.length > CONTROL_MAX_LINE_BYTES) {
        sock.end(JSON.stringify({ id: 0, error: { code: 'too-large', message: 'request line too large' } }) + '\n')
        return
      }
      let nl: number
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl)
        buf = buf.slice(nl + 1)
        void this.answer(line).then((resp) => {
          if (!sock.destroyed) sock.write(JSON.stringify(resp) + '\n')
        })
      }
    })
  }

  private async answer(line: string): Promise<ControlResponse> {
    let req: ControlRequest
    try {
      req = JSON.parse(line) as ControlRequest
      if (typeof req.id !== 'number' || typeof req.method !== 'string') throw new Error('missing id or method')
    } catch (err) {
      return { id: 0, error: { code: 'bad-request', message: `malformed request: ${(err as Error).message}` } }
    }
    const handler = this.handlers.get(req.method)
    if (handler === undefined) return { id: req.id, error: { code: 'unknown-method', message: `unknown method ${req.method}` } }
    try {
      return { id: req.id, result: await handler(req.params ?? {}) }
    } catch (err) {
      const code = err instanceof ControlMethodError ? err.code : err instanceof UserError ? 'bad-argument' : 'internal'
      return { id: req.id, error: { code, message: (err as Error).message } }
    }
  }
}

/** A socket file left by a node that was killed is removed; one that answers means a node is running. */
async function removeStaleSocket(path: string): Promise<void> {
  const alive = await new Promise<boolean>((resolve) => {
    const c = createConnection(path)
    c.once('connect', () => {
      c.destroy()
      resolve(true)
    })
    c.once('error', () => resolve(false))
  })
  if (alive) throw new UserError(`another gridauth node is already running with control socket ${path}`)
  try {
    unlinkSync(path)
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err
  }
}
