// Cheap deterministic stand-ins for the real crypto and ledger, for tests and the simulator.
// Signatures are keyed hashes: only the holder of a replica's secret can produce them, and the
// verifier checks them with an oracle that knows every secret (the simulated PKI).
import { bytesEqual, encode, hash, requestBytes } from '../codec.js'
import type { ClientRequest, PbftApp, PbftConfig, PbftCrypto } from '../types.js'
import { DEFAULT_CONFIG } from '../types.js'

export class FakeKeys {
  private readonly secrets: Uint8Array[]
  constructor(n: number, salt = 0) {
    this.secrets = Array.from({ length: n }, (_, i) => hash(encode('fake-secret', salt, i)))
  }
  cryptoFor(id: number): PbftCrypto {
    const secrets = this.secrets
    const proofOf = (r: number, alpha: Uint8Array): Uint8Array => hash(encode('fake-vrf-proof', secrets[r], alpha))
    return {
      sign: bytes => hash(secrets[id], bytes),
      verify: (r, bytes, sig) => r >= 0 && r < secrets.length && sig instanceof Uint8Array && bytesEqual(hash(secrets[r], bytes), sig),
      vrfProve: alpha => { const proof = proofOf(id, alpha); return { proof, output: hash(encode('fake-vrf-out', proof)) } },
      vrfVerify: (r, alpha, proof) => (r >= 0 && r < secrets.length && proof instanceof Uint8Array && bytesEqual(proofOf(r, alpha), proof)) ? hash(encode('fake-vrf-out', proof)) : null,
    }
  }
}

export function clientSig(req: Omit<ClientRequest, 'sig'>): Uint8Array {
  return hash(encode('fake-client-sig', req.client), requestBytes({ ...req, sig: new Uint8Array(0) }))
}

export function makeRequest(client: string, epoch: number, counter: number, op: Uint8Array = new Uint8Array(0)): ClientRequest {
  const r = { client, epoch, counter, op }
  return { ...r, sig: clientSig(r) }
}

/** A toy replicated state machine: a hash chain over the applied requests. */
export class ToyApp implements PbftApp {
  state: Uint8Array = hash(encode('toy-genesis'))
  applied = 0

  digest(requests: readonly ClientRequest[]): Uint8Array {
    const parts = [encode('toy-root', requests.length)]
    for (const r of requests) parts.push(hash(requestBytes(r)))
    return hash(...parts)
  }
  verifyRequest(req: ClientRequest): boolean {
    return req.op instanceof Uint8Array && req.sig instanceof Uint8Array && bytesEqual(clientSig(req), req.sig)
  }
  validateProposal(): true | string { return true }
  execute(height: number, blockHash: Uint8Array, requests: readonly ClientRequest[]): Uint8Array[] {
    const out: Uint8Array[] = []
    for (const r of requests) {
      this.state = hash(this.state, requestBytes(r))
      this.applied++
      out.push(this.state.slice(0, 8))
    }
    this.state = hash(this.state, encode('toy-block', height, blockHash))
    return out
  }
  stateDigest(): Uint8Array { return hash(encode('toy-state', this.applied), this.state) }
  snapshot(): Uint8Array { const b = new Uint8Array(40); b.set(this.state); new DataView(b.buffer).setFloat64(32, this.applied); return b }
  snapshotDigest(s: Uint8Array): Uint8Array | null {
    if (!(s instanceof Uint8Array) || s.length !== 40) return null
    return hash(encode('toy-state', new DataView(s.buffer, s.byteOffset).getFloat64(32)), s.subarray(0, 32))
  }
  restore(s: Uint8Array): void { this.state = s.slice(0, 32); this.applied = new DataView(s.buffer, s.byteOffset).getFloat64(32) }
}

export const GENESIS_HASH = hash(encode('genesis-block'))
export const GENESIS_SEED = hash(encode('genesis-seed'))

export function testConfig(n: number, id: number, over: Partial<PbftConfig> = {}): PbftConfig {
  return { ...DEFAULT_CONFIG, n, id, genesisHash: GENESIS_HASH, genesisSeed: GENESIS_SEED, ...over }
}
