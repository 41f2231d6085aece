// How a node gets a transaction ordered by the validators and learns its outcome. Validators
// submit to their own consensus component; other nodes send the transaction to a validator over
// /gridauth/tx/1.0.0. Either way the receipt is self-verifying (header + commit certificate).
import type { BlockHeader, CommitCertificate, Genesis } from '../ledger/index.js'
import type { NodeContext } from '../node/component.js'
import type { PbftComponent } from '../consensus/component.js'
import { TxClient } from '../consensus/client.js'

export interface TxReceipt {
  /** Ledger reason code of the transaction: 0 = applied. */
  code: number
  /** Height of the block that holds it (or its failure record). */
  height: number
  header: BlockHeader
  cert: CommitCertificate
}

export interface TxSubmitter {
  submit(tx: Uint8Array, opts?: { timeoutMs?: number }): Promise<TxReceipt>
}

/**
 * Serialises one terminal's submissions: the ledger refuses a request id lower than one it
 * already applied, so two transactions of a terminal must not race to different validators, and
 * a transaction's request id is taken when its turn comes (build-at-turn), never before.
 * Two lanes: the terminal's own state (spent values, renewals, registration, access) goes
 * before audit records of authentications it verified, so a backlog of records never holds up
 * the values that let it keep authenticating.
 */
export class SerialSubmitter implements TxSubmitter {
  private readonly lanes: Array<Array<() => Promise<void>>> = [[], []]
  private pumping = false
  constructor(private readonly inner: TxSubmitter) {}

  async submit(tx: Uint8Array, opts?: { timeoutMs?: number }): Promise<TxReceipt> {
    return await this.run(async () => await this.inner.submit(tx, opts))
  }

  /** Builds the transaction when its turn comes (so its request id is in order), then submits it. */
  async submitBuilt(build: () => Promise<Uint8Array>, lane: 'own' | 'records' = 'own'): Promise<TxReceipt> {
    return await this.run(async () => await this.inner.submit(await build()), lane)
  }

  /** Runs `fn` after every earlier submission of this terminal in its lane (and all 'own' ones) has finished. */
  async run<T>(fn: () => Promise<T>, lane: 'own' | 'records' = 'own'): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      this.lanes[lane === 'own' ? 0 : 1].push(async () => { try { resolve(await fn()) } catch (err) { reject(err) } })
      void this.pump()
    })
  }

  /** Transactions waiting, per lane. */
  get backlog(): { own: number, records: number } {
    return { own: this.lanes[0].length, records: this.lanes[1].length }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      for (let next = this.lanes[0].shift() ?? this.lanes[1].shift(); next !== undefined; next = this.lanes[0].shift() ?? this.lanes[1].shift()) await next()
    } finally {
      this.pumping = false
    }
  }
}

/**
 * The submitter a node uses: its own consensus component when it is a validator, otherwise a
 * TxClient over /gridauth/tx/1.0.0 that fails over between the genesis validators.
 */
export function consensusSubmitter(genesis: Genesis): (ctx: NodeContext) => TxSubmitter {
  return (ctx) => {
    const pbft = ctx.component<PbftComponent>('pbft')
    if (pbft !== undefined) {
      return { submit: async (tx, opts) => { const r = await pbft.submit(tx, opts); return { code: r.code, height: r.height, header: r.header, cert: r.certificate } } }
    }
    let client: TxClient | undefined
    let started: Promise<void> | undefined
    return {
      submit: async (tx) => {
        if (client === undefined) {
          client = new TxClient(ctx.libp2p, genesis.validators)
          started = client.start()
        }
        await started
        const r = await client.submit(tx)
        return { code: r.code, height: r.height, header: r.header, cert: r.certificate }
      }
    }
  }
}
