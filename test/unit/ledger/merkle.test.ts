import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { sha256 } from '../../../src/crypto/hash.js'
import { EMPTY_ROOT, leafHash, merkleProof, merkleRoot, nodeHash, verifyMerkleProof } from '../../../src/crypto/merkle.js'
import { RecordTree, rootFromPath, treeDepth, ZERO } from '../../../src/ledger/tree.js'

// Reference: RFC 6962 MTH written directly from the definition.
function mth (d: Uint8Array[]): Uint8Array {
  if (d.length === 0) return sha256()
  if (d.length === 1) return sha256(Uint8Array.of(0), d[0])
  let k = 1
  while (k * 2 < d.length) k *= 2
  return sha256(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k)))
}

const leaves = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.of(i, i >> 8, 0xaa))

test('merkleRoot matches the RFC 6962 definition and domain separation', () => {
  assert.deepEqual(merkleRoot([]), EMPTY_ROOT)
  for (let n = 1; n <= 33; n++) assert.deepEqual(merkleRoot(leaves(n)), mth(leaves(n)), `n=${n}`)
  // a leaf equal to the concatenation of two child hashes must not collide with the inner node
  const l = leaves(2)
  const inner = Uint8Array.from([...leafHash(l[0]), ...leafHash(l[1])])
  assert.notDeepEqual(merkleRoot([inner]), merkleRoot(l))
  assert.deepEqual(merkleRoot(l), nodeHash(leafHash(l[0]), leafHash(l[1])))
})

test('merkle proofs verify for every index and reject wrong index, count, leaf, root, path', () => {
  for (let n = 1; n <= 20; n++) {
    const ls = leaves(n)
    const root = merkleRoot(ls)
    for (let i = 0; i < n; i++) {
      const p = merkleProof(ls, i)
      assert.ok(verifyMerkleProof(root, ls[i], i, n, p), `n=${n} i=${i}`)
      assert.ok(!verifyMerkleProof(root, Uint8Array.of(9, 9), i, n, p))
      if (n > 1) assert.ok(!verifyMerkleProof(root, ls[i], (i + 1) % n, n, p))
      assert.ok(!verifyMerkleProof(sha256(root), ls[i], i, n, p))
      assert.ok(!verifyMerkleProof(root, ls[i], i, n, [...p, new Uint8Array(32)]))
      if (p.length > 0) assert.ok(!verifyMerkleProof(root, ls[i], i, n, p.slice(1)))
    }
  }
  assert.throws(() => merkleProof(leaves(3), 3), RangeError)
  assert.ok(!verifyMerkleProof(merkleRoot(leaves(3)), leaves(3)[0], -1, 3, []))
})

test('property: random trees, all proofs verify, flipped proof bits are rejected', () => {
  fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (ls, a, b) => {
    const root = merkleRoot(ls)
    const i = a % ls.length
    const p = merkleProof(ls, i)
    assert.ok(verifyMerkleProof(root, ls[i], i, ls.length, p))
    if (p.length > 0) {
      const q = p.map(x => Uint8Array.from(x))
      const j = b % q.length
      q[j][b % 32] ^= 1
      assert.ok(!verifyMerkleProof(root, ls[i], i, ls.length, q))
    }
  }), { numRuns: 200 })
})

test('record tree: incremental updates equal a from-scratch build; paths recompute the root', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 })), { minLength: 1, maxLength: 30 }), (ops) => {
    const t = new RecordTree()
    const ref: Uint8Array[] = []
    for (const [x, grow] of ops) {
      const upd = new Map<number, Uint8Array>()
      for (let g = 0; g < grow; g++) { const h = sha256(Uint8Array.of(x & 255, g, ref.length)); ref.push(h); upd.set(ref.length - 1, h) }
      if (ref.length > 0) { const j = x % ref.length; const h = sha256(Uint8Array.of(j, 1, 2, x & 255)); ref[j] = h; upd.set(j, h) }
      t.commit(t.plan(upd, ref.length))
      assert.deepEqual(t.root(), RecordTree.fromLeaves(ref.slice()).root())
      assert.deepEqual(t.root(), naiveRoot(ref))
      for (let i = 0; i < ref.length; i++) assert.deepEqual(rootFromPath(ref[i], i, ref.length, t.proof(i)), t.root())
    }
  }), { numRuns: 60 })
})

function naiveRoot (ls: Uint8Array[]): Uint8Array {
  const d = treeDepth(ls.length)
  let level = ls.slice()
  while (level.length < 2 ** d) level.push(ZERO[0])
  for (let k = 0; k < d; k++) {
    const next: Uint8Array[] = []
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i], level[i + 1]))
    level = next
  }
  return level[0] ?? ZERO[0]
}

test('record tree plan does not mutate the tree', () => {
  const t = RecordTree.fromLeaves(leaves(5).map(x => sha256(x)))
  const before = t.root()
  const plan = t.plan(new Map([[2, sha256(Uint8Array.of(1))], [5, sha256(Uint8Array.of(2))]]), 6)
  assert.deepEqual(t.root(), before)
  assert.equal(t.count, 5)
  t.commit(plan)
  assert.deepEqual(t.root(), plan.root)
  assert.notDeepEqual(plan.root, before)
})
