// `npm start`: the whole system on loopback, as separate OS processes. An operator key and a
// genesis with 4 validators; the validators start (the first is also the introducer); three
// terminals are enrolled offline, join through the introducer, register, are granted access and
// authenticate each other with their hash chains; the audit trail is read back from the chain.
// On a terminal the network keeps running until Ctrl-C (with the CLI commands to inspect it);
// when piped (CI, scripts) or with --once it stops and exits.
import { rmSync } from 'node:fs'
import { gridauth, gridauthJson } from '../mesh/processes.js'
import { Network } from '../mesh/network.js'
import type { AuthOutcome } from '../auth/auth-service.js'
import type { AuditEntry } from '../chain/ledger-component.js'

const say = (s = ''): void => { process.stdout.write(s + '\n') }

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const keep = args.includes('--keep') || (process.stdout.isTTY && !args.includes('--once'))
  say('gridauth demo: 4 validators and 3 terminals on loopback, each a separate process\n')
  const t0 = performance.now()
  const net = await Network.create({ validators: 4, terminals: 3, hashChainLength: 8, networkId: 'demo-grid' })
  try {
    say(`1. operator key, genesis and data under ${net.root}`)
    net.validators.forEach((v, i) => say(`   validator ${i}  ${v.peerId}  ${v.addr.split('/p2p/')[0]}${i === 0 ? '  (introducer)' : ''}`))
    net.terminals.forEach((t) => say(`   ${t.name}  ${t.peerId}  enrolled as ${t.terminalId.slice(0, 16)}… (serial ${t.serial})`))
    say(`   (${Math.round(performance.now() - t0)} ms to start everything)\n`)
    const cli = async <T>(dir: string, a: string[]): Promise<T> => await gridauthJson<T>(['--data', dir, ...a], { timeoutMs: 180_000 })

    say('2. registration (paper A): each terminal sends its signed registration to a validator; PBFT commits it')
    for (const t of net.terminals) {
      const r = await cli<{ registered: boolean, height: number, latencyMs: number, certificate: { notAfter: number } | null }>(t.dir, ['register'])
      say(`   ${t.name}: ${r.registered ? 'registered' : 'REFUSED'} in block ${r.height}, certificate valid until ${r.certificate === null ? '-' : new Date(r.certificate.notAfter).toISOString().slice(0, 10)} (${r.latencyMs} ms)`)
    }
    say('\n3. access authentication (paper A): a signed access request agreed by the validators')
    for (const t of net.terminals) {
      const r = await cli<{ granted: boolean, height: number, latencyMs: number, reason: string }>(t.dir, ['access', '--resource', 'feeder-12'])
      say(`   ${t.name}: ${r.granted ? 'granted' : `denied (${r.reason})`} in block ${r.height} (${r.latencyMs} ms)`)
    }
    say('\n4. peer authentication (paper B): hash-chain values checked against the chain, mutually')
    const [a, b, c] = net.terminals
    for (const [x, y] of [[a, b], [b, c], [c, a], [a, b], [a, c]]) {
      const r = await cli<AuthOutcome>(x.dir, ['auth', y.node.addr, '--mutual'])
      say(`   ${x.name} <-> ${y.name}: ${r.accepted ? 'accepted' : `refused (${r.reasonName})`} (${r.latencyMs} ms)`)
    }
    const id = await cli<{ chainRemaining: number, chainGeneration: number }>(a.dir, ['identity'])
    say(`   ${a.name} has ${id.chainRemaining} chain values left (chain generation ${id.chainGeneration})`)

    say('\n5. the audit trail of ' + a.name + ' on the chain (gridauth audit):\n')
    await new Promise((r) => setTimeout(r, 1500)) // let the last records commit
    const trail = await cli<AuditEntry[]>(net.validators[1].dataDir, ['audit', a.terminalId])
    say((await gridauth(['--data', net.validators[1].dataDir, 'audit', a.terminalId])).stdout.trimEnd())
    say(`\n   ${trail.length} entries: ${trail.filter((e) => e.type === 'auth-record').length} authentication records, all with block heights`)

    say('\nInspect it yourself, e.g.:')
    say(`   bin/gridauth --data ${net.validators[0].dataDir} validators`)
    say(`   bin/gridauth --data ${net.validators[0].dataDir} chain`)
    say(`   bin/gridauth --data ${a.dir} peers`)
    say(`   bin/gridauth --data ${a.dir} skipgraph`)
    say(`   bin/gridauth --data ${net.validators[0].dataDir} view`)
    say(`   bin/gridauth --data ${b.dir} auth ${c.node.addr} --mutual`)
    if (keep) {
      say('\nThe network keeps running; press Ctrl-C to stop it.')
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      say('\nstopping...')
    } else {
      say('\n(not on a terminal: stopping; `npm start -- --keep` keeps the network up)')
    }
    await net.stop()
    if (!keep) rmSync(net.root, { recursive: true, force: true })
    return 0
  } catch (err) {
    process.stderr.write(`demo failed: ${(err as Error).message}\n`)
    await net.kill()
    return 1
  }
}

main().then((code) => { process.exitCode = code }, (err: Error) => {
  process.stderr.write(`demo failed: ${err.stack ?? err.message}\n`)
  process.exitCode = 1
})
