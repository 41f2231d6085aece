// Puts committed blocks into the skip graph (paper B: blocks are stored on a few nodes chosen
// by placement, not everywhere). The validator that proposed a block publishes it to its
// replica set once it is committed; the replicas' own audits keep the copy count afterwards.
import type { NodeComponent, NodeContext } from '../node/component.js'
import type { LedgerComponent } from './ledger-component.js'
import type { SkipGraphService } from '../skipgraph/service/index.js'
import { encodeBlock, toHex } from '../ledger/index.js'

export class BlockPublisher implements NodeComponent {
  readonly name = 'block-publisher'
  private stopped = false

  async start(ctx: NodeContext): Promise<void> {
    const ledger = ctx.component<LedgerComponent>('ledger')
    const sg = ctx.component<SkipGraphService>('skipgraph')
    if (ledger === undefined || sg === undefined) return
    const me = toHex(ctx.signingKey.publicKey)
    const log = ctx.logger('blocks')
    ledger.onCommit((ev) => {
      if (this.stopped || toHex(ev.block.header!.proposer) !== me) return
      sg.publishBlock(encodeBlock(ev.block)).catch((err: Error) => log.warn('block not published', { height: ev.block.header!.height, error: err.message }))
    })
  }

  async stop(): Promise<void> {
    this.stopped = true
  }
}
