// Every limit of protocols/rpc.md against real processes (1 validator, 2 terminals): an offending
// peer (a plain libp2p host, no gridauth services) breaks one limit of terminal B; B cuts it off
// (its stream reset), counts the reason in gridauth_rejected_messages_total and logs it, while
// terminal A's authentications to B keep succeeding, with a latency of the same order as A's
// own latency measured earlier in the same run (a ratio, not a fixed time).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p, PeerId, Stream } from '@libp2p/interface'
import { Network, type Terminal } from '../../src/mesh/network.js'
import { createPlainHost } from '../../src/net/plain-host.js'
import { callNode } from '../../src/cli/control-client.js'
import { concat, fieldLen, fieldVarint, lp, rpcFrame, varint } from '../../src/fuzz/wire.js'
import { AUTH_PROTOCOL, REGISTER_PROTOCOL, ACCESS_PROTOCOL } from '../../src/auth/auth-service.js'
import { tempDir } from '../../src/mesh/processes.js'
import { addTerminal, killUnder } from '../../src/load/run.js'

const CHAIN = '/gridauth/chain/1.0.0'
const READ_TIMEOUT_MS = 1_500
const MAX_STREAMS_PER_PEER = 10
const MAX_PENDING_BYTES = 3 << 20
/** The default rate (protocols without their own, e.g. chain), lowered so that a loaded machine's
 * node answers faster than the limit and the limit, not the node's speed, is what bites. */
const RATE_PER_PEER = 200
/** "Same order": A's median latency under attack within this factor of its median without. */
const SAME_ORDER = 10

let net: Network
let a: Terminal, b: Terminal
let bPeer: PeerId
let metricsUrl: string
let baselineMs: number
const hosts: Libp2p[] = []

interface AuthOutcome { accepted: boolean, reasonName: string }

async function authOnce(): Promise<number> {
  const t = performance.now()
  const o = await callNode<AuthOutcome>(join(a.dir, 'control.sock'), 'auth', { peer: b.node.addr }, 60_000)
  assert.equal(o.accepted, true, `A -> B refused: ${o.reasonName}`)
  return performance.now() - t
}

async function authRun(n: number): Promise<number> {
  const ms: number[] = []
  for (let i = 0; i < n; i++) ms.push(await authOnce())
  ms.sort((x, y) => x - y)
  return ms[Math.floor(ms.length / 2)]
}

async function rejected(): Promise<Record<string, number>> {
  const text = await (await fetch(metricsUrl)).text()
  const out: Record<string, number> = {}
  for (const m of text.matchAll(/^gridauth_rejected_messages_total\{([^}]*)\}\s+(\S+)/gm)) {
    const reason = /reason="([^"]+)"/.exec(m[1])?.[1] ?? '?'
    out[reason] = (out[reason] ?? 0) + Number(m[2])
  }
  return out
}

async function attacker(): Promise<Libp2p> {
  const h = await createPlainHost()
  hosts.push(h)
  await h.dial(multiaddr(b.node.addr))
  return h
}

/** Resolves when the node ends the stream (reset or close), with how it ended. */
function ended(s: Stream): Promise<string> {
  return new Promise((resolve) => {
    if (s.status !== 'open') { resolve(s.status); return }
    s.addEventListener('close', () => resolve(s.status), { once: true })
  })
}

/** Response error codes read from a stream. */
function answers(s: Stream): string[] {
  const codes: string[] = []
  let buf: Uint8Array = new Uint8Array(0)
  s.addEventListener('message', (e) => {
    const d = e.data instanceof Uint8Array ? e.data : e.data.subarray()
    buf = concat([buf, d])
    for (;;) {
      let len = 0, shift = 0, o = 0
      for (; o < buf.length; o++) { len += (buf[o] & 0x7f) * 2 ** shift; shift += 7; if ((buf[o] & 0x80) === 0) break }
      if (o >= buf.length || buf.length < o + 1 + len) return
      const frame = buf.subarray(o + 1, o + 1 + len)
      buf = buf.slice(o + 1 + len)
      // field 4 (error), wire type 2
      let err = ''
      for (let i = 0; i < frame.length;) {
        const tag = frame[i++]
        if (tag >> 3 === 4 && (tag & 7) === 2) { const l = frame[i++]; err = new TextDecoder().decode(frame.subarray(i, i + l)); break }
        if ((tag & 7) === 0) { while (frame[i++] & 0x80); } else if ((tag & 7) === 2) { const l = frame[i++]; i += l } else break
      }
      codes.push(err === '' ? 'ok' : err)
    }
  })
  return codes
}

/** Runs `attack` while A authenticates to B; checks the cut-off, the count, the log line and A's latency. */
async function underAttack(reason: string, attack: () => Promise<string>): Promise<void> {
  const before = (await rejected())[reason] ?? 0
  const logBefore = b.node.stderr().length
  const [how, median] = await Promise.all([attack(), authRun(5)])
  assert.match(how, /reset|closed|aborted/, `the offending stream was cut off (${how})`)
  const after = (await rejected())[reason] ?? 0
  assert.ok(after > before, `gridauth_rejected_messages_total{reason="${reason}"} grew (${before} -> ${after})`)
  assert.match(b.node.stderr().slice(logBefore), new RegExp(`rpc: rejected .*reason=${reason}`), 'the rejection is logged')
  process.stdout.write(`# ${reason}: A's median authentication ${median.toFixed(0)} ms under attack, ${baselineMs.toFixed(0)} ms without (ratio ${(median / baselineMs).toFixed(2)})\n`)
  assert.ok(median < baselineMs * SAME_ORDER, `A's median latency ${median.toFixed(0)} ms under attack vs ${baselineMs.toFixed(0)} ms without`)
}

before(async () => {
  const env = { GRIDAUTH_RPC_READ_TIMEOUT_MS: String(READ_TIMEOUT_MS), GRIDAUTH_RPC_MAX_STREAMS_PER_PEER: String(MAX_STREAMS_PER_PEER), GRIDAUTH_RPC_MAX_PENDING_BYTES: String(MAX_PENDING_BYTES), GRIDAUTH_RPC_RATE_PER_PEER: String(RATE_PER_PEER) }
  const startArgs = ['--metrics', '127.0.0.1:0']
  // a loaded machine can miss Network's 20 s start timeout: one more try for the validator, and
  // terminals started with a longer one
  for (let attempt = 1; ; attempt++) {
    const root = tempDir('gridauth-limits-')
    try {
      net = await Network.create({ root, validators: 1, terminals: 0, startArgs, env })
      break
    } catch (err) {
      killUnder(root)
      rmSync(root, { recursive: true, force: true })
      if (attempt >= 2) throw err
    }
  }
  for (const name of ['terminal-0', 'terminal-1']) await addTerminal(net, name, startArgs, env)
  ;[a, b] = net.terminals
  bPeer = peerIdFromString(b.peerId)
  await Promise.all(net.terminals.map(async (t) => await callNode(join(t.dir, 'control.sock'), 'register', {}, 120_000)))
  metricsUrl = (await callNode<{ metrics: string }>(join(b.dir, 'control.sock'), 'status', {})).metrics
  await authOnce() // warm up: streams open, records cached
  baselineMs = await authRun(5)
})

after(async () => {
  await Promise.all(hosts.map(async (h) => await h.stop()))
  if (net !== undefined) {
    await net.kill()
    killUnder(net.root)
    rmSync(net.root, { recursive: true, force: true })
  }
})

test('max frame size: a length prefix over the limit resets the stream (oversized)', async () => {
  const h = await attacker()
  await underAttack('oversized', async () => {
    const s = await h.dialProtocol(bPeer, AUTH_PROTOCOL)
    const end = ended(s)
    s.send(concat([varint(4097), new Uint8Array(64)])) // auth frames are limited to 4 KiB
    return await end
  })
})

test('read timeout: a slow writer with a partial frame is cut off (slow-writer)', async () => {
  const h = await attacker()
  await underAttack('slow-writer', async () => {
    const s = await h.dialProtocol(bPeer, AUTH_PROTOCOL)
    const end = ended(s)
    s.send(concat([varint(200), new Uint8Array(20)])) // 20 of 200 bytes, then nothing
    return await end
  })
})

test('in flight per peer: requests past the limit are answered busy, then the stream is reset', async () => {
  const h = await attacker()
  await underAttack('busy', async () => {
    const s = await h.dialProtocol(bPeer, AUTH_PROTOCOL)
    const codes = answers(s)
    const end = ended(s)
    // 30 AuthHellos for unknown terminals at once: 8 in flight (auth.md), the rest busy
    const hello = (i: number): Uint8Array => concat([fieldLen(1, new Uint8Array(32).fill(i + 1)), fieldLen(2, new Uint8Array(32).fill(7))])
    s.send(concat(Array.from({ length: 30 }, (_, i) => lp(rpcFrame({ id: BigInt(i + 1), body: hello(i) })))))
    const how = await end
    assert.ok(codes.includes('busy'), `answers: ${codes.join(',')}`)
    return how
  })
})

test('rate per peer: requests past the rate are answered rate-limited, then the stream is reset', async () => {
  const h = await attacker()
  await underAttack('rate-limited', async () => {
    const s = await h.dialProtocol(bPeer, CHAIN)
    const codes = answers(s)
    const end = ended(s)
    let gone = false
    void end.then(() => { gone = true })
    // headers requests, 60 in flight at a time (under the 64 in flight), as fast as answered:
    // the rate (RATE_PER_PEER/s, burst twice that) runs out
    const req = lp(rpcFrame({ id: 1n, body: concat([fieldVarint(1, 1), fieldVarint(2, 0), fieldVarint(3, 1)]) }))
    let sent = 0
    const deadline = Date.now() + 60_000
    while (!gone && Date.now() < deadline) {
      if (sent - codes.length < 60 && s.status === 'open' && s.writeStatus === 'writable') {
        s.send(concat(Array.from({ length: 20 }, () => req)))
        sent += 20
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1))
      }
    }
    assert.ok(codes.includes('rate-limited'), `after ${sent} requests: ${codes.filter((c) => c !== 'ok').slice(0, 5).join(',')}`)
    return await end
  })
})

test('streams per peer, all protocols together: past the limit new streams are reset (too-many-streams)', async () => {
  const h = await attacker()
  const held: Stream[] = []
  await underAttack('too-many-streams', async () => {
    // 4 per protocol is libp2p's own per-connection limit; across protocols only the node-wide one
    // (protocols open to a peer that is not admitted: the skip graph and blocks turn it away first)
    for (const p of [CHAIN, REGISTER_PROTOCOL, ACCESS_PROTOCOL, AUTH_PROTOCOL]) {
      for (let i = 0; i < 4; i++) {
        const s = await h.dialProtocol(bPeer, p)
        held.push(s)
        try {
          s.send(lp(rpcFrame({ id: BigInt(i + 1), body: new Uint8Array(0) }))) // lazy negotiation: write something
        } catch { /* already reset: over the limit */ }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
    const cut = await Promise.race([Promise.all(held.map(async (s) => await Promise.race([ended(s), new Promise<string>((r) => setTimeout(() => r('open'), 3_000))]))), new Promise<string[]>((r) => setTimeout(() => r([]), 10_000))])
    const open = cut.filter((c) => c === 'open').length
    assert.ok(open <= MAX_STREAMS_PER_PEER, `${open} of ${held.length} streams still open (limit ${MAX_STREAMS_PER_PEER})`)
    return cut.find((c) => c !== 'open') ?? 'none cut'
  })
  for (const s of held) s.abort(new Error('done'))
})

test('pending bytes on the node: over the budget the oldest partial frame is cut off (overloaded)', async () => {
  const h = await attacker()
  await underAttack('overloaded', async () => {
    // a 4 MiB chain frame (allowed: chain.md) begun on each of two streams: 2 x 2 MiB buffered
    // is over the node's 3 MiB budget of pending bytes
    const streams = [await h.dialProtocol(bPeer, CHAIN), await h.dialProtocol(bPeer, CHAIN)]
    const ends = streams.map(ended)
    for (const s of streams) {
      s.send(varint(4 << 20))
      for (let i = 0; i < 32; i++) if (!s.send(new Uint8Array(64 << 10))) await s.onDrain().catch(() => {})
    }
    return await Promise.race(ends)
  })
})
