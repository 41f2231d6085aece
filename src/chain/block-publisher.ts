// Puts committed blocks into the skip graph (paper B: blocks are stored on a few nodes chosen
// by placement, not everywhere). The validator that proposed a block publishes it to its
// replica set once it is committed; the replicas' own audits keep the copy count afterwards.
// The proposer may die between commit and publish (or its placement may time out), and then no
// node would ever hold the block: so every other validator checks, a little later, that the
// block has its copies, and publishes it itself if it has not (placement is idempotent).
// Each block goes out with its record annex (every record it touched, with its proof against
// the block's state root, built when the block was appended): readers find a terminal's latest
// record on the block's replicas instead of asking a validator.
import type { NodeComponent, NodeContext } from '../node/component.js'
import type { LedgerComponent } from './ledger-component.js'
import type { SkipGraphService } from '../skipgraph/service/index.js'
import { encodeAnnex, encodeBlock, headerHash, toHex, MAX_ANNEX_BYTES, type Block, type RecordAnnex } from '../ledger/index.js'

/** How long the other validators give the proposer before checking a block's copies. */
export const BACKUP_PUBLISH_DELAY_MS = 5_000

export class BlockPublisher implements NodeComponent {
  readonly name = 'block-publisher'
  private stopped = false
  private readonly timers = new Set<NodeJS.Timeout>()

  async start(ctx: NodeContext): Promise<void> {
    const ledger = ctx.component<LedgerComponent>('ledger')
    const sg = ctx.component<SkipGraphService>('skipgraph')
    if (ledger === undefined || sg === undefined) return
    const me = toHex(ctx.signingKey.publicKey)
    const log = ctx.logger('blocks')
    const publish = (block: Block, annex: RecordAnnex): void => {
      const a = encodeAnnex(annex)
      // An annex too big for the blocks protocol stays out: its readers ask the validators.
      sg.publishBlock(encodeBlock(block), a.length <= MAX_ANNEX_BYTES ? a : undefined).catch((err: Error) => log.warn('block not published', { height: block.header!.height, error: err.message }))
    }
    ledger.onCommit((ev) => {
      if (this.stopped) return
      if (toHex(ev.block.header!.proposer) === me) return publish(ev.block, ev.annex)
      const t = setTimeout(() => {
        this.timers.delete(t)
        if (this.stopped) return
        sg.copies(toHex(headerHash(ev.block.header!))).then((c) => {
          if (c.copies >= c.expected) return
          log.info('block under-replicated after commit: publishing it', { height: ev.block.header!.height, copies: c.copies, expected: c.expected })
          publish(ev.block, ev.annex)
        }, () => publish(ev.block, ev.annex))
      }, BACKUP_PUBLISH_DELAY_MS)
      t.unref()
      this.timers.add(t)
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}
