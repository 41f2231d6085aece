// The shared stream-protocol layer over real libp2p (TCP loopback): long-lived streams,
// request/response, and each limit cutting off the offending peer while others keep working.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { Libp2p, PeerId } from '@libp2p/interface'
import * as varint from 'uint8-varint'
import { RpcEndpoint, RpcError, type RejectReason } from '../../src/net/rpc.js'
import { createHost } from '../helpers/libp2p.js'

const PROTO = '/gridauth/test-rpc/1.0.0'
let server: Libp2p, good: Libp2p, bad: Libp2p
let serverEp: RpcEndpoint, goodEp: RpcEndpoint, badEp: RpcEndpoint
const oneWay: string[] = []
const rejects: Array<{ peer: string, reason: RejectReason }> = []
let blockRequests: Promise<void> | undefined

before(async () => {
  ;[server, good, bad] = await Promise.all([createHost(), createHost(), createHost()])
  serverEp = new RpcEndpoint(server, PROTO, {
    onMessage: (_p, body) => { oneWay.push(new TextDecoder().decode(body)) },
    onRequest: async (_p, body) => {
      if (blockRequests !== undefined) await blockRequests
      const s = new TextDecoder().decode(body)
      if (s === 'fail') throw new RpcError('not-found')
      return new TextEncoder().encode(s.toUpperCase())
    },
    authorize: (p: PeerId) => !p.equals(bad.peerId) || allowBad,
    onReject: (p, reason) => rejects.push({ peer: p.toString(), reason })
  }, { maxFrameBytes: 4096, ratePerPeer: 200, maxInflightPerPeer: 4, maxViolationsPerStream: 3 })
  goodEp = new RpcEndpoint(good, PROTO, {})
  badEp = new RpcEndpoint(bad, PROTO, {})
  await Promise.all([serverEp.start(), goodEp.start(), badEp.start()])
  await good.dial(server.getMultiaddrs()[0])
  await bad.dial(server.getMultiaddrs()[0])
})
let allowBad = false

after(async () => {
  await Promise.all([serverEp.stop(), goodEp.stop(), badEp.stop()])
  await Promise.all([server.stop(), good.stop(), bad.stop()])
})

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const dec = (b: Uint8Array): string => new TextDecoder().decode(b)

test('requests and one-way messages share one long-lived stream', async () => {
  for (let i = 0; i < 50; i++) assert.equal(dec(await goodEp.request(server.peerId, enc(`hello ${i}`))), `HELLO ${i}`)
  await goodEp.send(server.peerId, enc('note'))
  const answers = await Promise.all(Array.from({ length: 4 }, async (_, i) => dec(await goodEp.request(server.peerId, enc(`p${i}`)))))
  assert.deepEqual(answers, ['P0', 'P1', 'P2', 'P3'])
  assert.equal(goodEp.openStreams, 1, 'one outbound stream for all of it')
  assert.ok(oneWay.includes('note'))
})

test('an error code travels back to the requester', async () => {
  await assert.rejects(goodEp.request(server.peerId, enc('fail')), (e: Error) => e instanceof RpcError && e.code === 'not-found')
})

test('unauthorized peers get nothing and are counted', async () => {
  await assert.rejects(badEp.request(server.peerId, enc('x'), { timeoutMs: 2000 }))
  assert.ok(rejects.some((r) => r.peer === bad.peerId.toString() && r.reason === 'unauthorized'))
  assert.equal(dec(await goodEp.request(server.peerId, enc('still fine'))), 'STILL FINE')
})

test('an oversized frame resets the stream; the peer reconnects; others are unaffected', async () => {
  allowBad = true
  const stream = await bad.dialProtocol(server.peerId, PROTO)
  const before = serverEp.rejected.get('oversized') ?? 0
  stream.send(varint.encode(1_000_000))
  stream.send(new Uint8Array(8192))
  await new Promise<void>((resolve) => stream.addEventListener('close', () => resolve(), { once: true }))
  assert.equal(serverEp.rejected.get('oversized'), before + 1)
  assert.equal(dec(await goodEp.request(server.peerId, enc('ok'))), 'OK')
  assert.equal(dec(await badEp.request(server.peerId, enc('behaving now'))), 'BEHAVING NOW')
})

test('a malformed frame resets the stream and is counted', async () => {
  const stream = await bad.dialProtocol(server.peerId, PROTO)
  const before = serverEp.rejected.get('malformed-frame') ?? 0
  stream.send(Uint8Array.of(3, 0xff, 0xff, 0xff))
  await new Promise<void>((resolve) => stream.addEventListener('close', () => resolve(), { once: true }))
  assert.equal(serverEp.rejected.get('malformed-frame'), before + 1)
})

test('in-flight limit answers busy; rate limit answers rate-limited; the good peer keeps working', async () => {
  let release!: () => void
  blockRequests = new Promise<void>((resolve) => { release = resolve })
  const flood = Array.from({ length: 6 }, async () => await badEp.request(server.peerId, enc('slow')).then(() => 'ok', (e: RpcError) => e.code))
  await new Promise((r) => setTimeout(r, 200))
  release()
  blockRequests = undefined
  const codes = await Promise.all(flood)
  assert.equal(codes.filter((c) => c === 'busy').length, 2, `codes: ${codes.join(',')}`)
  assert.equal(codes.filter((c) => c === 'ok').length, 4)

  // 200/s with a burst of 400: a flood of 1000 gets cut off.
  const results = await Promise.all(Array.from({ length: 1000 }, async () => await badEp.request(server.peerId, enc('f'), { timeoutMs: 3000 }).then(() => 'ok', (e: RpcError) => e.code)))
  assert.ok(results.filter((c) => c !== 'ok').length > 100, 'most of the flood is refused')
  assert.ok((serverEp.rejected.get('rate-limited') ?? 0) > 0 || (serverEp.rejected.get('busy') ?? 0) > 0)
  const t0 = performance.now()
  assert.equal(dec(await goodEp.request(server.peerId, enc('unaffected'))), 'UNAFFECTED')
  assert.ok(performance.now() - t0 < 2000)
})

test('a half-closed stream is closed by the node too; it does not lock out later streams', async () => {
  // Far more graceful closes than the 4 inbound stream slots: each must free its slot.
  for (let i = 0; i < 8; i++) {
    const s = await bad.dialProtocol(server.peerId, PROTO)
    await s.close()
  }
  const s = await bad.dialProtocol(server.peerId, PROTO)
  s.send(Uint8Array.of(0)) // an empty frame is not a request; just prove the stream is usable
  await new Promise((r) => setTimeout(r, 100))
  assert.equal(s.status, 'open')
  assert.equal(dec(await goodEp.request(server.peerId, enc('after closes'))), 'AFTER CLOSES')
})

test('a slow writer with a partial frame is cut off after the read timeout', async () => {
  const slowServer = new RpcEndpoint(server, '/gridauth/test-slow/1.0.0', { onRequest: () => enc('x') }, { readTimeoutMs: 300 })
  await slowServer.start()
  try {
    const s = await bad.dialProtocol(server.peerId, '/gridauth/test-slow/1.0.0')
    s.send(Uint8Array.of(50, 1, 2)) // announces 50 bytes, sends 2, then nothing
    await new Promise<void>((resolve) => s.addEventListener('close', () => resolve(), { once: true }))
    assert.equal(slowServer.rejected.get('slow-writer'), 1)
  } finally {
    await slowServer.stop()
  }
})
