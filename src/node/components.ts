// Which components a node runs, from its start options. Each component is a thin libp2p/edge
// shell around a pure core (see ../../ARCHITECTURE in the shared docs); they start in this order.
import type { NodeComponent } from './component.js'
import type { NodeConfig } from './config.js'
import type { Genesis } from '../ledger/index.js'
import { LedgerComponent } from '../chain/ledger-component.js'
import { PbftComponent } from '../consensus/component.js'
import { ChainComponent } from '../chain/chain-component.js'
import { skipgraphComponent } from '../skipgraph/service/index.js'
import { AuthService } from '../auth/auth-service.js'
import { consensusSubmitter } from '../auth/submitter.js'

export interface ComponentOptions {
  /** Operator-given bootstrap multiaddrs; the first reachable one is the skip-graph introducer. */
  bootstrap: string[]
  /** Extra per-component settings from flags/config (component name -> settings). */
  settings: Record<string, Record<string, unknown>>
  /** The node's validated configuration. */
  config?: NodeConfig
  /** The network's genesis, when the node belongs to one (config `genesis`). */
  genesis?: Genesis
  /** A terminal's enrollment file from `gridauth enroll` (needed once, on its first start). */
  enrollment?: string
}

export function buildComponents(_opts: ComponentOptions): NodeComponent[] {
  const components: NodeComponent[] = []
  // Validators (and other full nodes) keep the whole ledger; everyone else follows headers.
  if (_opts.genesis !== undefined && _opts.config?.role === 'validator') {
    components.push(new LedgerComponent(_opts.genesis))
    components.push(new PbftComponent(_opts.genesis))
  }
  if (_opts.genesis !== undefined) components.push(new ChainComponent(_opts.genesis))
  components.push(skipgraphComponent(_opts))
  if (_opts.genesis !== undefined) {
    components.push(new AuthService({ genesis: _opts.genesis, enrollmentFile: _opts.enrollment, submitter: consensusSubmitter(_opts.genesis) }))
  }
  return components
}
