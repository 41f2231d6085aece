// The local control API between the `gridauth` CLI and a running node: newline-delimited JSON
// over a Unix socket inside the (0700) data directory, itself created with mode 0600, so only
// the node's own user can use it. One request per line: {"id":1,"method":"status","params":{}};
// one response per line: {"id":1,"result":...} or {"id":1,"error":{"code":"...","message":"..."}}.
export const CONTROL_MAX_LINE_BYTES = 1 << 20

export interface ControlRequest {
  id: number
  method: string
  params?: Record<string, unknown>
}

export interface ControlError {
  code: string
  message: string
}

export interface ControlResponse {
  id: number
  result?: unknown
  error?: ControlError
}

export interface StatusResult {
  peerId: string
  version: string
  listen: string[]
  uptimeSeconds: number
  connections: number
  dataDir: string
  pid: number
  /** The CPU architecture the node's Node runtime was built for (process.arch: 'x64', 'arm64', ...). */
  arch: string
  /** The Node runtime's version (process.version). */
  node: string
  rssBytes: number
  /** URL of the Prometheus endpoint, or null when metrics are off. */
  metrics: string | null
  /** Inbound messages rejected since start, by protocol and reason (as gridauth_rejected_messages_total). */
  rejected: Array<{ protocol: string, reason: string, count: number }>
}

export interface PeerInfo {
  peerId: string
  address: string
  direction: 'inbound' | 'outbound'
  rttMs: number | null
  protocols: string[]
  agent: string | null
}
