// SHA-256 through node:crypto (OpenSSL): about 10x faster than pure JS on the terminals we target.
import { createHash } from 'node:crypto'

export const HASH_LEN = 32

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return new Uint8Array(h.digest().buffer, 0, HASH_LEN)
}
