// Issue 6, attacks that need a network of their own (4 validators, 4 terminals, certificates
// valid for 25 s): a validator taken over by a liar that serves altered or stale records; and
// expired certificates: before expiry a terminal authenticates and is granted access, afterwards
// peers refuse it (CertificateExpired), the validators refuse its access request, and the
// refusal is on the chain.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import { Network } from '../../src/mesh/network.js'
import { auth, cli, host, keyOf, teardown } from './helpers/network-test.js'
import { RpcEndpoint, RpcError } from '../../src/net/rpc.js'
import { ChainRequest, ChainResponse } from '../../src/wire/chain.js'
import { CHAIN_PROTOCOL } from '../../src/chain/chain-component.js'
import { fromHex, decodeRecord, encodeRecord } from '../../src/ledger/index.js'
import { gridauth, gridauthJson, waitFor } from '../../src/mesh/processes.js'
import type { AuthOutcome } from '../../src/auth/auth-service.js'
import type { AuditEntry } from '../../src/chain/ledger-component.js'

const VALIDITY_S = 25
let net: Network

before(async () => {
  net = await Network.create({ validators: 4, terminals: 4, genesisArgs: ['--certificate-validity-days', String(VALIDITY_S / 86_400)] })
})

after(async () => { await teardown(net) })

const validatorDir = (i: number): string => join(net.root, `validator-${i}`)
test('a validator serving altered or stale records is caught; authentication goes on, a revocation still holds', async () => {
  const [x, y] = [net.terminals[2], net.terminals[3]]
  for (const t of [x, y]) assert.equal((await cli<{ registered: boolean }>(t, ['register'])).registered, true)
  const honest = net.validators[0]
  const honestId = peerIdFromString(honest.peerId)
  const askRecord = ChainRequest.encode({ kind: 2, from: 0, max: 0, terminalId: fromHex(x.terminalId) as Uint8Array<ArrayBuffer>, height: 0 })
  // Validator 3 is taken over by a liar with its key, at its address (f = 1: consensus goes on).
  const liarAddr = net.validators[3].addr.replace(/\/p2p\/.*$/, '')
  await net.validators[3].stop('SIGKILL')
  const liar = await host(keyOf(validatorDir(3)), [liarAddr])
  await liar.dial(multiaddr(honest.addr))
  let mode: 'altered' | 'stale' = 'altered'
  let stale: Uint8Array | undefined
  let served = 0
  const ep = new RpcEndpoint(liar, CHAIN_PROTOCOL, {
    onRequest: async (_peer, body) => {
      if (ChainRequest.decode(body).kind !== 2) throw new RpcError('unsupported', 'this liar only serves records')
      const fresh = ChainResponse.decode(await ep.request(honestId, body))
      served++
      if (mode === 'stale') return stale!
      const rec = decodeRecord(fresh.record)
      const altered = encodeRecord({ ...rec, latestIdentityHash: new Uint8Array(32).fill(0xee) })
      return ChainResponse.encode({ ...fresh, record: altered as Uint8Array<ArrayBuffer> })
    }
  })
  await ep.start()
  const rejected = async (reason: string): Promise<number> => {
    const s = await cli<{ rejected: Array<{ protocol: string, reason: string, count: number }> }>(y, ['status'])
    return s.rejected.filter((r) => r.protocol === CHAIN_PROTOCOL && r.reason === reason).reduce((n, r) => n + r.count, 0)
  }
  type View = Array<{ latestIdentityHash: string, revoked: boolean }>
  // --fresh: y reads x again each time (not from its cache); y is not in the skip graph (no
  // access grant), so the record comes from the validators in turn.
  const view = async (): Promise<View[number]> => (await cli<View>(y, ['view', x.terminalId, '--fresh']))[0]
  // Altered records: y reads x's record from the validators in turn; every answer of the liar's
  // fails its proof and the next validator is asked, so y's view stays true.
  stale = ChainResponse.encode(ChainResponse.decode(await ep.request(honestId, askRecord))) // x before its revocation
  for (let i = 0; i < 60 && served < 2; i++) {
    const v = await view()
    assert.notEqual(v.latestIdentityHash, 'ee'.repeat(32))
    assert.equal(v.revoked, false)
  }
  assert.ok(served >= 2, 'the liar was asked')
  // (An altered answer is refused as stale instead when y's head has moved past it.)
  assert.ok(await rejected('bad-record-proof') + await rejected('stale-record') >= served, 'every altered record was rejected and counted')
  assert.ok(await rejected('bad-record-proof') >= 1)
  const ok = await auth(x, [y.node.addr])
  assert.equal(ok.accepted, true, JSON.stringify(ok))

  // Stale records: x is revoked; the liar serves x's record from before the revocation.
  const r = await gridauth(['--data', validatorDir(0), '--json', 'revoke', x.terminalId, '--operator-key', net.operatorKey, '--genesis', net.genesis, '--reason', 'compromised'])
  assert.equal(r.code, 0, r.stderr)
  await waitFor('y to see the revocation', async () => (await view()).revoked, 20_000, 200)
  mode = 'stale'
  const staleBefore = served
  const staleRejected = await rejected('stale-record')
  for (let i = 0; i < 60 && served < staleBefore + 2; i++) assert.equal((await view()).revoked, true)
  assert.ok(served >= staleBefore + 2, 'the liar was asked again')
  assert.ok(await rejected('stale-record') >= staleRejected + 2, 'every stale record was rejected and counted')
  // x itself is refused: judged Revoked, or already cut off by y's gate.
  const last = await gridauth(['--data', x.dir, '--json', 'auth', y.node.addr], { timeoutMs: 60_000 })
  assert.notEqual(last.code, 0)
  if (last.code === 4) assert.equal((JSON.parse(last.stdout) as AuthOutcome).reasonName, 'Revoked')
  // The liar goes; the real validator comes back from its data directory.
  await ep.stop()
  await liar.stop()
  await net.startValidator(3)
})

test('an expired certificate is refused by peers and validators, and the refusal is recorded', async () => {
  const [x, y] = net.terminals
  const regs = await Promise.all([x, y].map(async (t) => await gridauthJson<{ registered: boolean, certificate: { notAfter: number } }>(['--data', t.dir, 'register'], { timeoutMs: 60_000 })))
  assert.ok(regs.every((r) => r.registered))
  const notAfter = Math.max(...regs.map((r) => r.certificate.notAfter))
  const authXY = async (): Promise<AuthOutcome> => {
    const r = await gridauth(['--data', x.dir, '--json', 'auth', y.node.addr], { timeoutMs: 60_000 })
    assert.ok(r.code === 0 || r.code === 4, r.stderr)
    return JSON.parse(r.stdout) as AuthOutcome
  }
  const access = async (): Promise<{ code: number | null, out: { granted: boolean, reason: string } }> => {
    const r = await gridauth(['--data', x.dir, '--json', 'access', '--resource', 'feeder-9'], { timeoutMs: 60_000 })
    return { code: r.code, out: JSON.parse(r.stdout) as { granted: boolean, reason: string } }
  }
  // While valid.
  const valid = await authXY()
  assert.equal(valid.accepted, true, JSON.stringify(valid))
  assert.equal((await access()).out.granted, true)
  assert.ok(Date.now() < notAfter, 'the valid case ran within the validity period')
  await waitFor('the certificates to expire', () => Date.now() > notAfter + 500, (VALIDITY_S + 10) * 1000, 200)
  const o = await authXY()
  assert.equal(o.accepted, false)
  assert.equal(o.reasonName, 'CertificateExpired')
  const a = await access()
  assert.equal(a.code, 4)
  assert.equal(a.out.granted, false)
  assert.equal(a.out.reason, 'CertificateExpired')
  const trail = await gridauthJson<AuditEntry[]>(['--data', join(net.root, 'validator-1'), 'audit', x.terminalId])
  assert.ok(trail.some((e) => e.type === 'access' && e.result === 'CertificateExpired'), JSON.stringify(trail))
})
