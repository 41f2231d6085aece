import { test } from 'node:test'
import * as assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import {
  HashChainTraverser, HashChainWallet, hashChainStep, hashChainAnchor, hashChainMemoryBound, hashChainStepBound,
  verifyChainValue, verifyChainValueWithin, verifyRenewal, encodeRenewal, decodeRenewal,
  type ChainStore, type RenewalMessage,
} from '../../../src/crypto/hashchain.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const seedOf = (label: string, i = 0): Uint8Array =>
  new Uint8Array(createHash('sha256').update(`${label}/${i}`).digest())

/** h_0..h_N computed naively. */
function naiveChain(seed: Uint8Array, n: number): Uint8Array[] {
  const h: Uint8Array[] = [Uint8Array.from(seed)]
  for (let i = 1; i <= n; i++) h.push(hashChainStep(h[i - 1]))
  return h
}

test('chain step is SHA-256("gridauth/hc/v1" || x)', () => {
  const x = seedOf('step')
  const expected = createHash('sha256').update('gridauth/hc/v1').update(x).digest()
  assert.equal(hex(hashChainStep(x)), expected.toString('hex'))
  assert.notEqual(hex(hashChainStep(x)), createHash('sha256').update(x).digest('hex'))
  assert.deepEqual(hashChainAnchor(x, 3), hashChainStep(hashChainStep(hashChainStep(x))))
})

test('traversal reveals h_{N-1}..h_0 in order; memory and per-step hashes within bounds (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 700 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (n, seed) => {
      const h = naiveChain(seed, n)
      const t = HashChainTraverser.create(seed, n)
      assert.deepEqual(t.anchor, h[n])
      assert.equal(t.remaining, n)
      let latest = t.anchor
      for (let k = 1; k <= n; k++) {
        const peek = t.peekNext()
        const v = t.advance()
        assert.deepEqual(v, peek)
        assert.deepEqual(v, h[n - k])
        assert.ok(verifyChainValue(latest, v))
        assert.equal(t.position, k)
        assert.ok(t.storedValues <= hashChainMemoryBound(n), `memory n=${n} k=${k}`)
        assert.ok(t.lastStepHashes <= hashChainStepBound(n), `hashes n=${n} k=${k}`)
        latest = v
      }
      assert.deepEqual(latest, seed)
      assert.equal(t.remaining, 0)
      assert.throws(() => t.advance(), /exhausted/)
      assert.throws(() => t.peekNext(), /exhausted/)
    }),
    { numRuns: 60 },
  )
})

test('serialised state resumes identically at any point (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 32, maxLength: 32 }),
      (n, frac, seed) => {
        const a = HashChainTraverser.create(seed, n)
        const cut = Math.floor(frac * n)
        for (let i = 0; i < cut; i++) a.advance()
        const bytes = a.toBytes()
        const b = HashChainTraverser.fromBytes(bytes)
        assert.deepEqual(b.toBytes(), bytes)
        assert.equal(b.position, cut)
        assert.deepEqual(b.anchor, a.anchor)
        while (a.remaining > 0) assert.deepEqual(b.advance(), a.advance())
        assert.equal(b.remaining, 0)
      }),
    { numRuns: 60 },
  )
})

test('fromBytes rejects malformed state', () => {
  const t = HashChainTraverser.create(seedOf('fb'), 100)
  const good = t.toBytes()
  assert.throws(() => HashChainTraverser.fromBytes(good.subarray(0, 20)))
  assert.throws(() => HashChainTraverser.fromBytes(good.subarray(0, good.length - 1)))
  const badMagic = Uint8Array.from(good); badMagic[0] ^= 1
  assert.throws(() => HashChainTraverser.fromBytes(badMagic))
  const badPos = Uint8Array.from(good); new DataView(badPos.buffer).setUint32(8, 101)
  assert.throws(() => HashChainTraverser.fromBytes(badPos))
  const badCount = Uint8Array.from(good); badCount[44] = 200
  assert.throws(() => HashChainTraverser.fromBytes(badCount))
})

test('verifyChainValue / verifyChainValueWithin: exact, skip-ahead, replay, bounds', () => {
  const h = naiveChain(seedOf('verify'), 50)
  const latest = h[40]
  assert.equal(verifyChainValue(latest, h[39]), true)
  assert.equal(verifyChainValue(latest, h[38]), false)
  assert.equal(verifyChainValue(latest, h[40]), false)
  assert.equal(verifyChainValue(latest, h[41]), false, 'replay of an older value')
  assert.equal(verifyChainValue(latest, h[39].subarray(0, 31)), false)
  for (let s = 1; s <= 10; s++) assert.equal(verifyChainValueWithin(latest, h[40 - s], 10), s)
  assert.equal(verifyChainValueWithin(latest, h[29], 10), null, 'beyond maxSteps')
  assert.equal(verifyChainValueWithin(latest, h[29], 11), 11)
  assert.equal(verifyChainValueWithin(latest, h[40], 10), null)
  assert.equal(verifyChainValueWithin(latest, h[45], 10), null)
  assert.equal(verifyChainValueWithin(latest, h[39], 0), null)
  assert.equal(verifyChainValueWithin(latest, new Uint8Array(33), 5), null)
})

function walkLarge(n: number, steps: number): { maxMem: number; maxHashes: number } {
  const t = HashChainTraverser.create(seedOf('large', n), n)
  let maxMem = t.storedValues
  let maxHashes = 0
  let latest = t.anchor
  for (let i = 0; i < steps; i++) {
    const v = t.advance()
    assert.ok(verifyChainValue(latest, v))
    latest = v
    maxMem = Math.max(maxMem, t.storedValues)
    maxHashes = Math.max(maxHashes, t.lastStepHashes)
  }
  return { maxMem, maxHashes }
}

test('N = 10^4: whole chain, at most 15 stored values and 15 hashes per step', () => {
  const n = 10_000
  const { maxMem, maxHashes } = walkLarge(n, n)
  assert.equal(hashChainMemoryBound(n), 15)
  assert.ok(maxMem <= 15, `maxMem ${maxMem}`)
  assert.ok(maxHashes <= hashChainStepBound(n), `maxHashes ${maxHashes}`)
})

test('N = 10^6: 21 stored values at most (first 10,000 steps; setup = 10^6 hashes)', () => {
  const n = 1_000_000
  const { maxMem, maxHashes } = walkLarge(n, 10_000)
  assert.equal(hashChainMemoryBound(n), 21)
  assert.ok(maxMem <= 21, `maxMem ${maxMem}`)
  assert.ok(maxHashes <= hashChainStepBound(n), `maxHashes ${maxHashes}`)
})

// ---------------------------------------------------------------------------------------------

class MemStore implements ChainStore {
  disk: Uint8Array | undefined
  /** Planned outcomes of the next saves: 'before' throws without writing, 'after' writes then throws. */
  plan: Array<'before' | 'after'> = []
  saves = 0
  async load(): Promise<Uint8Array | undefined> {
    return this.disk === undefined ? undefined : Uint8Array.from(this.disk)
  }
  async save(bytes: Uint8Array): Promise<void> {
    const f = this.plan.shift()
    if (f === 'before') throw new Error('io error before write')
    this.disk = Uint8Array.from(bytes)
    this.saves++
    if (f === 'after') throw new Error('io error after write')
  }
}

test('wallet: reveal persists before returning; last value reserved for renewal', async () => {
  const store = new MemStore()
  const w = await HashChainWallet.create(store, seedOf('w'), 5)
  assert.equal(store.saves, 1)
  const h = naiveChain(seedOf('w'), 5)
  assert.deepEqual(w.anchor, h[5])
  assert.equal(w.remaining, 4)
  for (let k = 1; k <= 4; k++) {
    const before: number = store.saves
    const v = await w.reveal()
    assert.deepEqual(v, h[5 - k])
    assert.equal(store.saves, before + 1)
    const reopened = await HashChainWallet.open(store)
    assert.equal(reopened?.position, k, 'persisted position already includes the revealed value')
  }
  assert.equal(w.remaining, 0)
  assert.ok(w.needsRenewal())
  await assert.rejects(w.reveal(), /exhausted/)
  const msg = await w.renew(seedOf('w2'), 8)
  assert.deepEqual(msg.revealed, h[0], 'renewal reveals the reserved last value h_0')
  assert.deepEqual(msg.newAnchor, hashChainAnchor(seedOf('w2'), 8))
  assert.equal(w.generation, 1)
  const reopened = await HashChainWallet.open(store)
  assert.ok(reopened)
  assert.equal(reopened.generation, 1)
  assert.deepEqual(reopened.lastRenewal, msg)
  assert.deepEqual(reopened.anchor, msg.newAnchor)
  assert.equal(await HashChainWallet.open(new MemStore()), undefined)
})

test('wallet: failed save never returns the value; concurrent reveals are serialised', async () => {
  const store = new MemStore()
  const w = await HashChainWallet.create(store, seedOf('c'), 20)
  const h = naiveChain(seedOf('c'), 20)
  store.plan.push('before')
  await assert.rejects(w.reveal(), /io error/)
  const v = await w.reveal()
  assert.deepEqual(v, h[18], 'h_19 was burnt, not returned')
  const vs = await Promise.all([w.reveal(), w.reveal(), w.reveal()])
  assert.deepEqual(vs, [h[17], h[16], h[15]])
  assert.equal((await HashChainWallet.open(store))?.position, 5)
})

test('renewal verifies; old-chain values and replays do not verify against the new anchor', async () => {
  const store = new MemStore()
  const w = await HashChainWallet.create(store, seedOf('r'), 10)
  let latest = w.anchor
  const old: Uint8Array[] = []
  for (let i = 0; i < 6; i++) { const v = await w.reveal(); assert.ok(verifyChainValue(latest, v)); latest = v; old.push(v) }
  const msg = await w.renew(seedOf('r2'), 50) // early renewal, 3 old values left unused
  const bytes = encodeRenewal(msg)
  assert.deepEqual(decodeRenewal(bytes), msg)
  const ok = verifyRenewal(latest, bytes)
  assert.ok(ok)
  assert.equal(ok.steps, 1)
  assert.equal(ok.newLength, 50)
  const newAnchor = ok.newAnchor
  // the rest of the old chain and everything revealed before: rejected under the new anchor
  for (const v of [...old, msg.revealed, ...naiveChain(seedOf('r'), 10)]) {
    assert.equal(verifyChainValue(newAnchor, v), false)
    assert.equal(verifyChainValueWithin(newAnchor, v, 100), null)
  }
  assert.equal(verifyRenewal(newAnchor, bytes, 100), null, 'replayed renewal')
  // tampering
  const other: RenewalMessage = { ...msg, revealed: naiveChain(seedOf('r'), 10)[2] }
  assert.equal(verifyRenewal(latest, other), null, 'wrong revealed value (skips 2 with maxSteps 1)')
  assert.ok(verifyRenewal(latest, other, 2))
  assert.equal(verifyRenewal(latest, { ...msg, newAnchor: msg.revealed }), null)
  assert.equal(verifyRenewal(latest, { ...msg, newLength: 0 }), null)
  assert.equal(verifyRenewal(latest, bytes.subarray(0, 60)), null)
  const badVersion = Uint8Array.from(bytes); badVersion[0] = 9
  assert.equal(verifyRenewal(latest, badVersion), null)
  // the new chain works
  let l2 = newAnchor
  for (let i = 0; i < 5; i++) { const v = await w.reveal(); assert.ok(verifyChainValue(l2, v)); l2 = v }
})

type Cmd =
  | { kind: 'reveal' }
  | { kind: 'crash' }
  | { kind: 'fail'; mode: 'before' | 'after' }
  | { kind: 'renew'; len: number }

test('crash simulation: values never repeat and always verify with bounded skip-ahead (property)', async () => {
  const cmd: fc.Arbitrary<Cmd> = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Cmd>({ kind: 'reveal' }) },
    { weight: 2, arbitrary: fc.constant<Cmd>({ kind: 'crash' }) },
    { weight: 2, arbitrary: fc.constantFrom<'before' | 'after'>('before', 'after').map((mode): Cmd => ({ kind: 'fail', mode })) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 12 }).map((len): Cmd => ({ kind: 'renew', len })) },
  )
  let runId = 0
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 2, max: 12 }), fc.array(cmd, { minLength: 1, maxLength: 80 }), async (len0, cmds) => {
      const run = runId++
      let seedCounter = 0
      const nextSeed = (): Uint8Array => seedOf(`crash-${run}`, seedCounter++)
      const store = new MemStore()
      let w = await HashChainWallet.create(store, nextSeed(), len0)
      // verifier side
      let latest = w.anchor
      let vGen = 0
      let unseen = 0 // upper bound on values the terminal may have skipped since the last accept
      const revealed = new Set<string>()
      const accept = (v: Uint8Array): void => {
        assert.ok(!revealed.has(hex(v)), 'value revealed twice')
        revealed.add(hex(v))
      }
      const acceptRenewal = (m: RenewalMessage): void => {
        accept(m.revealed)
        const r = verifyRenewal(latest, m, unseen + 1)
        assert.ok(r, 'renewal must verify')
        latest = r.newAnchor
        vGen++
        unseen = 0
      }
      const renew = async (n: number): Promise<void> => {
        try {
          acceptRenewal(await w.renew(nextSeed(), n))
        } catch (e) {
          assert.match((e as Error).message, /io error/)
          unseen++
        }
      }
      for (const c of cmds) {
        if (c.kind === 'fail') {
          store.plan.push(c.mode)
        } else if (c.kind === 'crash') {
          const reloaded = await HashChainWallet.open(store)
          assert.ok(reloaded)
          w = reloaded
          if (w.generation > vGen) {
            // renewal persisted but its save reported failure: the terminal re-sends it
            assert.equal(w.generation, vGen + 1)
            const m = w.lastRenewal
            assert.ok(m)
            acceptRenewal(m)
          }
          assert.equal(w.generation, vGen)
        } else if (c.kind === 'renew') {
          await renew(c.len)
        } else {
          if (w.renewalPending) {
            await assert.rejects(w.reveal(), /renewal pending/)
            await renew(len0) // retries the same renewal
            continue
          }
          if (w.remaining === 0) {
            await assert.rejects(w.reveal(), /exhausted/)
            await renew(len0)
            continue
          }
          try {
            const v = await w.reveal()
            accept(v)
            const s = verifyChainValueWithin(latest, v, unseen + 1)
            assert.ok(s !== null, 'revealed value must verify')
            latest = v
            unseen = 0
          } catch (e) {
            assert.match((e as Error).message, /io error/)
            unseen++
          }
        }
      }
      store.plan = []
    }),
    { numRuns: 150 },
  )
})
