// Issue 6, expired certificates: a network whose certificates last 25 s. Before expiry a
// terminal authenticates and is granted access; afterwards peers refuse it (CertificateExpired),
// the validators refuse its access request, and the refusal is on the chain.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { Network } from '../../src/mesh/network.js'
import { gridauth, gridauthJson, waitFor } from '../../src/mesh/processes.js'
import type { AuthOutcome } from '../../src/auth/auth-service.js'
import type { AuditEntry } from '../../src/chain/ledger-component.js'

const VALIDITY_S = 25
let net: Network

before(async () => {
  net = await Network.create({ validators: 4, terminals: 2, genesisArgs: ['--certificate-validity-days', String(VALIDITY_S / 86_400)] })
})

after(async () => {
  if (net !== undefined) {
    await net.kill()
    if (process.env.GRIDAUTH_MESH_LOGS !== '1') rmSync(net.root, { recursive: true, force: true })
  }
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
