import { test } from 'node:test'
import assert from 'node:assert/strict'
import { verdictOf, allows, verdictTtlMs } from '../../../src/admission/verdict.js'
import type { TerminalRecord } from '../../../src/ledger/index.js'

const base = { revoked: false, lastAccessTime: 0, certificate: { notBefore: 0, notAfter: 1_000 } } as unknown as TerminalRecord
const rec = (over: Partial<TerminalRecord>): TerminalRecord => ({ ...base, ...over }) as TerminalRecord

test('admitted only with a committed access grant, a valid certificate and no revocation', () => {
  assert.equal(verdictOf(undefined, 0), 'unknown')
  assert.equal(verdictOf(rec({}), 500), 'not-admitted')
  assert.equal(verdictOf(rec({ lastAccessTime: 10 }), 500), 'admitted')
  assert.equal(verdictOf(rec({ lastAccessTime: 10 }), 1_001), 'expired')
  assert.equal(verdictOf(rec({ lastAccessTime: 10, certificate: undefined }), 500), 'expired')
  assert.equal(verdictOf(rec({ lastAccessTime: 10, revoked: true }), 500), 'revoked')
  assert.deepEqual(['validator', 'admitted', 'not-admitted', 'expired', 'revoked', 'unknown'].filter((v) => allows(v as never)), ['validator', 'admitted'])
})

test('a refusal is looked up again soon; admissions and revocations are trusted for the TTL', () => {
  assert.equal(verdictTtlMs('admitted', 10_000), 10_000)
  assert.equal(verdictTtlMs('revoked', 10_000), 10_000)
  assert.equal(verdictTtlMs('not-admitted', 10_000), 1_000)
  assert.equal(verdictTtlMs('unknown', 500), 500)
})
