// A local validator network of real `gridauth` processes, built with the operator CLI exactly as an
// operator would (keygen, init xN, genesis --validator ..., start --genesis --role validator), plus
// terminals that produce registrations, hash-chain updates and signed access requests.
// Used by test/integration/pbft-mesh.test.ts and bench/suites/pbft.ts.
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { tuneLibp2p } from '../net/libp2p-tuning.js'
import type { Libp2p } from '@libp2p/interface'
import { gridauth, gridauthJson, startNode, type RunningNode } from '../mesh/processes.js'
import { callNode } from '../cli/control-client.js'
import { sha256 } from '../crypto/hash.js'
import { hashChainStep } from '../crypto/hashchain.js'
import { signingKeyFromSeed, type SigningKey } from '../crypto/ed25519.js'
import { loadOperatorKey } from '../cli/operator-tools.js'
import {
  loadGenesis, makeAccessTx, makeChainUpdateTx, makeEnrollment, makeRegistrationTx, terminalIdOf, certificateHash,
  type Genesis, type TerminalIdentity
} from '../ledger/index.js'
import { TxClient } from './client.js'

export interface Mesh {
  root: string
  genesisFile: string
  genesis: Genesis
  operator: SigningKey
  dirs: string[]
  addrs: string[]
  nodes: (RunningNode | undefined)[]
  start: (i: number) => Promise<RunningNode>
  kill: (i: number) => Promise<void>
  stopAll: () => Promise<void>
  info: (i: number) => Promise<ValidatorsInfo>
  chain: (i: number, count: number) => Promise<{ height: number, headers: Array<{ height: number, hash: string }> }>
}

export interface ValidatorsInfo {
  self: number, view: number, normal: boolean, primary: number | null, height: number, ledgerHeight: number, lastCommitTime: string | null
}

/**
 * `basePort`..`basePort + n - 1` must lie below the kernel's ephemeral range (32768-60999 on Linux):
 * a port in it can be taken by any outgoing connection meanwhile, and a validator restarted after
 * kill -9 would then fail to listen again.
 */
export async function createMesh(root: string, n: number, basePort: number, opts: { env?: NodeJS.ProcessEnv, extraArgs?: string[], batchWindowMs?: number, viewTimeoutMs?: number } = {}): Promise<Mesh> {
  const opKey = join(root, 'operator.key')
  const r = await gridauth(['keygen', '--out', opKey], { timeoutMs: 120_000 })
  if (r.code !== 0) throw new Error(`keygen failed: ${r.stderr}`)
  const dirs: string[] = []
  const addrs: string[] = []
  // at most 4 processes at a time: 16 parallel CLI starts on 2 busy cores exceed any timeout
  for (let k = 0; k < n; k += 4) {
    await Promise.all(Array.from({ length: Math.min(4, n - k) }, async (_, j) => {
      const i = k + j
      const dir = join(root, `v${i}`)
      const { peerId } = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'], { timeoutMs: 120_000 })
      dirs[i] = dir
      addrs[i] = `/ip4/127.0.0.1/tcp/${basePort + i}/p2p/${peerId}`
    }))
  }
  const genesisFile = join(root, 'genesis.json')
  const g = await gridauth(['genesis', '--operator-key', opKey, '--network-id', 'pbft-mesh', ...addrs.flatMap(a => ['--validator', a]),
    '--batch-window-ms', String(opts.batchWindowMs ?? 0), '--view-timeout-ms', String(opts.viewTimeoutMs ?? 1000), '--out', genesisFile], { timeoutMs: 120_000 })
  if (g.code !== 0) throw new Error(`genesis failed: ${g.stderr}`)
  const genesis = loadGenesis(readFileSync(genesisFile, 'utf8'))
  const nodes: (RunningNode | undefined)[] = new Array(n).fill(undefined)
  const mesh: Mesh = {
    root, genesisFile, genesis, operator: loadOperatorKey(opKey), dirs, addrs, nodes,
    start: async (i) => {
      const node = await startNode(dirs[i], ['--listen', `/ip4/127.0.0.1/tcp/${basePort + i}`, '--genesis', genesisFile, '--role', 'validator',
        '--set', `pbft.batchWindowMs=${opts.batchWindowMs ?? 0}`, '--set', `pbft.viewChangeTimeoutMs=${opts.viewTimeoutMs ?? 1000}`, ...(opts.extraArgs ?? [])],
      { env: { GRIDAUTH_LOG: 'warn', ...opts.env }, timeoutMs: 120_000 })
      nodes[i] = node
      return node
    },
    kill: async (i) => { await nodes[i]?.stop('SIGKILL'); nodes[i] = undefined },
    stopAll: async () => { await Promise.all(nodes.map(async (x) => await x?.stop('SIGKILL'))) },
    info: async (i) => await callNode<ValidatorsInfo>(join(dirs[i], 'control.sock'), 'validators'),
    chain: async (i, count) => await callNode(join(dirs[i], 'control.sock'), 'chain', { count })
  }
  return mesh
}

export async function clientHost(): Promise<Libp2p> {
  tuneLibp2p()
  return await createLibp2p({
    transports: [tcp()], connectionEncrypters: [noise()], streamMuxers: [yamux()],
    connectionManager: { inboundConnectionThreshold: 1000, maxIncomingPendingConnections: 1000 }
  })
}

export async function txClient(host: Libp2p, genesis: Genesis, prefer = 0, opts: { attemptTimeoutMs?: number, deadlineMs?: number } = {}): Promise<TxClient> {
  const c = new TxClient(host, genesis.validators, { prefer, ...opts })
  await c.start()
  return c
}

const te = new TextEncoder()

/** A terminal with an Ed25519 key, an operator enrollment and an identity hash chain. */
export class MeshTerminal {
  readonly key: SigningKey
  readonly identity: TerminalIdentity
  readonly id: Uint8Array
  private chain: Uint8Array[] = []
  private pos = 0
  requestId: number

  constructor(readonly label: string, private readonly genesis: Genesis, private readonly operator: SigningKey, chainLength = 2000, epoch = Date.now()) {
    this.key = signingKeyFromSeed(sha256(te.encode(`mesh-terminal-${label}`)))
    this.identity = {
      networkAddress: `/dns4/${label}.grid.local/tcp/4001`, verificationCode: sha256(te.encode(`vc-${label}`)).slice(0, 16),
      deviceType: 'DTU', vendor: 'acme', serial: `SN-${label}`, skipKey: sha256(te.encode(`skip-${label}`)),
      membershipVector: Uint8Array.of(0x5a), publicKey: this.key.publicKey
    } as TerminalIdentity
    this.id = terminalIdOf(this.identity)
    const c = [sha256(te.encode(`chain-${label}`))]
    for (let i = 1; i <= chainLength; i++) c.push(hashChainStep(c[i - 1]))
    this.chain = c
    this.pos = chainLength
    // request ids: boot epoch in the high part (protocols/tx.md), counter below
    this.requestId = Math.floor(epoch / 1000) * 2 ** 20
  }

  registerTx(): Uint8Array {
    const enrollment = makeEnrollment(this.operator, this.genesis.networkId, this.identity, { enrolledAt: 1 })
    return makeRegistrationTx(this.key, this.genesis.networkId, enrollment, { chainAnchor: this.chain[this.chain.length - 1], chainLength: this.chain.length - 1, requestId: ++this.requestId })
  }

  updateTx(): Uint8Array {
    return makeChainUpdateTx(this.key, this.genesis.networkId, { terminalId: this.id, value: this.chain[--this.pos], requestId: ++this.requestId })
  }

  accessTx(certHashOf: Uint8Array, now = Date.now()): Uint8Array {
    return makeAccessTx(this.key, this.genesis.networkId, {
      terminalId: this.id, certificateHash: certHashOf, timestamp: now, nonce: sha256(te.encode(`n-${this.label}-${this.requestId}`)).slice(0, 16),
      requestId: ++this.requestId, resource: 'scada'
    })
  }
}

export { certificateHash }
