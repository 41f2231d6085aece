// Which components a node runs, from its start options. Each component is a thin libp2p/edge
// shell around a pure core (see ../../ARCHITECTURE in the shared docs); they start in this order.
import type { NodeComponent } from './component.js'
import { skipgraphComponent } from '../skipgraph/service/index.js'

export interface ComponentOptions {
  /** Operator-given bootstrap multiaddrs; the first reachable one is the skip-graph introducer. */
  bootstrap: string[]
  /** Extra per-component settings from flags/config (component name -> settings). */
  settings: Record<string, Record<string, unknown>>
}

export function buildComponents(_opts: ComponentOptions): NodeComponent[] {
  const components: NodeComponent[] = []
  components.push(skipgraphComponent(_opts))
  return components
}
