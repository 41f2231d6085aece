// Puts committed blocks into the skip graph (paper B: blocks are stored on a few nodes chosen
// by placement, not everywhere). The validator that proposed a block publishes it to its
// replica set once it is committed; the replicas' own audits keep the copy count afterwards.
// The proposer may die between commit and publish (or its placement may time out), and then no
// node would ever hold the block: so every other validator checks, a little later, that the
// block has its copies, and publishes it itself if it has not (placement is idempotent). A block
// still short of copies (its replicas partitioned away, frozen or dead) is checked again every
// REPAIR_INTERVAL_MS for a few minutes, so a healed network gets its copies back.
// Each block goes out with its record annex (every record it touched, with its proof against
// the block's state root, built when the block was appended): readers find a terminal's latest
// record on the block's replicas instead of asking a validator.
import type { NodeComponent, NodeContext } from '../node/component.js'
import type { CommitEvent, LedgerComponent } from './ledger-component.js'
import type { SkipGraphService } from '../skipgraph/service/index.js'
import { encodeAnnex, encodeBlock, toHex, MAX_ANNEX_BYTES } from '../ledger/index.js'

/** How long the other validators give the proposer before checking a block's copies. */
export const BACKUP_PUBLISH_DELAY_MS = 5_000
/** Between two checks of a block still short of copies. */
export const REPAIR_INTERVAL_MS = 10_000
/** Checks of one block before it is left to the replicas' own audits. */
const REPAIR_ATTEMPTS = 30
/** Blocks under repair at once (a long partition commits many): the oldest are dropped first. */
const MAX_REPAIRING = 512

export class BlockPublisher implements NodeComponent {
  readonly name = 'block-publisher'
  private stopped = false
  /** Blocks waiting for their next copy check, by hex hash (insertion order: oldest first). */
  private readonly repairing = new Map<string, NodeJS.Timeout>()

  async start(ctx: NodeContext): Promise<void> {
    const ledger = ctx.component<LedgerComponent>('ledger')
    const sg = ctx.component<SkipGraphService>('skipgraph')
    if (ledger === undefined || sg === undefined) return
    const me = toHex(ctx.signingKey.publicKey)
    const log = ctx.logger('blocks')
    const publish = async (ev: CommitEvent): Promise<void> => {
      // An annex too big for the blocks protocol stays out: its readers ask the validators.
      const annex = encodeAnnex(ev.annex)
      await sg.publishBlock(encodeBlock(ev.block), annex.length <= MAX_ANNEX_BYTES ? annex : undefined)
        .then(() => {}, (err: Error) => log.warn('block not published', { height: ev.block.header!.height, error: err.message }))
    }
    /** Checks the block's copies after `delayMs`; publishes it if short, and checks again later. */
    const ensure = (ev: CommitEvent, delayMs: number, attempt: number): void => {
      const hash = toHex(ev.headerHash)
      const t = setTimeout(() => {
        this.repairing.delete(hash)
        if (this.stopped) return
        void (async () => {
          const c = await sg.copies(hash).catch(() => undefined)
          if (c !== undefined && c.copies >= c.expected) return
          if (attempt === 0 || attempt % 6 === 0) log.info('block under-replicated: publishing it', { height: ev.block.header!.height, copies: c?.copies ?? null, expected: c?.expected ?? null, attempt })
          await publish(ev)
          if (attempt + 1 < REPAIR_ATTEMPTS && !this.stopped) ensure(ev, REPAIR_INTERVAL_MS, attempt + 1)
        })()
      }, delayMs)
      t.unref()
      this.repairing.set(hash, t)
      if (this.repairing.size > MAX_REPAIRING) {
        const [oldest, timer] = this.repairing.entries().next().value!
        clearTimeout(timer)
        this.repairing.delete(oldest)
      }
    }
    ledger.onCommit((ev) => {
      if (this.stopped) return
      if (toHex(ev.block.header!.proposer) === me) {
        void publish(ev)
        ensure(ev, BACKUP_PUBLISH_DELAY_MS * 2, 1)
        return
      }
      ensure(ev, BACKUP_PUBLISH_DELAY_MS, 0)
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.repairing.values()) clearTimeout(t)
    this.repairing.clear()
  }
}
