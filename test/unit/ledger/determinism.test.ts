// Identical state roots when the same blocks are applied in a separate process.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { encodeBlock, makeRevocationTx, toHex } from '../../../src/ledger/index.js'
import { writeBlocks } from '../../integration/helpers/ledger-child.js'
import { genesisJson, NET, operator, Producer, Terminal } from './fixtures.js'

const CHILD = join(dirname(fileURLToPath(import.meta.url)), '../../integration/helpers/ledger-child.js')

type Op = [kind: number, who: number]

function runScript (script: Op[][]): { blocks: Uint8Array[], roots: string[], heads: string[] } {
  const p = new Producer()
  const ts = Array.from({ length: 6 }, (_, i) => new Terminal(`d${i}`, { chainLength: 6 }))
  let opSeq = 0
  const roots: string[] = []
  const heads: string[] = []
  for (const ops of script) {
    const txs = ops.map(([kind, who]) => {
      const t = ts[who]
      switch (kind) {
        case 0: return t.registerTx()
        case 1: return t.pos > 1 ? t.updateTx() : t.renewTx(6)
        case 2: return t.updateTx(t.chain[t.pos])  // replayed value
        case 3: return t.accessTx(p.state, p.state.timestamp + 500)
        case 4: return ts[(who + 1) % ts.length].authRecordTx(t, p.state.timestamp + 500, who % 2 === 0)
        default: return makeRevocationTx(operator, NET, { terminalId: t.id, opSeq: ++opSeq })
      }
    })
    p.step(txs)
    roots.push(toHex(p.state.stateRoot()))
    heads.push(toHex(p.state.lastHeaderHash))
  }
  return { blocks: p.blocks.map(b => encodeBlock(b.block)), roots, heads }
}

test('property: a separate process applying the same blocks reaches identical state roots', () => {
  const cases: Array<ReturnType<typeof runScript>> = []
  fc.assert(fc.property(
    fc.array(fc.array(fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 })), { maxLength: 12 }), { minLength: 1, maxLength: 10 }),
    (script) => { cases.push(runScript(script)) }
  ), { numRuns: 15 })
  const dir = mkdtempSync(join(tmpdir(), 'ledger-det-'))
  try {
    writeFileSync(join(dir, 'genesis.json'), JSON.stringify(genesisJson()))
    const files = cases.map((c, i) => {
      const f = join(dir, `blocks-${i}.bin`)
      writeFileSync(f, writeBlocks(c.blocks))
      return f
    })
    const out = JSON.parse(execFileSync(process.execPath, [CHILD, 'replay', join(dir, 'genesis.json'), ...files], { encoding: 'utf8' })) as Array<{ roots: string[], heads: string[] }>
    assert.equal(out.length, cases.length)
    cases.forEach((c, i) => {
      assert.deepEqual(out[i].roots, c.roots)
      assert.deepEqual(out[i].heads, c.heads)
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
