// `npm start`: a local demo mesh on loopback. One introducer and three nodes, each a separate
// OS process with its own data directory, join through the introducer; the demo prints what
// happened and the CLI commands to inspect the mesh. On a terminal it keeps the mesh up until
// Ctrl-C; when piped (CI, scripts) or with --once it stops the mesh and exits.
import { join } from 'node:path'
import { rmSync } from 'node:fs'
import { gridauth, gridauthJson, startNode, tempDir, waitFor, type RunningNode } from '../mesh/processes.js'
import type { PeerInfo } from '../node/control-protocol.js'

const NODES = ['terminal-1', 'terminal-2', 'terminal-3']

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const keep = args.includes('--keep') || (process.stdout.isTTY && !args.includes('--once'))
  const root = tempDir('gridauth-demo-')
  const running: RunningNode[] = []
  const say = (s = ''): void => { process.stdout.write(s + '\n') }
  const cleanup = async (): Promise<void> => {
    await Promise.all(running.map(async (n) => await n.stop('SIGTERM')))
    if (!keep) rmSync(root, { recursive: true, force: true })
  }
  try {
    say(`gridauth demo: a local mesh on loopback, data under ${root}`)
    for (const name of ['introducer', ...NODES]) await gridauth(['--data', join(root, name), 'init'])
    const introducer = await startNode(join(root, 'introducer'))
    running.push(introducer)
    say(`\n1. introducer started   ${introducer.peerId}\n   listening on          ${introducer.addr}`)
    say(`\n2. ${NODES.length} nodes start with --bootstrap ${introducer.addr}`)
    for (const name of NODES) {
      const n = await startNode(join(root, name), ['--bootstrap', introducer.addr])
      running.push(n)
      say(`   ${name.padEnd(12)} ${n.peerId}`)
    }
    const peers = await waitFor('every node to reach the introducer', async () => {
      const p = await gridauthJson<PeerInfo[]>(['--data', introducer.dataDir, 'peers'])
      return running.slice(1).every((n) => p.some((q) => q.peerId === n.peerId && q.rttMs !== null)) ? p : undefined
    }, 20_000)
    say(`\n3. the introducer sees ${peers.length} peers (gridauth peers):\n`)
    say((await gridauth(['--data', introducer.dataDir, 'peers'])).stdout.trimEnd())
    say('\nInspect the mesh yourself with the CLI, e.g.:')
    say(`   bin/gridauth --data ${introducer.dataDir} status`)
    say(`   bin/gridauth --data ${join(root, NODES[0])} peers`)
    say(`   bin/gridauth --data ${introducer.dataDir} peers --json`)
    if (keep) {
      say('\nThe mesh keeps running; press Ctrl-C to stop it.')
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve())
        process.once('SIGTERM', () => resolve())
      })
      say('\nstopping the mesh...')
    } else {
      say('\n(not on a terminal: stopping the mesh; run `npm start -- --keep` to keep it up)')
    }
    await cleanup()
    return 0
  } catch (err) {
    process.stderr.write(`demo failed: ${(err as Error).message}\n`)
    for (const n of running) process.stderr.write(n.stderr())
    await cleanup()
    return 1
  }
}

main().then((code) => { process.exitCode = code }, (err: Error) => {
  process.stderr.write(`demo failed: ${err.stack ?? err.message}\n`)
  process.exitCode = 1
})
