// Who may use the network beyond registration and access (the pure part of the gate).
// Admitted: the genesis validators, and terminals whose access grant is committed, whose
// certificate is valid now and which are not revoked. Everyone else may still register, ask for
// access, read the chain and be judged by peer authentication, nothing more.
import type { TerminalRecord } from '../ledger/index.js'

export type Verdict = 'validator' | 'admitted' | 'not-admitted' | 'expired' | 'revoked' | 'unknown'

export function verdictOf(record: TerminalRecord | undefined, now: number): Verdict {
  if (record === undefined) return 'unknown'
  if (record.revoked) return 'revoked'
  const c = record.certificate
  if (c === undefined || now > c.notAfter) return 'expired'
  return record.lastAccessTime > 0 ? 'admitted' : 'not-admitted'
}

export const allows = (v: Verdict): boolean => v === 'validator' || v === 'admitted'

/** How long a verdict is trusted before it is looked up again. */
export function verdictTtlMs(v: Verdict, ttlMs: number): number {
  // A peer turned away is looked up again soon: its access grant may be committing right now.
  return allows(v) || v === 'revoked' ? ttlMs : Math.min(ttlMs, 1_000)
}
