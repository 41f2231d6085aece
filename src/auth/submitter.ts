// How a node gets a transaction ordered by the validators and learns its outcome. Validators
// submit to their own consensus component; other nodes send the transaction to a validator over
// /gridauth/tx/1.0.0. Either way the receipt is self-verifying (header + commit certificate).
import type { BlockHeader, CommitCertificate } from '../ledger/index.js'

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
    const run = this.tail.then(async () => await this.inner.submit(tx, opts), async () => await this.inner.submit(tx, opts))
    this.tail = run.catch(() => undefined)
    return await run
  }
}
