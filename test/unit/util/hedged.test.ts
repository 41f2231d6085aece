import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hedged } from '../../../src/util/hedged.js'

const after = async <T>(ms: number, v: T, fail = false): Promise<T> =>
  await new Promise<T>((resolve, reject) => setTimeout(() => { if (fail) reject(new Error(String(v))); else resolve(v) }, ms))

test('the first candidate answering in time is the only one asked', async () => {
  const asked: string[] = []
  const v = await hedged(['a', 'b', 'c'], async (c) => { asked.push(c); return await after(5, c) }, { hedgeMs: 200 })
  assert.equal(v, 'a')
  assert.deepEqual(asked, ['a'])
})

test('a silent candidate gets company after hedgeMs; the first answer wins', async () => {
  const asked: string[] = []
  const t0 = Date.now()
  const v = await hedged(['silent', 'b', 'c'], async (c) => { asked.push(c); return await after(c === 'silent' ? 10_000 : 5, c) }, { hedgeMs: 50 })
  assert.equal(v, 'b')
  assert.deepEqual(asked, ['silent', 'b'])
  assert.ok(Date.now() - t0 < 5_000, 'did not wait for the silent one')
})

test('a failure moves on at once; all failing rejects with the last error', async () => {
  const asked: string[] = []
  await assert.rejects(hedged(['a', 'b'], async (c) => { asked.push(c); return await after(1, c, true) }, { hedgeMs: 10_000 }), /b/)
  assert.deepEqual(asked, ['a', 'b'])
  const v = await hedged(['a', 'b'], async (c) => await after(1, c, c === 'a'), { hedgeMs: 10_000 })
  assert.equal(v, 'b')
  await assert.rejects(hedged([], async () => 1, { hedgeMs: 1 }), /none known/)
})
