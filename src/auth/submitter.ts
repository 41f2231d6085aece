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
 * already applied, so two transactions of a terminal must not race to different validators.
 */
export class SerialSubmitter implements TxSubmitter {
  private tail: Promise<unknown> = Promise.resolve()
  constructor(private readonly inner: TxSubmitter) {}

  async submit(tx: Uint8Array, opts?: { timeoutMs?: number }): Promise<TxReceipt> {
    return await this.run(async () => await this.inner.submit(tx, opts))
  }

  /** Runs `fn` after every earlier submission of this terminal has finished. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.tail.then(fn, fn)
    this.tail = p.catch(() => undefined)
    return await p
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
