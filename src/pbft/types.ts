// Public types of the sans-IO PBFT replica core: messages, events, actions and the injected
// application / crypto interfaces. Nothing here touches a clock, randomness, disk or network.

export type ReplicaId = number

/**
 * A client (terminal) request. Its id is (epoch, counter), compared lexicographically.
 * De-duplication contract: a replica applies a request only if its id is strictly greater than
 * the last id applied for that client; a retry of the last id gets the cached reply; older ids are
 * dropped. A terminal that reboots starts a new epoch: the epoch is a persisted boot counter
 * (incremented and flushed before the first request of the boot) or, on terminals without
 * durable storage, the boot time in milliseconds from a monotonic-across-reboots clock. Either
 * way a rebooted terminal's ids are larger than anything it sent before (so it is never locked
 * out) and a replayed old request is never applied again (so it cannot replay). The request is
 * signed by the terminal (checked by `PbftApp.verifyRequest`), so nobody else can mint ids for it.
 */
export interface ClientRequest {
  readonly client: string
  readonly epoch: number
  readonly counter: number
  readonly op: Uint8Array
  readonly sig: Uint8Array
}

/** A proposed / committed block. Its hash (= the PBFT digest) covers every field; `root` covers `requests`. */
export interface Block {
  readonly height: number
  readonly prevHash: Uint8Array
  /** Proposer replica, or -1 for a null block (gap filler from a NEW-VIEW). */
  readonly proposer: number
  /** Proposer's VRF proof over alpha(height, seed(height)); empty for a null block. */
  readonly vrfProof: Uint8Array
  /** VRF output (= seed of height+1); for a null block H("null-seed" || seed(height)). */
  readonly nextSeed: Uint8Array
  /** app.digest(requests) (Merkle root of the batch). */
  readonly root: Uint8Array
  readonly requests: readonly ClientRequest[]
  /**
   * Opaque application header (in the node: the encoded ledger BlockHeader built by the proposer
   * with `PbftApp.propose`), covered by the block hash. Absent/empty for null blocks and the toy app.
   */
  readonly app?: Uint8Array
}

export interface Vote {
  readonly replica: ReplicaId
  readonly sig: Uint8Array
  /** Application commit signature carried by the COMMIT (the ledger commit signature in the node). */
  readonly ext?: Uint8Array
}

/** 2f+1 COMMIT signatures of one view over (height, digest): any node can check a block with it. */
export interface CommitCertificate {
  readonly height: number
  readonly view: number
  readonly digest: Uint8Array
  readonly votes: readonly Vote[]
}

/** A block and 2f+1 PREPARE signatures of one view. */
export interface PreparedCertificate {
  readonly view: number
  readonly height: number
  readonly block: Block
  readonly votes: readonly Vote[]
}

export interface CheckpointMsg {
  readonly type: 'checkpoint'
  readonly height: number
  readonly blockHash: Uint8Array
  readonly nextSeed: Uint8Array
  readonly stateDigest: Uint8Array
  readonly sender: ReplicaId
  readonly sig: Uint8Array
}

/** A checkpoint with its proof (2f+1 matching CHECKPOINT messages; empty for genesis). */
export interface StableCheckpoint {
  readonly height: number
  readonly blockHash: Uint8Array
  readonly nextSeed: Uint8Array
  readonly stateDigest: Uint8Array
  readonly proof: readonly CheckpointMsg[]
}

export interface PrePrepareMsg {
  readonly type: 'preprepare'
  readonly view: number
  readonly height: number
  readonly digest: Uint8Array
  readonly block: Block
  readonly sender: ReplicaId
  readonly sig: Uint8Array
}
export interface PrepareMsg {
  readonly type: 'prepare'
  readonly view: number
  readonly height: number
  readonly digest: Uint8Array
  readonly sender: ReplicaId
  readonly sig: Uint8Array
}
export interface CommitMsg {
  readonly type: 'commit'
  readonly view: number
  readonly height: number
  readonly digest: Uint8Array
  readonly sender: ReplicaId
  readonly sig: Uint8Array
  /** `PbftCrypto.commitExt(block)` of the sender (the ledger commit signature), if the app uses one. */
  readonly ext?: Uint8Array
}
export interface ViewChangeMsg {
  readonly type: 'viewchange'
  /** The view the sender wants to move to. */
  readonly view: number
  readonly checkpoint: StableCheckpoint
  /** Highest-view prepared certificate for every height above the checkpoint. */
  readonly prepared: readonly PreparedCertificate[]
  readonly sender: ReplicaId
  readonly sig: Uint8Array
}
export interface NewViewMsg {
  readonly type: 'newview'
  readonly view: number
  /** Exactly 2f+1 VIEW-CHANGEs for `view` from distinct replicas. */
  readonly viewChanges: readonly ViewChangeMsg[]
  /** Digests of the re-proposals O for heights minS+1..maxS, recomputed and checked by every backup. */
  readonly digests: readonly Uint8Array[]
  readonly sender: ReplicaId
  readonly sig: Uint8Array
}
/** Unsigned hint: drives catch-up and retransmission of VIEW-CHANGE / NEW-VIEW. */
export interface StatusMsg {
  readonly type: 'status'
  readonly view: number
  readonly normal: boolean
  readonly height: number
  readonly sender: ReplicaId
}
export interface FetchMsg {
  readonly type: 'fetch'
  readonly from: number
  readonly sender: ReplicaId
}
/** Committed blocks, each verified by the receiver against its 2f+1 commit certificate. */
export interface BlocksMsg {
  readonly type: 'blocks'
  readonly blocks: readonly { readonly block: Block; readonly cert: CommitCertificate }[]
  readonly sender: ReplicaId
}
/** State at a stable checkpoint, verified by the receiver against the checkpoint's 2f+1 proof. */
export interface SnapshotMsg {
  readonly type: 'snapshot'
  readonly checkpoint: StableCheckpoint
  readonly exec: ExecState
  readonly app: Uint8Array
  readonly sender: ReplicaId
}

export type Message =
  | PrePrepareMsg | PrepareMsg | CommitMsg | CheckpointMsg | ViewChangeMsg | NewViewMsg
  | StatusMsg | FetchMsg | BlocksMsg | SnapshotMsg

export interface ClientRecord {
  readonly epoch: number
  readonly counter: number
  readonly height: number
  readonly result: Uint8Array
}

/** Replicated execution state owned by the core (besides the app's own state). */
export interface ExecState {
  readonly height: number
  readonly headHash: Uint8Array
  readonly nextSeed: Uint8Array
  /** Per client: last applied request id and its cached reply; sorted by client. */
  readonly clients: readonly (readonly [string, ClientRecord])[]
}

export interface Reply {
  readonly client: string
  readonly epoch: number
  readonly counter: number
  readonly height: number
  readonly result: Uint8Array
  readonly replica: ReplicaId
}

export type TimerName = 'view' | 'batch' | 'status'

export type Event =
  /** Call once after construction or restore: arms the periodic timers. */
  | { readonly type: 'start' }
  /** `from` is the authenticated channel peer; signed messages are checked by signature. */
  | { readonly type: 'message'; readonly from: ReplicaId; readonly msg: Message }
  | { readonly type: 'request'; readonly req: ClientRequest }
  | { readonly type: 'timer'; readonly timer: TimerName }

/**
 * Actions, to be carried out by the shell strictly in the order given: a `persist` must be durable
 * before any later action of the same batch is performed (the sends after it depend on it).
 * `commit` is a durable write too: the shell stores the block, certificate and the app state that
 * `PbftApp.execute` produced atomically with the `persist` batch that follows it (the one writing key 'exec'); re-delivery of
 * an already stored height (same hash) after a crash must be ignored.
 */
export type Action =
  /** One atomic batch of key/value writes; a `null` value deletes the key. */
  | { readonly type: 'persist'; readonly writes: readonly (readonly [string, unknown])[] }
  | { readonly type: 'send'; readonly to: ReplicaId; readonly msg: Message }
  | { readonly type: 'broadcast'; readonly msg: Message }
  | { readonly type: 'reply'; readonly reply: Reply }
  | { readonly type: 'setTimer'; readonly timer: TimerName; readonly ms: number }
  | { readonly type: 'cancelTimer'; readonly timer: TimerName }
  | {
    readonly type: 'commit'
    readonly block: Block
    readonly cert: CommitCertificate
    /** Requests actually applied (after per-client de-duplication), with the app's results. */
    readonly applied: readonly ClientRequest[]
    readonly results: readonly Uint8Array[]
  }
  /** State transfer happened: the app was restored from a verified snapshot at `height`. */
  | { readonly type: 'installedSnapshot'; readonly height: number }

/**
 * The replicated application. Deterministic; called synchronously by the core. In the node this is
 * the ledger (apply(state, block), state root), in tests a toy state machine.
 */
export interface PbftApp {
  /** Merkle root of a batch. */
  digest(requests: readonly ClientRequest[]): Uint8Array
  /** Client signature and well-formedness. */
  verifyRequest(req: ClientRequest): boolean
  /**
   * Extra validity rules for a proposal (true, or the reason it is rejected). `'defer'` means the
   * app cannot judge yet (e.g. it has no state for the parent): the candidate is kept and retried
   * after the next execution progress.
   */
  validateProposal(height: number, prevHash: Uint8Array, requests: readonly ClientRequest[], block?: Block): true | string
  /**
   * Optional: the application header of a block the primary is about to propose (returned bytes go
   * in `Block.app`), or null when it cannot build one yet (proposal retried on the next progress).
   */
  propose?(p: {
    height: number, view: number, prevHash: Uint8Array, prevSeed: Uint8Array, proposer: number,
    vrfProof: Uint8Array, nextSeed: Uint8Array, root: Uint8Array, requests: readonly ClientRequest[]
  }): Uint8Array | null
  /** Applies de-duplicated requests of committed block `height`; returns one result per request. */
  execute(height: number, blockHash: Uint8Array, requests: readonly ClientRequest[], block?: Block): Uint8Array[]
  /** Canonical digest of the current app state. */
  stateDigest(): Uint8Array
  snapshot(): Uint8Array
  /** Digest of a snapshot without installing it (null if malformed). */
  snapshotDigest(snapshot: Uint8Array): Uint8Array | null
  restore(snapshot: Uint8Array): void
}

/** Injected signatures and VRF (Ed25519 signDomain/verifyDomain and ECVRF in the node). */
export interface PbftCrypto {
  sign(bytes: Uint8Array): Uint8Array
  verify(replica: ReplicaId, bytes: Uint8Array, sig: Uint8Array): boolean
  vrfProve(alpha: Uint8Array): { proof: Uint8Array; output: Uint8Array }
  /** Returns the VRF output if `proof` is valid for `replica` over `alpha`, else null. */
  vrfVerify(replica: ReplicaId, alpha: Uint8Array, proof: Uint8Array): Uint8Array | null
  /**
   * Optional second, application-level commit signature carried by every COMMIT (the node: the
   * ledger commit signature over the block's header, so the 2f+1 COMMITs of the commit quorum
   * also form the ledger's CommitCertificate). Votes whose ext does not verify are not counted.
   */
  commitExt?(block: Block): Uint8Array
  verifyCommitExt?(replica: ReplicaId, block: Block, ext: Uint8Array): boolean
}

export interface PbftConfig {
  readonly n: number
  readonly id: ReplicaId
  readonly genesisHash: Uint8Array
  readonly genesisSeed: Uint8Array
  /** K: checkpoint every K heights. */
  readonly checkpointInterval: number
  /** L: pre-prepares are accepted for heights in (low, low + L]. Must be >= 2K. */
  readonly watermarkWindow: number
  readonly maxBatch: number
  /** Batching window in ms (0: propose as soon as a request is available). */
  readonly batchDelay: number
  readonly viewTimeout: number
  readonly maxViewTimeout: number
  readonly statusInterval: number
  /** Future-view messages kept for later (bounded). */
  readonly maxBuffered: number
  /** Max blocks per BLOCKS reply. */
  readonly fetchBatch: number
  /**
   * Byte budget of a BLOCKS reply, estimated from the blocks' request sizes (op + sig) plus a fixed
   * allowance per block for header and certificate; a reply always holds at least one block.
   * Default FETCH_MAX_BYTES.
   */
  readonly fetchMaxBytes?: number
  /** Committed blocks kept (and served to lagging replicas) below the stable checkpoint; default K. */
  readonly historyRetention?: number
  /**
   * Byte budget (estimated as for fetchMaxBytes) of the committed blocks kept in memory below the
   * stable checkpoint's window: beyond it the oldest are dropped even within historyRetention, and a
   * replica that far behind is sent a SNAPSHOT instead. Default HISTORY_MAX_BYTES.
   */
  readonly historyMaxBytes?: number
}

export const DEFAULT_CONFIG = {
  checkpointInterval: 16,
  watermarkWindow: 64,
  maxBatch: 1024,
  batchDelay: 0,
  viewTimeout: 1000,
  maxViewTimeout: 8000,
  statusInterval: 250,
  maxBuffered: 4096,
  fetchBatch: 64,
} as const

/** Default byte budget of a BLOCKS reply (PbftConfig.fetchMaxBytes). */
export const FETCH_MAX_BYTES = 4 << 20

/**
 * Default byte budget of the committed blocks a replica keeps for lagging peers
 * (PbftConfig.historyMaxBytes). The heap they take is 2-3x this estimate (measured on a validator
 * of the node: 8.3 MB for a history the estimate put under 4 MiB).
 */
export const HISTORY_MAX_BYTES = 1 << 20

/** Durable replica state as a key/value map (see `persist` actions). */
export type PersistedState = ReadonlyMap<string, unknown>
