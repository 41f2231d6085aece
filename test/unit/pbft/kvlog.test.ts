// The PBFT core's durable key/value log (src/consensus/kvlog.ts): replay, deletes, deferred
// records, torn tails cut off, compaction keeps exactly the live state, import of the older LevelDB.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../../src/mesh/processes.js'
import { LevelDatastore } from 'datastore-level'
import { KvLog } from '../../../src/consensus/kvlog.js'
import { openCoreLog } from '../../../src/consensus/component.js'
import { encodeValue, decodeValue } from '../../../src/consensus/codec.js'

const v = (s: string): Uint8Array => new TextEncoder().encode(s)
const dump = (kv: Map<string, Uint8Array>): Record<string, string> => Object.fromEntries([...kv].map(([k, x]) => [k, new TextDecoder().decode(x)]).sort())

test('records replay in order, with deletes, after close and reopen', () => {
  const dir = tempDir('gridauth-kvlog-')
  try {
    const path = join(dir, 'core.log')
    const log = KvLog.open(path)
    log.write([['a', v('1')], ['b', v('2')]])
    log.write([['a', null], ['c', v('3')]])
    log.write([['b', v('22')]], false) // deferred: made durable by close
    log.close()
    const again = KvLog.open(path)
    assert.deepEqual(dump(again.takeState()), { b: '22', c: '3' })
    again.close()
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('a torn or corrupt tail is cut off and the log stays appendable', () => {
  const dir = tempDir('gridauth-kvlog-')
  try {
    const path = join(dir, 'core.log')
    const log = KvLog.open(path)
    log.write([['a', v('1')]])
    log.write([['b', v('2')]])
    log.close()
    const full = statSync(path).size
    truncateSync(path, full - 3) // crash in the middle of the second append
    const l2 = KvLog.open(path)
    assert.deepEqual(dump(l2.takeState()), { a: '1' })
    l2.write([['c', v('3')]])
    l2.close()
    appendFileSync(path, Buffer.from([0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13])) // bad crc
    const l3 = KvLog.open(path)
    assert.deepEqual(dump(l3.takeState()), { a: '1', c: '3' })
    l3.close()
    assert.equal(KvLog.open(path).takeState().size, 2)
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('compaction rewrites only the live entries', () => {
  const dir = tempDir('gridauth-kvlog-')
  try {
    const path = join(dir, 'core.log')
    const log = KvLog.open(path)
    const big = new Uint8Array(64 << 10).fill(7)
    for (let i = 0; i < 100; i++) log.write([[`slot/${i}`, big], [`slot/${i - 1}`, null]]) // ~6.4 MB written, 64 KB live
    assert.ok(statSync(path).size < (4 << 20) + (1 << 20), `log of ${statSync(path).size} bytes was not compacted`)
    log.write([['x', v('y')]])
    log.close()
    const back = KvLog.open(path)
    const st = back.takeState()
    assert.deepEqual([...st.keys()].sort(), ['slot/99', 'x'])
    assert.deepEqual(st.get('slot/99'), big)
    back.close()
    assert.ok(readFileSync(path).length > 64 << 10)
  } finally { rmSync(dir, { recursive: true, force: true }) }
})

test('a data directory with the older LevelDB core store is imported once, then the LevelDB is removed', async () => {
  const dir = tempDir('gridauth-kvlog-')
  try {
    const db = new LevelDatastore(join(dir, 'pbft'))
    await db.open()
    await db.db.put('exec', encodeValue({ height: 7 }) as never)
    await db.db.put('slot/8', encodeValue({ pp: null, cert: null }) as never)
    await db.close()
    const log = await openCoreLog(dir, true)
    const st = log.takeState()
    assert.deepEqual([...st.keys()].sort(), ['exec', 'slot/8'])
    assert.deepEqual(decodeValue(st.get('exec')!), { height: 7 })
    log.close()
    assert.equal(existsSync(join(dir, 'pbft')), false)
    const again = await openCoreLog(dir, true)
    assert.equal(again.takeState().size, 2)
    again.close()
  } finally { rmSync(dir, { recursive: true, force: true }) }
})
