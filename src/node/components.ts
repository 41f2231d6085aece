// Which components a node runs, from its start options. Each component is a thin libp2p/edge
// shell around a pure core (see ../../ARCHITECTURE in the shared docs); they start in this order.
import type { NodeComponent } from './component.js'
import type { NodeConfig } from './config.js'
import type { Genesis } from '../ledger/index.js'
import { LedgerComponent } from '../chain/ledger-component.js'
import { PbftComponent } from '../consensus/component.js'
import { ChainComponent } from '../chain/chain-component.js'
import { skipgraphComponent, verifyLedgerBlock } from '../skipgraph/service/index.js'
import { BlockPublisher } from '../chain/block-publisher.js'
import { readEnrollmentFile } from '../auth/terminal-state.js'
import { toHex, decodeBlock } from '../ledger/index.js'

/** A membership vector as the bit string the skip-graph settings take (MSB first). */
function bitsOf(mv: Uint8Array): string {
  return [...mv].map((b) => b.toString(2).padStart(8, '0')).join('')
}
import { AuthService } from '../auth/auth-service.js'
import { AdmissionGate } from '../admission/gate.js'
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
  let chain: ChainComponent | undefined
  if (_opts.genesis !== undefined) components.push(chain = new ChainComponent(_opts.genesis))
  const sgSettings = { ..._opts.settings }
  if (_opts.enrollment !== undefined) {
    // A terminal's place in the skip graph is the one its operator enrolled.
    const e = readEnrollmentFile(_opts.enrollment)
    // It is let into the skip graph once admitted (the gate below): join in the background.
    sgSettings.skipgraph = { key: toHex(e.skipKey), membershipVector: bitsOf(e.membershipVector), joinTimeoutMs: 0, ...(sgSettings.skipgraph ?? {}) }
  }
  const sg = skipgraphComponent({ ..._opts, settings: sgSettings })
  // Only blocks on the committed chain may be stored (checked against the node's own headers).
  if (chain !== undefined) {
    const c = chain
    sg.setBlockCheck(async (hash, bytes) => {
      if (!verifyLedgerBlock(hash, bytes)) return false
      const height = decodeBlock(bytes).header!.height
      if (await c.isCommitted(hash, height)) return true
      // A block pushed right after its commit may arrive before its header: catch up briefly.
      await c.waitForHeight(height, 3_000).catch(() => {})
      return await c.isCommitted(hash, height)
    })
    // A block's record annex is kept only if it checks against the block's certified header.
    sg.setAnnexCheck(async (hash, bytes) => await c.checkAnnex(hash, bytes))
  }
  if (_opts.genesis !== undefined) {
    // The skip graph and its blocks serve admitted peers only (registration and access stay open).
    const gate = new AdmissionGate(_opts.genesis)
    sg.setAuthorize(async (peer) => await gate.admits(peer))
    components.push(gate)
  }
  components.push(sg)
  if (_opts.genesis !== undefined && _opts.config?.role === 'validator') components.push(new BlockPublisher())
  if (_opts.genesis !== undefined) {
    components.push(new AuthService({ genesis: _opts.genesis, enrollmentFile: _opts.enrollment, submitter: consensusSubmitter(_opts.genesis) }))
  }
  return components
}
