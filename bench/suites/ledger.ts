// Ledger benchmarks: state-apply throughput (registrations, hash-chain updates), record proof
// size and verification time, block store write rate. Transactions are signed before timing.
import { hashChainStep } from '../../src/crypto/hashchain.js'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sha256 } from '../../src/crypto/hash.js'
import { signingKeyFromSeed, type SigningKey } from '../../src/crypto/ed25519.js'
import {
  buildBlock, commitBlock, encodeRecord, encodeRecordProof, executeBlock, genesisState, loadGenesis, makeChainUpdateTx,
  makeCommitCertificate, makeEnrollment, preverifyTx, SignatureCache, makeRegistrationTx, proveRecord, quorumSize, signCommit, terminalIdOf, verifyRecordProof,
  type Block, type LedgerState, type TerminalIdentity
} from '../../src/ledger/index.js'
import { LedgerStore } from '../../src/ledger/store.js'
import { round, type BenchRow, type BenchSuite } from '../harness.js'

const te = new TextEncoder()
const seed = (s: string): Uint8Array => sha256(te.encode(s))
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const NET = 'bench'
const operator = signingKeyFromSeed(seed('operator'))
const validators = [0, 1, 2, 3].map(i => signingKeyFromSeed(seed(`v${i}`)))
const genesis = loadGenesis({
  networkId: NET, genesisTime: 1, operatorPublicKey: hex(operator.publicKey),
  validators: validators.map((k, i) => ({ publicKey: hex(k.publicKey), address: `/ip4/10.0.0.${i}/tcp/1` })),
  redundancy: 2, hashChainLength: 1000, vrfSeed: hex(new Uint8Array(64))
})

interface Term { key: SigningKey, id: Uint8Array, chain: Uint8Array[], pos: number, req: number }

const CHAIN = 40
function makeTerminal (i: number): { t: Term, tx: Uint8Array } {
  const key = signingKeyFromSeed(seed(`t${i}`))
  const identity = {
    networkAddress: `/ip4/10.1.${i >> 8 & 255}.${i & 255}/tcp/4001`, verificationCode: seed(`vc${i}`).slice(0, 16), deviceType: 'meter',
    vendor: 'acme', serial: `SN${i}`, skipKey: seed(`sk${i}`), membershipVector: Uint8Array.of(i & 255), publicKey: key.publicKey
  } as TerminalIdentity
  const chain = [seed(`c${i}`)]
  for (let k = 1; k <= CHAIN; k++) chain.push(hashChainStep(chain[k - 1]))
  const tx = makeRegistrationTx(key, NET, makeEnrollment(operator, NET, identity), { chainAnchor: chain[CHAIN], chainLength: CHAIN, requestId: 1 })
  return { t: { key, id: terminalIdOf(identity), chain, pos: CHAIN, req: 1 }, tx }
}

function propose (state: LedgerState, txs: Uint8Array[]): { block: Block, ex: ReturnType<typeof buildBlock>['executed'] } {
  const { block, executed } = buildBlock(state, {
    view: 0, proposer: validators[0].publicKey, vrfProof: new Uint8Array(80), vrfSeed: new Uint8Array(64), timestamp: state.timestamp + 100, txs
  })
  return { block, ex: executed }
}

/** Times executeBlock + commitBlock (what every replica does) for prepared blocks of txs. */
function applyRate (state: LedgerState, batches: Uint8Array[][], preverified = false): number {
  let n = 0
  let ms = 0
  for (const txs of batches) {
    const { block } = propose(state, txs)
    const cache = new SignatureCache()
    if (preverified) for (const tx of txs) if (!preverifyTx(state, tx, cache)) throw new Error('bad signature')
    const t0 = performance.now()
    const ex = executeBlock(state, block, preverified ? { verifier: cache } : {})
    commitBlock(state, ex)
    ms += performance.now() - t0
    n += txs.length
    if (ex.results.some(r => r.code !== 0)) throw new Error('bench transaction failed')
  }
  return n / (ms / 1000)
}

function chunk<T> (xs: T[], n: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n))
  return out
}

function updates (ts: Term[], count: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let k = 0; k < count; k++) {
    const t = ts[k % ts.length]
    out.push(makeChainUpdateTx(t.key, NET, { terminalId: t.id, value: t.chain[--t.pos], requestId: ++t.req }))
  }
  return out
}

function populated (n: number): { state: LedgerState, ts: Term[], regRate: number } {
  const made = Array.from({ length: n }, (_, i) => makeTerminal(i))
  const state = genesisState(genesis)
  const regRate = applyRate(state, chunk(made.map(m => m.tx), 1000))
  return { state, ts: made.map(m => m.t), regRate }
}

function proofRows (n: number, state: LedgerState, ts: Term[]): BenchRow[] {
  const header = propose(state, []).block.header
  const s = state.clone()
  commitBlock(s, executeBlock(s, propose(s, []).block))
  const h = { ...header, stateRoot: s.stateRoot() as never }
  const ids = ts.slice(0, 200).map(t => t.id)
  const proofs = ids.map(id => encodeRecordProof(proveRecord(s, id)!))
  const recs = ids.map(id => encodeRecord(s.getRecord(id)!))
  let ok = 0
  const t0 = performance.now()
  const reps = 5
  for (let r = 0; r < reps; r++) for (let i = 0; i < ids.length; i++) if (verifyRecordProof(h, recs[i], proofs[i])) ok++
  const us = (performance.now() - t0) * 1000 / (reps * ids.length)
  if (ok !== reps * ids.length) throw new Error('proof failed to verify')
  return [
    { metric: `record proof size (${n} terminals)`, value: proofs[0].length, unit: 'B', note: `record ${recs[0].length} B` },
    { metric: `record proof verify (${n} terminals)`, value: round(us, 1), unit: 'µs', note: 'decode + Merkle path + state root' }
  ]
}

async function storeRows (quick: boolean): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const sync of [true, false]) {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'))
    try {
      const store = await LedgerStore.open(dir, genesis, { sync })
      const made = Array.from({ length: 200 }, (_, i) => makeTerminal(i))
      const q = quorumSize(validators.length)
      const append = async (txs: Uint8Array[]): Promise<void> => {
        const { block, ex } = propose(store.state, txs)
        const cert = makeCommitCertificate(block.header, validators.slice(0, q).map(k => signCommit(k, block.header)))
        await store.appendBlock(block, cert, { executed: ex })
      }
      await append(made.map(m => m.tx))
      const ts = made.map(m => m.t)
      const blocks = quick ? 20 : 60
      const batches = Array.from({ length: blocks }, () => updates(ts, 100))
      const t0 = performance.now()
      for (const b of batches) await append(b)
      const s = (performance.now() - t0) / 1000
      rows.push({ metric: `block store append (${sync ? 'fsync' : 'no fsync'})`, value: round(blocks / s, 1), unit: 'blocks/s', note: `100 chain updates/block, ${round(blocks * 100 / s, 0)} tx/s incl. execution and commit-cert check` })
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}

export const suite: BenchSuite = {
  name: 'ledger',
  title: 'Ledger: state apply, record proofs, block store',
  async run ({ quick }) {
    const rows: BenchRow[] = []
    const big = quick ? 2000 : 10_000
    const small = populated(100)
    rows.push(...proofRows(100, small.state, small.ts))
    const { state, ts, regRate } = populated(big)
    rows.push({ metric: 'apply: registrations', value: Math.round(regRate), unit: 'tx/s', note: `1000 tx/block, 2 Ed25519 verifies per tx, ${big} terminals` })
    const upd = updates(ts, quick ? 6000 : 20_000)
    const rate = applyRate(state, chunk(upd, 2000))
    rows.push({ metric: 'apply: hash-chain updates', value: Math.round(rate), unit: 'tx/s', note: `2000 tx/block over ${big} terminals, 1 Ed25519 verify per tx` })
    const rate2 = applyRate(state, chunk(updates(ts, quick ? 6000 : 20_000), 2000), true)
    rows.push({ metric: 'apply: hash-chain updates, signatures pre-verified', value: Math.round(rate2), unit: 'tx/s', note: `SignatureCache filled on arrival; target >= 10,000` })
    rows.push(...proofRows(big, state, ts))
    rows.push(...await storeRows(quick))
    return rows
  }
}
