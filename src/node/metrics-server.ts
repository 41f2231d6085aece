// Serves the Prometheus registry over HTTP: GET/HEAD /metrics, 404 for any other path, 405 for
// other methods on /metrics. Binds the configured metrics.listen address (host:port, port 0 =
// any free port); a busy or unavailable address is a UserError, a non-loopback one a warning.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isIPv6 } from 'node:net'
import type { AddressInfo, Socket } from 'node:net'
import { UserError, errorCode } from '../util/errors.js'
import { createLogger, type Logger } from '../util/log.js'
import { parseHostPort } from './config.js'
import { PROMETHEUS_CONTENT_TYPE, type Registry } from './metrics.js'

export interface MetricsAddress {
  host: string
  port: number
  /** e.g. http://127.0.0.1:9464/metrics (IPv6 hosts bracketed). */
  url: string
}

/** Is `host` a loopback address or name (127.0.0.0/8, ::1, localhost)? */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || /^::ffff:127\./.test(h)
}

export class MetricsServer {
  private server: Server | undefined
  private readonly sockets = new Set<Socket>()
  private readonly host: string
  private readonly port: number
  private readonly log: Logger
  private bound: MetricsAddress | undefined

  /** `listen` is 'host:port' (as metrics.listen in the config, not 'off') or {host, port}. */
  constructor(private readonly registry: Registry, listen: string | { host: string, port: number }, log?: Logger) {
    let hp: { host: string, port: number }
    if (typeof listen === 'string') {
      try {
        hp = parseHostPort(listen)
      } catch (err) {
        throw new UserError(`invalid metrics address '${listen}': ${(err as Error).message}`)
      }
    } else {
      hp = listen
    }
    this.host = hp.host
    this.port = hp.port
    this.log = log ?? createLogger('metrics')
  }

  get address(): MetricsAddress | undefined {
    return this.bound
  }

  async start(): Promise<MetricsAddress> {
    if (this.server !== undefined) throw new Error('metrics server already started')
    const server = createServer((req, res) => this.handle(req, res))
    server.headersTimeout = 10_000
    server.requestTimeout = 10_000
    server.keepAliveTimeout = 5_000
    server.on('connection', (s) => {
      this.sockets.add(s)
      s.once('close', () => this.sockets.delete(s))
    })
    const shown = isIPv6(this.host) ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        server.removeListener('listening', onListening)
        const code = errorCode(err)
        if (code === 'EADDRINUSE') reject(new UserError(`cannot serve metrics on ${shown}: address already in use (set metrics.listen to another address, or off)`))
        else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') reject(new UserError(`cannot serve metrics on ${shown}: no such local address (check metrics.listen)`))
        else if (code === 'EACCES') reject(new UserError(`cannot serve metrics on ${shown}: permission denied (ports below 1024 need privileges)`))
        else reject(new UserError(`cannot serve metrics on ${shown}: ${err.message}`))
      }
      const onListening = (): void => {
        server.removeListener('error', onError)
        resolve()
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen({ host: this.host, port: this.port, exclusive: true })
    })
    server.on('error', (err) => this.log.error('metrics server error', { err }))
    this.server = server
    const a = server.address() as AddressInfo
    const urlHost = a.family === 'IPv6' || isIPv6(a.address) ? `[${a.address}]` : a.address
    this.bound = { host: a.address, port: a.port, url: `http://${urlHost}:${a.port}/metrics` }
    if (!isLoopbackHost(this.host)) {
      this.log.warn('metrics endpoint is reachable from the network: anyone who can reach it can read node metrics; bind 127.0.0.1 or firewall it', { address: this.bound.url })
    }
    this.log.info('serving metrics', { url: this.bound.url })
    return this.bound
  }

  async stop(): Promise<void> {
    const server = this.server
    if (server === undefined) return
    this.server = undefined
    this.bound = undefined
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      for (const s of this.sockets) s.destroy()
    })
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0]
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: metrics are at /metrics\n')
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD' }).end('method not allowed\n')
      return
    }
    let body: string
    try {
      body = this.registry.render()
    } catch (err) {
      this.log.error('metrics collection failed', { err })
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics collection failed\n')
      return
    }
    const buf = Buffer.from(body, 'utf8')
    res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE, 'content-length': buf.length, 'cache-control': 'no-store' })
    res.end(req.method === 'HEAD' ? undefined : buf)
  }
}
