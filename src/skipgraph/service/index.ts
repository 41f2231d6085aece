// The skip graph as a node component (libp2p shell around the core). See service.ts.
import type { ComponentOptions } from '../../node/components.js'
import { SkipGraphService, optionsFromSettings } from './service.js'

export * from './service.js'
export { MemoryBlockStore, DatastoreBlockStore, BLOCK_PREFIX, type BlockStore } from './store.js'
export { encodeMsg, decodeMsg, MalformedError, MAX_SG_MESSAGE_BYTES } from './codec.js'
export { MAX_BLOCK_BYTES_WIRE, MAX_BLOCKS_FRAME_BYTES, MAX_HAS_HASHES } from './blocks-codec.js'

/** The 'skipgraph' component for buildComponents(): introducer = first reachable bootstrap peer
 * (none: a new graph, or, for a node that was in one before, the other genesis validators);
 * config.skipgraph (neighboursPerSide, redundancy), overridden by settings.skipgraph (also key
 * (hex), membershipVector (bits), tickMs, stabilizeMs, auditMs). */
export function skipgraphComponent(opts: ComponentOptions): SkipGraphService {
  const fromConfig = (opts.config?.skipgraph ?? {}) as Record<string, unknown>
  const o = optionsFromSettings(opts.bootstrap, { ...fromConfig, ...(opts.settings.skipgraph ?? {}) })
  // An introducer (no bootstrap peers) that restarts rejoins through the genesis validators.
  o.rejoin = (opts.genesis?.validators ?? []).map((v) => v.address)
  return new SkipGraphService(o)
}
