// A terminal's store runs with a 1 MB LevelDB memtable (storeOptions): the sizes must reach
// LevelDB through the LevelDatastore constructor, since the node opens the Level instance
// directly (node.ts). Observable effect: 3 MB written flush to table files (.ldb) with the
// terminal's sizes, and stay in the memtable (the log) with LevelDB's 4 MB default.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { Key } from 'interface-datastore'
import { storeOptions } from '../../../src/node/node.js'
import { waitFor } from '../../../src/mesh/processes.js'

const dir = mkdtempSync(join(tmpdir(), 'gridauth-store-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Writes 3 MB in 48 values of 64 KB (incompressible) and returns the store's directory. */
async function fill(role: 'terminal' | 'validator'): Promise<{ path: string, ds: LevelDatastore }> {
  const path = join(dir, role)
  const ds = new LevelDatastore(path, storeOptions(role))
  await ds.db.open()
  const value = new Uint8Array(64 * 1024)
  for (let i = 0; i < 48; i++) {
    for (let j = 0; j < value.length; j++) value[j] = (i * 7919 + j * 104729) % 251
    await ds.put(new Key(`/fill/${i}`), value)
  }
  return { path, ds }
}

const tables = (path: string): string[] => readdirSync(path).filter((f) => f.endsWith('.ldb'))

test('a terminal store flushes its 1 MB memtable to table files; the default 4 MB one holds 3 MB', async () => {
  assert.deepEqual(storeOptions('validator'), {})
  assert.deepEqual(storeOptions('introducer'), {})
  const t = await fill('terminal')
  try {
    // The flush is LevelDB's background work: wait for it.
    const files = await waitFor('a table file in the terminal store', () => tables(t.path).length > 0 ? tables(t.path) : undefined, 10_000, 50)
    assert.ok(files.length >= 1)
    assert.equal((await t.ds.get(new Key('/fill/0'))).length, 64 * 1024) // still readable after the flush
  } finally {
    await t.ds.close()
  }
  const v = await fill('validator')
  try {
    assert.deepEqual(tables(v.path), [])
  } finally {
    await v.ds.close()
  }
})
