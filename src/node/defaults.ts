// Defaults the CLI shows in its help without loading the node or its config parser.

/** Where a node listens when the operator names no address. */
export const DEFAULT_LISTEN = '/ip4/0.0.0.0/tcp/4001'
