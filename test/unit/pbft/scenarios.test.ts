import { test } from 'node:test'
import assert from 'node:assert/strict'
import { blockHash, bytesEqual, encode, hash, hex, newViewBytes, prePrepareBytes } from '../../../src/pbft/codec.js'
import { makeRequest, ToyApp } from '../../../src/pbft/sim/fakes.js'
import type { Message, NewViewMsg, PrePrepareMsg } from '../../../src/pbft/types.js'
import { Net } from './harness.js'

function assertAgreement(net: Net): void {
  const byHeight = new Map<number, string>()
  for (const cs of net.commits) {
    for (const c of cs) {
      const h = hex(c.cert.digest)
      const prev = byHeight.get(c.block.height)
      if (prev !== undefined) assert.equal(h, prev, `agreement at height ${c.block.height}`)
      byHeight.set(c.block.height, h)
    }
  }
}

/** Fires view timers (and status ticks) until `done` or `rounds` run out. */
function drive(net: Net, done: () => boolean, rounds = 20): void {
  for (let k = 0; k < rounds && !done(); k++) {
    net.fireAll('view')
    net.run()
    for (let i = 0; i < net.n; i++) net.fire(i, 'status')
    net.run()
  }
}

test('prepared-but-uncommitted request is carried across a view change with the same digest', () => {
  const net = new Net(4)
  net.filter = m => m.msg.type !== 'commit'
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.deepEqual(net.heights(), [0, 0, 0, 0])
  const prepared = (net.disks[0].get('slot/1') as { cert: { block: { root: Uint8Array } } | null }).cert
  assert.ok(prepared !== null, 'replica 0 prepared height 1')
  const digest = blockHash(prepared.block as never)
  net.filter = () => true
  net.fireAll('view')
  net.run()
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  for (const r of net.replicas) assert.equal(r!.view, 1)
  const c = net.commits[0][0]
  assert.equal(c.cert.view, 1)
  assert.ok(bytesEqual(c.cert.digest, digest), 'the re-proposal is the prepared block')
  assertAgreement(net)
})

test('silent primary: backups time out, change view, and a different primary commits', () => {
  const net = new Net(4)
  const silent = net.r(0).primaryOf(1)!
  net.filter = m => m.from !== silent
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.deepEqual(net.heights().filter((_, i) => i !== silent), [0, 0, 0])
  drive(net, () => net.heights().every((h, i) => i === silent || h === 1))
  for (let i = 0; i < 4; i++) if (i !== silent) assert.equal(net.r(i).executedHeight, 1)
  const b = net.commits.find((_, i) => i !== silent)![0].block
  assert.notEqual(b.proposer, silent)
  assert.ok(net.r((silent + 1) % 4).view >= 1)
  assertAgreement(net)
})

test('a crashed primary is not primary again in the view that replaced it: later heights commit without another view change', () => {
  const net = new Net(4)
  const silent = net.r(0).primaryOf(1)!
  net.filter = m => m.from !== silent && m.to !== silent
  net.request(makeRequest('t', 1, 1))
  net.run()
  drive(net, () => net.heights().every((h, i) => i === silent || h === 1))
  const live = [0, 1, 2, 3].filter(i => i !== silent)
  const view = net.r(live[0]).view
  assert.ok(view >= 1)
  // without the active-set rule the silent replica was primary of ~1/4 of the heights of any view
  for (let k = 2; k <= 13; k++) {
    for (const i of live) assert.notEqual(net.r(i).primaryOf(k), silent)
    net.request(makeRequest('t', 1, k))
    net.run()
    for (const i of live) assert.equal(net.r(i).executedHeight, k, `height ${k} committed with no timer fired`)
  }
  for (const i of live) assert.equal(net.r(i).view, view, 'no further view change')
  const proposers = new Set(net.commits[live[0]].slice(1).map(c => c.block.proposer))
  assert.ok(!proposers.has(silent))
  assert.ok(proposers.size >= 2, 'the VRF still rotates the primary among the active replicas')
  assertAgreement(net)
})

test('timeouts double per failed view and come back down one step per 8 commits', () => {
  const net = new Net(4, { viewTimeout: 100, maxViewTimeout: 100000 })
  net.filter = m => m.msg.type === 'viewchange' // every NEW-VIEW is lost: each view fails
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.equal(net.timerMs[0].get('view'), 100)
  const seen: number[] = []
  for (let k = 0; k < 4; k++) {
    net.fireAll('view')
    net.run()
    seen.push(net.timerMs[0].get('view')!)
  }
  assert.deepEqual(seen, [200, 400, 800, 1600])
  assert.equal(net.r(0).view, 4)
  net.filter = () => true
  drive(net, () => net.heights().every(h => h === 1))
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  // An overloaded primary that just made it must not be cut at the base timeout again at once.
  const timeouts: number[] = []
  for (let c = 2; c <= 45; c++) {
    net.request(makeRequest('t', 1, c))
    timeouts.push(net.timerMs[0].get('view')!)
    net.run()
    assert.deepEqual(net.heights(), [c, c, c, c])
  }
  // (healing took one more view: the first timeout is 1600 ms or more) commits 1-7 keep it, 8-15
  // halve it, and so on down to the base timeout
  const first = timeouts[0]
  assert.ok(first >= 1600)
  assert.deepEqual(timeouts, timeouts.map((_, i) => Math.max(100, first / 2 ** Math.floor((i + 1) / 8))))
  assert.equal(timeouts[timeouts.length - 1], 100)
})

test('a replica joins a view change once f+1 others ask for a higher view', () => {
  const net = new Net(4)
  net.request(makeRequest('t', 1, 1), [0, 1, 2])
  net.filter = m => m.msg.type === 'viewchange'
  net.run()
  net.fire(0, 'view')
  net.run()
  assert.equal(net.r(3).view, 0, 'one VIEW-CHANGE is not enough')
  net.fire(1, 'view')
  net.run()
  assert.equal(net.r(3).view, 1)
  assert.equal(net.r(3).isNormal || net.r(3).view === 1, true)
})

test('future-view messages are buffered and used once the view is entered', () => {
  const net = new Net(4)
  net.filter = m => m.msg.type !== 'commit'
  net.request(makeRequest('t', 1, 1))
  net.run()
  net.filter = () => true
  const late = 3
  const leader = 1
  // everyone but `late` changes view; `late` gets the new view's messages before the NEW-VIEW
  for (let i = 0; i < 4; i++) if (i !== late) net.fire(i, 'view')
  const held: typeof net.queue = []
  net.filter = m => { if (m.to === late && m.msg.type === 'newview') { held.push(m); return false } return true }
  net.run()
  assert.equal(net.r(late).view, 1, 'joined on f+1 VIEW-CHANGEs')
  net.filter = () => true
  net.queue.push(...held)
  net.run()
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  void leader
})

test('equivocating primary: backups split, nothing conflicting commits, the next view commits one block', () => {
  const net = new Net(4)
  const p = net.r(0).primaryOf(1)!
  const backups = [0, 1, 2, 3].filter(i => i !== p)
  const pk = net.cryptos[p]
  net.filter = m => {
    if (m.from === p && m.msg.type === 'preprepare' && m.to === backups[0]) {
      const pp = m.msg as PrePrepareMsg
      const extra = makeRequest('evil', 1, 1)
      const requests = [...pp.block.requests, extra]
      const block = { ...pp.block, requests, root: new ToyApp().digest(requests) }
      const digest = blockHash(block)
      return { ...pp, block, digest, sig: pk.sign(prePrepareBytes(pp.view, pp.height, digest)) } satisfies Message
    }
    return true
  }
  net.request(makeRequest('t', 1, 1))
  net.run()
  // with 4 replicas and one backup fooled, the original may still gather 2f+1; either way no conflict
  assertAgreement(net)
  drive(net, () => net.heights().every(h => h >= 1))
  assert.ok(net.heights().every(h => h >= 1))
  assertAgreement(net)
})

test('equivocating primary that fools two backups cannot commit either block; view change recovers', () => {
  const net = new Net(4)
  const p = net.r(0).primaryOf(1)!
  const backups = [0, 1, 2, 3].filter(i => i !== p)
  const pk = net.cryptos[p]
  let alt: PrePrepareMsg | undefined
  net.filter = m => {
    if (m.from === p && (m.msg.type === 'prepare' || m.msg.type === 'commit')) return false // the primary votes nothing
    if (m.from === p && m.msg.type === 'preprepare' && m.to !== backups[2]) {
      const pp = m.msg as PrePrepareMsg
      if (alt === undefined) {
        const requests = [...pp.block.requests, makeRequest('evil', 1, 1)]
        const block = { ...pp.block, requests, root: new ToyApp().digest(requests) }
        const digest = blockHash(block)
        alt = { ...pp, block, digest, sig: pk.sign(prePrepareBytes(pp.view, pp.height, digest)) }
      }
      return m.to === backups[0] ? alt : true
    }
    return true
  }
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.deepEqual(net.heights().filter((_, i) => i !== p), [0, 0, 0])
  net.filter = m => m.from !== p
  drive(net, () => backups.every(i => net.r(i).executedHeight >= 1))
  for (const i of backups) assert.ok(net.r(i).executedHeight >= 1)
  assertAgreement(net)
})

test('wrong VRF proof in a pre-prepare is rejected', () => {
  const net = new Net(4)
  const p = net.r(0).primaryOf(1)!
  net.filter = m => {
    if (m.from === p && m.msg.type === 'preprepare') {
      const pp = m.msg as PrePrepareMsg
      const block = { ...pp.block, nextSeed: hash(encode('chosen-by-me')) }
      const digest = blockHash(block)
      return { ...pp, block, digest, sig: net.cryptos[p].sign(prePrepareBytes(pp.view, 1, digest)) } satisfies Message
    }
    return true
  }
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.deepEqual(net.heights(), [0, 0, 0, 0])
  for (let i = 0; i < 4; i++) if (i !== p) assert.equal(net.disks[i].get('slot/1'), undefined, 'no backup accepted it')
})

test('wrong NEW-VIEW (re-proposals that differ from the recomputed O) is rejected', () => {
  const net = new Net(4)
  net.filter = m => m.msg.type !== 'commit'
  net.request(makeRequest('t', 1, 1))
  net.run()
  const leader = 1 // view 1 leader = 1 mod 4
  net.filter = m => {
    if (m.from === leader && m.msg.type === 'newview') {
      const nv = m.msg as NewViewMsg
      const digests = [hash(encode('bogus'))]
      const refs = nv.viewChanges.map(v => hash(encode('vcref', v.sender, v.sig)))
      return { ...nv, digests, sig: net.cryptos[leader].sign(newViewBytes(nv.view, refs, digests)) } satisfies Message
    }
    return true
  }
  net.fireAll('view')
  net.run()
  for (let i = 0; i < 4; i++) if (i !== leader) assert.equal(net.r(i).isNormal, false, `replica ${i} rejected the NEW-VIEW`)
  // the next leader does it right
  net.filter = m => m.from !== leader
  drive(net, () => net.heights().every((h, i) => i === leader || h === 1))
  for (let i = 0; i < 4; i++) if (i !== leader) assert.equal(net.r(i).executedHeight, 1)
  assertAgreement(net)
})

test('replica restarted in the middle of a view change comes back in view-change mode and the view completes', () => {
  const net = new Net(4)
  net.filter = m => m.msg.type !== 'commit'
  net.request(makeRequest('t', 1, 1))
  net.run()
  net.filter = () => true
  const x = 2
  net.fire(x, 'view') // x sends its VIEW-CHANGE (persisted view first) ...
  net.queue = net.queue.filter(m => m.from !== x) // ... which is lost
  net.crash(x) // and x crashes
  net.restart(x)
  assert.equal(net.r(x).view, 1)
  assert.equal(net.r(x).isNormal, false)
  for (let i = 0; i < 4; i++) if (i !== x) net.fire(i, 'view')
  net.run()
  drive(net, () => net.heights().every(h => h === 1))
  assert.deepEqual(net.heights(), [1, 1, 1, 1])
  for (const r of net.replicas) assert.ok(r!.view >= 1)
  assertAgreement(net)
})

test('a restarted replica never votes differently than before the crash', () => {
  const net = new Net(4)
  const p = net.r(0).primaryOf(1)!
  const b = (p + 1) % 4
  let firstPP: PrePrepareMsg | undefined
  net.filter = m => {
    if (m.msg.type === 'preprepare' && m.to === b) firstPP = m.msg
    return m.to === b && m.msg.type === 'preprepare'
  }
  net.request(makeRequest('t', 1, 1))
  net.run()
  assert.ok(firstPP !== undefined)
  assert.ok(net.disks[b].has('slot/1'))
  net.crash(b)
  net.restart(b)
  // the (equivocating) primary now offers another block for the same view and height
  const requests = [makeRequest('t', 1, 1), makeRequest('evil', 1, 1)]
  const block = { ...firstPP.block, requests, root: new ToyApp().digest(requests) }
  const digest = blockHash(block)
  const other: PrePrepareMsg = { ...firstPP, block, digest, sig: net.cryptos[p].sign(prePrepareBytes(0, 1, digest)) }
  const acts = net.step(b, { type: 'message', from: p, msg: other })
  assert.ok(!acts.some(a => a.type === 'broadcast' && a.msg.type === 'prepare'), 'no PREPARE for a second digest')
})

test('lagging replica catches up: blocks with commit certificates, and a snapshot once peers truncated', () => {
  const net = new Net(4, { checkpointInterval: 2, watermarkWindow: 4, fetchBatch: 3 })
  const lag = 3
  net.filter = m => m.from !== lag && m.to !== lag
  let k = 0
  // keep replica `lag` out; the other three must make progress (lag may be a primary: change views then)
  while (net.r(0).executedHeight < 13 && k < 200) {
    k++
    net.request(makeRequest('t', 1, k), [0, 1, 2])
    net.run()
    if (net.r(0).executedHeight < k) drive(net, () => net.r(0).executedHeight >= k, 10)
  }
  assert.equal(net.r(0).executedHeight % 2, 1, "head is past the last checkpoint")
  assert.equal(net.r(lag).executedHeight, 0)
  net.filter = () => true
  for (let round = 0; round < 20 && net.r(lag).executedHeight < net.r(0).executedHeight; round++) {
    for (let i = 0; i < 4; i++) net.fire(i, 'status')
    net.run()
  }
  assert.equal(net.r(lag).executedHeight, net.r(0).executedHeight)
  assert.ok(net.snapshots[lag] >= 1, 'state transfer through a checkpointed snapshot')
  assert.ok(net.commits[lag].length >= 1, 'and blocks with certificates after it')
  assert.ok(bytesEqual(net.r(lag).lastBlockHash, net.r(0).lastBlockHash))
  assert.ok(bytesEqual(net.apps[lag].stateDigest(), net.apps[0].stateDigest()))
  assertAgreement(net)
})

test('catch-up never trusts a single peer: a forged block without a valid certificate is ignored', () => {
  const net = new Net(4)
  net.request(makeRequest('t', 1, 1))
  net.run()
  const good = net.r(0).committed(1)!
  const lagging = new Net(4)
  const fake = { ...good.block, requests: [makeRequest('evil', 1, 1)] }
  const forged = { ...fake, root: new ToyApp().digest(fake.requests) }
  const cert = { ...good.cert, digest: blockHash(forged) }
  lagging.step(0, { type: 'message', from: 1, msg: { type: 'blocks', blocks: [{ block: forged, cert }], sender: 1 } })
  assert.equal(lagging.r(0).executedHeight, 0)
  lagging.step(0, { type: 'message', from: 1, msg: { type: 'blocks', blocks: [good], sender: 1 } })
  assert.equal(lagging.r(0).executedHeight, 1)
})
