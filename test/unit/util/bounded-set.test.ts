import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BoundedSet } from '../../../src/util/bounded-set.js'

test('a bounded set never holds more than its capacity and evicts the oldest first', () => {
  const s = new BoundedSet(3)
  for (const k of ['a', 'b', 'c']) s.add(k)
  s.add('a') // already there: nothing evicted
  assert.equal(s.size, 3)
  s.add('d')
  assert.equal(s.size, 3)
  assert.equal(s.has('a'), false, 'the oldest went')
  for (const k of ['b', 'c', 'd']) assert.ok(s.has(k))
  for (let i = 0; i < 10_000; i++) s.add(`k${i}`)
  assert.equal(s.size, 3)
  assert.deepEqual(['k9997', 'k9998', 'k9999'].map(k => s.has(k)), [true, true, true])
  assert.throws(() => new BoundedSet(0), RangeError)
})
