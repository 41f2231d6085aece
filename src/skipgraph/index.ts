// Public API of the skip-graph core (pure: no libp2p, no disk, no clock).
export * from './keys.js'
export * from './table.js'
export * from './search.js'
export * from './build.js'
export * from './placement.js'
export * from './messages.js'
export { SkipGraphNode, type NodeOptions, type NodeState } from './node.js'
export * from './identity.js'
