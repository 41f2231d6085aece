// Shared by the integration tests that drive a Network of gridauth processes: CLI calls against
// a terminal, plain libp2p hosts (attackers, liars) stopped at the end, and the teardown.
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import { createPlainHost } from '../../../src/net/plain-host.js'
import type { Network, Terminal } from '../../../src/mesh/network.js'
import { gridauth, gridauthJson } from '../../../src/mesh/processes.js'
import type { AuthOutcome } from '../../../src/auth/auth-service.js'

const CLI_TIMEOUT_MS = 180_000

/** `gridauth --data <dir> <args> --json`, parsed (throws on a non-zero exit). */
export const cli = async <T>(t: Terminal | string, args: string[]): Promise<T> =>
  await gridauthJson<T>(['--data', typeof t === 'string' ? t : t.dir, ...args], { timeoutMs: CLI_TIMEOUT_MS })

/** An authentication's outcome; a refusal (exit code 4) still prints its JSON. */
export async function auth(t: Terminal, args: string[]): Promise<AuthOutcome> {
  const r = await gridauth(['--data', t.dir, '--json', 'auth', ...args], { timeoutMs: CLI_TIMEOUT_MS })
  if (r.code !== 0 && r.code !== 4) throw new Error(`gridauth auth failed (${r.code}): ${r.stderr}`)
  return JSON.parse(r.stdout) as AuthOutcome
}

/** A node's libp2p key, read from its data directory. */
export const keyOf = (dir: string): PrivateKey => privateKeyFromProtobuf(readFileSync(join(dir, 'identity.key')))

const hosts: Libp2p[] = []

/** A plain libp2p host (optionally with a node's key, at its address), stopped by teardown(). */
export async function host(privateKey?: PrivateKey, listen?: string[]): Promise<Libp2p> {
  const h = await createPlainHost({ privateKey, listen })
  hosts.push(h)
  return h
}

/** Stops the plain hosts and kills the network (its files are kept with GRIDAUTH_MESH_LOGS=1). */
export async function teardown(net: Network | undefined): Promise<void> {
  await Promise.all(hosts.splice(0).map(async (h) => await h.stop()))
  if (net === undefined) return
  await net.kill()
  if (process.env.GRIDAUTH_MESH_LOGS !== '1') rmSync(net.root, { recursive: true, force: true })
}
