// Structured logs with levels, one line per event on stderr:
//   2026-11-22T02:00:00.000Z INFO  node: listening addrs=/ip4/127.0.0.1/tcp/4001
// GRIDAUTH_LOG sets the level (debug, info, warn, error; default info); GRIDAUTH_LOG_FORMAT=json
// prints one JSON object per line for log collectors.
export type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 }

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

function threshold(): number {
  const l = (process.env.GRIDAUTH_LOG ?? 'info').toLowerCase() as Level
  return ORDER[l] ?? ORDER.info
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return /\s/.test(v) ? JSON.stringify(v) : v
  if (v instanceof Error) return JSON.stringify(v.message)
  return typeof v === 'bigint' ? v.toString() : JSON.stringify(v)
}

export function createLogger(component: string): Logger {
  const json = process.env.GRIDAUTH_LOG_FORMAT === 'json'
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < threshold()) return
    const time = new Date().toISOString()
    if (json) {
      process.stderr.write(JSON.stringify({ time, level, component, msg, ...fields }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v instanceof Error ? v.message : v)) + '\n')
    } else {
      const extra = fields === undefined ? '' : Object.entries(fields).map(([k, v]) => ` ${k}=${fmt(v)}`).join('')
      process.stderr.write(`${time} ${level.toUpperCase().padEnd(5)} ${component}: ${msg}${extra}\n`)
    }
  }
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f)
  }
}
