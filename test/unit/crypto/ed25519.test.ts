import { test } from 'node:test'
import * as assert from 'node:assert/strict'
import { createPrivateKey, createPublicKey, sign as osslSign } from 'node:crypto'
import fc from 'fast-check'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import {
  signingKeyFromSeed, signDomain, verifyDomain, signDomainReference, verifyDomainReference,
  SIGNATURE_LEN, type SigningKey,
} from '../../../src/crypto/ed25519.js'
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js'
import { SMALL_ORDER } from './small-order.js'

const Point = ed25519.Point
const L = Point.Fn.ORDER
const P = Point.Fp.ORDER
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')
const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'))
/** Little-endian bytes <-> numbers (RFC 8032 encodings), from @noble/curves. */
function leBytes(n: bigint, len = 32): Uint8Array { return numberToBytesLE(n, len) }
function leNum(b: Uint8Array): bigint { return bytesToNumberLE(b) }
/** The bytes signDomain signs (the layout documented in src/crypto/ed25519.ts). */
const signed = (domain: string, message: Uint8Array): Uint8Array =>
  new Uint8Array(Buffer.concat([Buffer.from('gridauth/1/'), Buffer.from(domain), Buffer.of(0), message]))
/** RFC 8032 challenge k = SHA-512(R || A || M) mod L. */
const challenge = (r: Uint8Array, a: Uint8Array, m: Uint8Array): bigint => leNum(sha512(new Uint8Array([...r, ...a, ...m]))) % L


const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 })
const domainArb = fc.constantFrom('tx', 'pbft', 'enrollment', 'auth', '')
const msgArb = fc.uint8Array({ maxLength: 300 })

test('public key and signatures are byte-identical to node:crypto (OpenSSL)', () => {
  fc.assert(
    fc.property(seedArb, domainArb, msgArb, (seed, domain, msg) => {
      const key = signingKeyFromSeed(seed)
      const spki = createPublicKey(createPrivateKey({
        key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8',
      })).export({ format: 'der', type: 'spki' })
      assert.equal(hex(key.publicKey), hex(spki.subarray(12)))
      assert.equal(hex(key.secretKey), hex(seed) + hex(key.publicKey))
      const sig = signDomain(key, domain, msg)
      assert.equal(sig.length, SIGNATURE_LEN)
      assert.equal(hex(sig), hex(signDomainReference(key, domain, msg)))
      assert.equal(hex(sig), hex(new Uint8Array(osslSign(null, signed(domain, msg), key.keyObject))))
      assert.equal(hex(sig), hex(ed25519.sign(signed(domain, msg), seed)))
    }),
    { numRuns: 200 },
  )
})

test('every OpenSSL signature verifies with the libsodium path; wrong message, domain or key do not', () => {
  fc.assert(
    fc.property(seedArb, seedArb, domainArb, msgArb, msgArb, (seed, otherSeed, domain, msg, other) => {
      const key = signingKeyFromSeed(seed)
      const sig = signDomainReference(key, domain, msg)
      assert.equal(verifyDomain(key.publicKey, domain, msg, sig), true)
      assert.equal(verifyDomainReference(key.publicKey, domain, msg, sig), true)
      if (hex(other) !== hex(msg)) assert.equal(verifyDomain(key.publicKey, domain, other, sig), false)
      assert.equal(verifyDomain(key.publicKey, domain + 'x', msg, sig), false)
      if (hex(otherSeed) !== hex(seed)) assert.equal(verifyDomain(signingKeyFromSeed(otherSeed).publicKey, domain, msg, sig), false)
    }),
    { numRuns: 300 },
  )
})

test('tampered signatures and keys: libsodium and OpenSSL agree (both reject)', () => {
  const key = signingKeyFromSeed(new Uint8Array(32).fill(9))
  const msg = new TextEncoder().encode('block 42')
  const sig = signDomain(key, 'pbft', msg)
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 255 }), (i, mask) => {
      const s = Uint8Array.from(sig)
      const pk = Uint8Array.from(key.publicKey)
      if (i < 64) s[i] ^= mask
      else pk[i - 64] ^= mask
      assert.equal(verifyDomain(pk, 'pbft', msg, s), false)
      assert.equal(verifyDomainReference(pk, 'pbft', msg, s), false)
    }),
    { numRuns: 500 },
  )
})

test('small-order public keys are rejected, though OpenSSL accepts forgeries under them', () => {
  const msg = new TextEncoder().encode('anything at all')
  const identity = unhex(SMALL_ORDER[0])
  // With A = identity, [S]B - [k]A = [S]B for every message: R = [S]B forges a "signature".
  const s = 5n
  const forged = new Uint8Array([...Point.BASE.multiply(s).toBytes(), ...leBytes(s)])
  assert.equal(verifyDomainReference(identity, 'tx', msg, forged), true, 'OpenSSL accepts (the reason for the stricter rule)')
  assert.equal(verifyDomain(identity, 'tx', msg, forged), false)
  for (const enc of SMALL_ORDER) {
    const a = unhex(enc)
    assert.ok(Point.fromBytes(a).isSmallOrder())
    // R = identity, S = 0: [0]B - [k]A = -[k]A, which is the identity whenever ord(A) divides k.
    const zero = new Uint8Array([...identity, ...new Uint8Array(32)])
    assert.equal(verifyDomain(a, 'tx', msg, zero), false, enc)
    assert.equal(verifyDomain(a, 'tx', msg, forged), false, enc)
    // The same points with the other sign bit (invalid for x = 0, but libsodium ignores the sign).
    const flipped = Uint8Array.from(a)
    flipped[31] ^= 0x80
    assert.equal(verifyDomain(flipped, 'tx', msg, forged), false, enc)
  }
  // Non-canonical encodings of the identity (y = p + 1) and of (0, 0)... (y = p): rejected.
  for (const y of [P, P + 1n]) assert.equal(verifyDomain(leBytes(y), 'tx', msg, forged), false)
  assert.equal(verifyDomainReference(leBytes(P + 1n), 'tx', msg, forged), true, 'OpenSSL accepts a non-canonical identity key')
})

test('non-canonical S (S >= L) is rejected by both', () => {
  fc.assert(
    fc.property(seedArb, msgArb, (seed, msg) => {
      const key = signingKeyFromSeed(seed)
      const sig = signDomain(key, 'tx', msg)
      const s = leNum(sig.subarray(32))
      assert.ok(s < L)
      for (const bad of [s + L, L, 2n ** 256n - 1n, s + 2n * L, s + 15n * L]) {
        if (bad >= 2n ** 256n) continue
        const b = Uint8Array.from(sig)
        b.set(leBytes(bad), 32)
        assert.equal(verifyDomain(key.publicKey, 'tx', msg, b), false)
        assert.equal(verifyDomainReference(key.publicKey, 'tx', msg, b), false)
      }
    }),
    { numRuns: 30 },
  )
})

/** A signature with a chosen nonce point R = [r]B + T, made with the key's scalar a and public key bytes pk. */
function signWith(a: bigint, pk: Uint8Array, r: bigint, t: InstanceType<typeof Point>, m: Uint8Array): { sig: Uint8Array, k: bigint } {
  const R = Point.BASE.multiply(r).add(t).toBytes()
  const k = challenge(R, pk, m)
  return { sig: new Uint8Array([...R, ...leBytes((r + k * a) % L)]), k }
}

test('small-order R is rejected even from the key owner (OpenSSL accepts it)', () => {
  const seed = new Uint8Array(32).fill(3)
  const key = signingKeyFromSeed(seed)
  const a = ed25519.utils.getExtendedPublicKey(seed).scalar
  const msg = new TextEncoder().encode('owner, R = identity')
  // R = identity (r = 0), S = k*a: satisfies the equation; libsodium refuses R of small order.
  const R = Point.ZERO.toBytes()
  const k = challenge(R, key.publicKey, signed('tx', msg))
  const sig = new Uint8Array([...R, ...leBytes((k * a) % L)])
  assert.equal(verifyDomainReference(key.publicKey, 'tx', msg, sig), true)
  assert.equal(verifyDomain(key.publicKey, 'tx', msg, sig), false)
})

test('mixed-order keys and R (small-order component added): same answer as OpenSSL', () => {
  const t8 = Point.fromBytes(unhex(SMALL_ORDER[4])) // order 8
  let accepted = 0
  let rejected = 0
  fc.assert(
    fc.property(seedArb, fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 }), fc.bigInt({ min: 1n, max: L - 1n }), (seed, ta, tr, r) => {
      const ext = ed25519.utils.getExtendedPublicKey(seed)
      const A = ext.point.add(t8.multiply(BigInt(ta) + 1n)) // aB + T, T of order 1, 2, 4 or 8
      const pk = A.toBytes()
      const tR = t8.multiply(BigInt(tr) + 1n)
      for (let i = 0; i < 24; i++) {
        const msg = new TextEncoder().encode(`mixed ${i}`)
        const { sig } = signWith(ext.scalar, pk, r, tR, signed('tx', msg))
        const ref = verifyDomainReference(pk, 'tx', msg, sig)
        assert.equal(verifyDomain(pk, 'tx', msg, sig), ref, `ta=${ta} tr=${tr} i=${i}`)
        if (ref) accepted++
        else rejected++
      }
    }),
    { numRuns: 40 },
  )
  // Both outcomes must have been exercised ([S]B - [k]A = R exactly when [k]T_A = -T_R).
  assert.ok(accepted > 0 && rejected > 0, `accepted ${accepted}, rejected ${rejected}`)
})

test('verifyDomain never throws and rejects malformed input', () => {
  const key: SigningKey = signingKeyFromSeed(new Uint8Array(32).fill(1))
  const msg = new Uint8Array([1, 2, 3])
  const sig = signDomain(key, 'tx', msg)
  assert.equal(verifyDomain(key.publicKey, 'tx', msg, sig), true)
  assert.equal(verifyDomain(key.publicKey.subarray(0, 31), 'tx', msg, sig), false)
  assert.equal(verifyDomain(new Uint8Array(33), 'tx', msg, sig), false)
  assert.equal(verifyDomain(key.publicKey, 'tx', msg, sig.subarray(0, 63)), false)
  assert.equal(verifyDomain(key.publicKey, 'tx', msg, new Uint8Array([...sig, 0])), false)
  assert.equal(verifyDomain(key.publicKey, 'tx', msg, new Uint8Array(64)), false)
  assert.equal(verifyDomain(new Uint8Array(32), 'tx', msg, sig), false)
  const junk = [undefined, null, 'abc', 42, {}, [1, 2], new Uint16Array(16), new Uint16Array(32)] as unknown as Uint8Array[]
  for (const j of junk) {
    assert.equal(verifyDomain(j, 'tx', msg, sig), false)
    assert.equal(verifyDomain(key.publicKey, 'tx', j, sig), false)
    assert.equal(verifyDomain(key.publicKey, 'tx', msg, j), false)
  }
  // A subarray view at an offset works like a copy.
  const buf = new Uint8Array(200)
  buf.set(key.publicKey, 7)
  buf.set(sig, 50)
  assert.equal(verifyDomain(buf.subarray(7, 39), 'tx', msg, buf.subarray(50, 114)), true)
})
