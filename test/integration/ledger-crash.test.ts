// Crash test: a child appends blocks to a LevelDB store in a loop and is killed with SIGKILL
// at random moments; after each kill the store must reopen at a complete block, with every
// block up to the head present, chained and certified, and a replay must reach the same state.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apply, genesisState, headerHash, verifyCommitCertificate } from '../../src/ledger/index.js'
import { LedgerStore } from '../../src/ledger/store.js'
import { genesis, genesisJson } from '../unit/ledger/fixtures.js'

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'helpers/ledger-child.js')
const KILLS = 20

/** Deterministic PRNG so a failing run can be reproduced from its seed. */
function rng (seed: number): () => number {
  let s = seed >>> 0
  return () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32 }
}

/**
 * Starts the writer and kills it `delayMs` after its first durable block (afterFirst) or
 * after spawning (to also hit start-up: open, genesis creation, first block).
 */
async function runAndKill (dir: string, genesisFile: string, delayMs: number, afterFirst: boolean): Promise<number> {
  const child = spawn(process.execPath, [CHILD, 'writer', dir, genesisFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  let reported = -1
  let stderr = ''
  let firstSeen: () => void = () => {}
  const first = new Promise<void>(resolve => { firstSeen = resolve })
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    for (const m of d.matchAll(/height (\d+)/g)) reported = Math.max(reported, Number(m[1]))
    if (reported >= 0) firstSeen()
  })
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d })
  const exited = new Promise<{ code: number | null, signal: string | null }>(resolve => child.on('exit', (code, signal) => resolve({ code, signal })))
  if (afterFirst) await Promise.race([first, exited])
  await new Promise(resolve => setTimeout(resolve, delayMs))
  child.kill('SIGKILL')
  const { code, signal } = await exited
  assert.ok(signal === 'SIGKILL', `writer exited by itself (code ${code}): ${stderr}`)
  return reported
}

test('kill -9 at random moments never leaves a torn block', { timeout: 60_000 }, async (t) => {
  const seed = Number(process.env.LEDGER_CRASH_SEED ?? Date.now() % 100000)
  const rand = rng(seed)
  const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'))
  const genesisFile = join(dir, 'genesis.json')
  writeFileSync(genesisFile, JSON.stringify(genesisJson()))
  const db = join(dir, 'db')
  const replay = genesisState(genesis)
  let lastHead = 0
  let killsWithProgress = 0
  try {
    for (let i = 0; i < KILLS; i++) {
      const early = i % 5 === 1
      const reported = await runAndKill(db, genesisFile, Math.floor(rand() * (early ? 600 : 250)), !early)
      let store: LedgerStore
      try {
        store = await LedgerStore.open(db, genesis, { sync: false })
      } catch (err) {
        throw new Error(`seed ${seed} kill ${i}: reopen failed: ${(err as Error).message}`)
      }
      try {
        const head = store.head.height
        assert.ok(head >= reported, `seed ${seed} kill ${i}: head ${head} behind reported durable height ${reported}`)
        assert.ok(head >= lastHead, `seed ${seed} kill ${i}: head went back from ${lastHead} to ${head}`)
        if (head > lastHead) killsWithProgress++
        // incremental replay of the new blocks: present, chained, certified, same roots
        for (let h = replay.height + 1; h <= head; h++) {
          const block = await store.getBlock(h)
          const cert = await store.getCommitCertificate(h)
          assert.ok(block !== undefined && cert !== undefined, `block ${h} missing`)
          assert.ok(verifyCommitCertificate(block.header, cert, replay.validators), `certificate ${h}`)
          apply(replay, block)
          assert.deepEqual(headerHash((await store.getHeader(h))!), replay.lastHeaderHash)
        }
        assert.deepEqual(replay.lastHeaderHash, store.head.headerHash)
        assert.deepEqual(replay.stateRoot(), store.state.stateRoot())
        // the writer stores its last finished height after each block: head-1 or head
        const meta = await store.getMeta('writer/last')
        if (head > 1) {
          assert.ok(meta !== undefined)
          const m = Number(Buffer.from(meta).toString())
          assert.ok(m === head || m === head - 1, `meta ${m} vs head ${head}`)
        }
        lastHead = head
      } finally {
        await store.close()
      }
    }
    assert.ok(killsWithProgress >= KILLS / 2, `only ${killsWithProgress} runs made progress`)
    const store = await LedgerStore.open(db, genesis)
    try {
      await store.verifyChain()
      assert.ok(store.head.height > 20, `head ${store.head.height}`)
      t.diagnostic(`seed ${seed}: ${KILLS} kills, ${killsWithProgress} with progress, final head ${store.head.height}`)
    } finally {
      await store.close()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
