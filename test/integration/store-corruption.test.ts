// A validator whose stored chain was altered on disk (a disk error, or someone with access to the
// data directory) refuses to start: one clear line naming the store and the damage, exit 1, no
// stack trace. A one-validator network (f = 0) keeps this a single process.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { gridauth, gridauthJson, startNode, tempDir } from '../helpers/cli.js'
import { alterStoredBlock } from '../../src/testbed/runner.js'

test('a validator refuses an altered ledger store with one clear line', async () => {
  const root = tempDir('gridauth-corrupt-')
  try {
    const dir = join(root, 'v0')
    const { peerId } = await gridauthJson<{ peerId: string }>(['--data', dir, 'init'])
    await gridauthJson(['keygen', '--out', join(root, 'op.key')])
    const genesis = join(root, 'genesis.json')
    await gridauthJson(['genesis', '--operator-key', join(root, 'op.key'), '--network-id', 'corrupt-test', '--validator', `/ip4/127.0.0.1/tcp/1/p2p/${peerId}`, '--out', genesis])
    const args = ['--genesis', genesis, '--role', 'validator']
    const node = await startNode(dir, args)
    const chain = await gridauthJson<{ height: number }>(['--data', dir, 'chain', '-n', '1'])
    assert.equal(await node.stop(), 0)

    const what = await alterStoredBlock(dir, chain.height)
    const r = await gridauth(['--data', dir, 'start', '--listen', '/ip4/127.0.0.1/tcp/0', ...args], { timeoutMs: 60_000 })
    assert.equal(r.code, 1, `${what}: exit ${r.code}: ${r.stderr}`)
    // The node's own log lines come first on stderr; the error is the one last line.
    const last = r.stderr.trim().split('\n').at(-1)!
    assert.match(last, /^gridauth: ledger store .*ledger is corrupt: block \d+ does not match its header/)
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error/)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
})
