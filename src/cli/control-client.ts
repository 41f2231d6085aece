// CLI side of the control API: one request over the node's Unix socket.
import { createConnection } from 'node:net'
import type { ControlResponse } from '../node/control-protocol.js'
import { UserError, errorCode } from '../util/errors.js'

/** Exit codes (bootstrap/README.md): 1 bad argument or failure, 2 no node, 3 unknown or unreachable (terminal, block, peer), 4 refused. */
const EXIT_BY_CODE: Record<string, number> = { 'not-found': 3, unavailable: 3 }

/** Registration and access wait for consensus; give them time on a loaded box. */
export const CONTROL_TIMEOUT_MS = 120_000

export async function callNode<T = unknown>(socketPath: string, method: string, params: Record<string, unknown> = {}, timeoutMs = CONTROL_TIMEOUT_MS): Promise<T> {
  return await new Promise<T>((resolve, reject) => {
    const sock = createConnection(socketPath)
    let buf = ''
    const timer = setTimeout(() => {
      sock.destroy()
      reject(new UserError(`the node did not answer ${method} within ${timeoutMs / 1000} s`))
    }, timeoutMs)
    sock.setEncoding('utf8')
    sock.once('connect', () => sock.write(JSON.stringify({ id: 1, method, params }) + '\n'))
    sock.on('data', (chunk: string) => {
      buf += chunk
      const nl = buf.indexOf('\n')
      if (nl < 0) return
      clearTimeout(timer)
      sock.destroy()
      let resp: ControlResponse
      try {
        resp = JSON.parse(buf.slice(0, nl)) as ControlResponse
      } catch {
        reject(new UserError('the node sent a malformed control response'))
        return
      }
      if (resp.error?.code === 'unknown-method') reject(new UserError(`this node does not serve \`${method}\` (${resp.error.message}): ask a node of the right role, e.g. a validator for chain, view and audit`))
      else if (resp.error !== undefined) reject(new UserError(resp.error.message, EXIT_BY_CODE[resp.error.code] ?? 1))
      else resolve(resp.result as T)
    })
    sock.once('error', (err) => {
      clearTimeout(timer)
      const code = errorCode(err)
      if (code === 'ENOENT' || code === 'ECONNREFUSED') {
        reject(new UserError(`no gridauth node is running with data directory ${socketPath.replace(/\/control\.sock$/, '')} (no control socket at ${socketPath})`, 2))
      } else {
        reject(new UserError(`cannot reach the node's control socket ${socketPath}: ${err.message}`, 2))
      }
    })
  })
}
