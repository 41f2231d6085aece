import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface PRequest {
  client: string
  epoch: number
  counter: number
  op: Uint8Array<ArrayBuffer>
  sig: Uint8Array<ArrayBuffer>
}

export namespace PRequest {
  let _codec: Codec<PRequest>

  export const codec = (): Codec<PRequest> => {
    if (_codec == null) {
      _codec = message<PRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.client != null && obj.client !== '')) {
          w.uint32(10)
          w.string(obj.client)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.counter)
        }

        if ((obj.op != null && obj.op.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.op)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.sig)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          client: '',
          epoch: 0,
          counter: 0,
          op: uint8ArrayAlloc(0),
          sig: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.client = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.counter = reader.uint64Number()
              break
            }
            case 4: {
              obj.op = reader.bytes()
              break
            }
            case 5: {
              obj.sig = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.client`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.op`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PRequestClientFieldEvent {
    field: '$.client'
    value: string
  }

  export interface PRequestEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface PRequestCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface PRequestOpFieldEvent {
    field: '$.op'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PRequestSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PRequest>): PRequest {
    return decodeMessage(buf, PRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PRequest>): Generator<PRequestClientFieldEvent | PRequestEpochFieldEvent | PRequestCounterFieldEvent | PRequestOpFieldEvent | PRequestSigFieldEvent> {
    return streamMessage(buf, PRequest.codec(), opts)
  }
}

export interface PBlock {
  height: number
  prevHash: Uint8Array<ArrayBuffer>
  proposer: number
  vrfProof: Uint8Array<ArrayBuffer>
  nextSeed: Uint8Array<ArrayBuffer>
  root: Uint8Array<ArrayBuffer>
  requests: PRequest[]
  app: Uint8Array<ArrayBuffer>
}

export namespace PBlock {
  let _codec: Codec<PBlock>

  export const codec = (): Codec<PBlock> => {
    if (_codec == null) {
      _codec = message<PBlock>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.height)
        }

        if ((obj.prevHash != null && obj.prevHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.prevHash)
        }

        if ((obj.proposer != null && obj.proposer !== 0)) {
          w.uint32(24)
          w.sint32(obj.proposer)
        }

        if ((obj.vrfProof != null && obj.vrfProof.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.vrfProof)
        }

        if ((obj.nextSeed != null && obj.nextSeed.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.nextSeed)
        }

        if ((obj.root != null && obj.root.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.root)
        }

        if (obj.requests != null && obj.requests.length > 0) {
          for (const value of obj.requests) {
            w.uint32(58)
            PRequest.codec().encode(value, w)
          }
        }

        if ((obj.app != null && obj.app.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.app)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          prevHash: uint8ArrayAlloc(0),
          proposer: 0,
          vrfProof: uint8ArrayAlloc(0),
          nextSeed: uint8ArrayAlloc(0),
          root: uint8ArrayAlloc(0),
          requests: [],
          app: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.height = reader.uint64Number()
              break
            }
            case 2: {
              obj.prevHash = reader.bytes()
              break
            }
            case 3: {
              obj.proposer = reader.sint32()
              break
            }
            case 4: {
              obj.vrfProof = reader.bytes()
              break
            }
            case 5: {
              obj.nextSeed = reader.bytes()
              break
            }
            case 6: {
              obj.root = reader.bytes()
              break
            }
            case 7: {
              if (opts.limits?.requests != null && obj.requests.length === opts.limits.requests) {
                throw new MaxLengthError('Decode error - repeated field "requests" had too many elements')
              }

              obj.requests.push(PRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.requests$
              }))
              break
            }
            case 8: {
              obj.app = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          requests: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.prevHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.proposer`,
                value: reader.sint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.vrfProof`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.nextSeed`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.root`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              if (opts.limits?.requests != null && obj.requests === opts.limits.requests) {
                throw new MaxLengthError('Streaming decode error - repeated field "requests" had too many elements')
              }

              for (const evt of PRequest.codec().stream(reader, reader.uint32(), `${prefix}.requests[]`, {
                limits: opts.limits?.requests$
              })) {
                yield {
                  ...evt,
                  index: obj.requests
                }
              }

              obj.requests++

              break
            }
            case 8: {
              yield {
                field: `${prefix}.app`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PBlockHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PBlockPrevHashFieldEvent {
    field: '$.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PBlockProposerFieldEvent {
    field: '$.proposer'
    value: number
  }

  export interface PBlockVrfProofFieldEvent {
    field: '$.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PBlockNextSeedFieldEvent {
    field: '$.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PBlockRootFieldEvent {
    field: '$.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PBlockRequestsClientFieldEvent {
    field: '$.requests[].client'
    value: string
    index: number
  }

  export interface PBlockRequestsEpochFieldEvent {
    field: '$.requests[].epoch'
    value: number
    index: number
  }

  export interface PBlockRequestsCounterFieldEvent {
    field: '$.requests[].counter'
    value: number
    index: number
  }

  export interface PBlockRequestsOpFieldEvent {
    field: '$.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlockRequestsSigFieldEvent {
    field: '$.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlockAppFieldEvent {
    field: '$.app'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PBlock>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PBlock.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBlock>): PBlock {
    return decodeMessage(buf, PBlock.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBlock>): Generator<PBlockHeightFieldEvent | PBlockPrevHashFieldEvent | PBlockProposerFieldEvent | PBlockVrfProofFieldEvent | PBlockNextSeedFieldEvent | PBlockRootFieldEvent | PBlockRequestsClientFieldEvent | PBlockRequestsEpochFieldEvent | PBlockRequestsCounterFieldEvent | PBlockRequestsOpFieldEvent | PBlockRequestsSigFieldEvent | PBlockAppFieldEvent> {
    return streamMessage(buf, PBlock.codec(), opts)
  }
}

export interface PVote {
  replica: number
  sig: Uint8Array<ArrayBuffer>
  ext: Uint8Array<ArrayBuffer>
}

export namespace PVote {
  let _codec: Codec<PVote>

  export const codec = (): Codec<PVote> => {
    if (_codec == null) {
      _codec = message<PVote>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.replica != null && obj.replica !== 0)) {
          w.uint32(8)
          w.uint32(obj.replica)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.sig)
        }

        if ((obj.ext != null && obj.ext.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.ext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          replica: 0,
          sig: uint8ArrayAlloc(0),
          ext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.replica = reader.uint32()
              break
            }
            case 2: {
              obj.sig = reader.bytes()
              break
            }
            case 3: {
              obj.ext = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.replica`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.ext`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PVoteReplicaFieldEvent {
    field: '$.replica'
    value: number
  }

  export interface PVoteSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PVoteExtFieldEvent {
    field: '$.ext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PVote>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PVote.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVote>): PVote {
    return decodeMessage(buf, PVote.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVote>): Generator<PVoteReplicaFieldEvent | PVoteSigFieldEvent | PVoteExtFieldEvent> {
    return streamMessage(buf, PVote.codec(), opts)
  }
}

export interface PCommitCert {
  height: number
  view: number
  digest: Uint8Array<ArrayBuffer>
  votes: PVote[]
}

export namespace PCommitCert {
  let _codec: Codec<PCommitCert>

  export const codec = (): Codec<PCommitCert> => {
    if (_codec == null) {
      _codec = message<PCommitCert>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.height)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.view)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.digest)
        }

        if (obj.votes != null && obj.votes.length > 0) {
          for (const value of obj.votes) {
            w.uint32(34)
            PVote.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          view: 0,
          digest: uint8ArrayAlloc(0),
          votes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.height = reader.uint64Number()
              break
            }
            case 2: {
              obj.view = reader.uint64Number()
              break
            }
            case 3: {
              obj.digest = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.votes != null && obj.votes.length === opts.limits.votes) {
                throw new MaxLengthError('Decode error - repeated field "votes" had too many elements')
              }

              obj.votes.push(PVote.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.votes$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          votes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.votes != null && obj.votes === opts.limits.votes) {
                throw new MaxLengthError('Streaming decode error - repeated field "votes" had too many elements')
              }

              for (const evt of PVote.codec().stream(reader, reader.uint32(), `${prefix}.votes[]`, {
                limits: opts.limits?.votes$
              })) {
                yield {
                  ...evt,
                  index: obj.votes
                }
              }

              obj.votes++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PCommitCertHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PCommitCertViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PCommitCertDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCommitCertVotesReplicaFieldEvent {
    field: '$.votes[].replica'
    value: number
    index: number
  }

  export interface PCommitCertVotesSigFieldEvent {
    field: '$.votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PCommitCertVotesExtFieldEvent {
    field: '$.votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PCommitCert>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PCommitCert.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCommitCert>): PCommitCert {
    return decodeMessage(buf, PCommitCert.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCommitCert>): Generator<PCommitCertHeightFieldEvent | PCommitCertViewFieldEvent | PCommitCertDigestFieldEvent | PCommitCertVotesReplicaFieldEvent | PCommitCertVotesSigFieldEvent | PCommitCertVotesExtFieldEvent> {
    return streamMessage(buf, PCommitCert.codec(), opts)
  }
}

export interface PPreparedCert {
  view: number
  height: number
  block?: PBlock
  votes: PVote[]
}

export namespace PPreparedCert {
  let _codec: Codec<PPreparedCert>

  export const codec = (): Codec<PPreparedCert> => {
    if (_codec == null) {
      _codec = message<PPreparedCert>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.height)
        }

        if (obj.block != null) {
          w.uint32(26)
          PBlock.codec().encode(obj.block, w)
        }

        if (obj.votes != null && obj.votes.length > 0) {
          for (const value of obj.votes) {
            w.uint32(34)
            PVote.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          height: 0,
          votes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.height = reader.uint64Number()
              break
            }
            case 3: {
              obj.block = PBlock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.block
              })
              break
            }
            case 4: {
              if (opts.limits?.votes != null && obj.votes.length === opts.limits.votes) {
                throw new MaxLengthError('Decode error - repeated field "votes" had too many elements')
              }

              obj.votes.push(PVote.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.votes$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          votes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield * PBlock.codec().stream(reader, reader.uint32(), `${prefix}.block`, {
                limits: opts.limits?.block
              })

              break
            }
            case 4: {
              if (opts.limits?.votes != null && obj.votes === opts.limits.votes) {
                throw new MaxLengthError('Streaming decode error - repeated field "votes" had too many elements')
              }

              for (const evt of PVote.codec().stream(reader, reader.uint32(), `${prefix}.votes[]`, {
                limits: opts.limits?.votes$
              })) {
                yield {
                  ...evt,
                  index: obj.votes
                }
              }

              obj.votes++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PPreparedCertViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PPreparedCertHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PPreparedCertBlockHeightFieldEvent {
    field: '$.block.height'
    value: number
  }

  export interface PPreparedCertBlockPrevHashFieldEvent {
    field: '$.block.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPreparedCertBlockProposerFieldEvent {
    field: '$.block.proposer'
    value: number
  }

  export interface PPreparedCertBlockVrfProofFieldEvent {
    field: '$.block.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPreparedCertBlockNextSeedFieldEvent {
    field: '$.block.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPreparedCertBlockRootFieldEvent {
    field: '$.block.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPreparedCertBlockRequestsClientFieldEvent {
    field: '$.block.requests[].client'
    value: string
    index: number
  }

  export interface PPreparedCertBlockRequestsEpochFieldEvent {
    field: '$.block.requests[].epoch'
    value: number
    index: number
  }

  export interface PPreparedCertBlockRequestsCounterFieldEvent {
    field: '$.block.requests[].counter'
    value: number
    index: number
  }

  export interface PPreparedCertBlockRequestsOpFieldEvent {
    field: '$.block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PPreparedCertBlockRequestsSigFieldEvent {
    field: '$.block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PPreparedCertBlockAppFieldEvent {
    field: '$.block.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPreparedCertVotesReplicaFieldEvent {
    field: '$.votes[].replica'
    value: number
    index: number
  }

  export interface PPreparedCertVotesSigFieldEvent {
    field: '$.votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PPreparedCertVotesExtFieldEvent {
    field: '$.votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PPreparedCert>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PPreparedCert.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PPreparedCert>): PPreparedCert {
    return decodeMessage(buf, PPreparedCert.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PPreparedCert>): Generator<PPreparedCertViewFieldEvent | PPreparedCertHeightFieldEvent | PPreparedCertBlockHeightFieldEvent | PPreparedCertBlockPrevHashFieldEvent | PPreparedCertBlockProposerFieldEvent | PPreparedCertBlockVrfProofFieldEvent | PPreparedCertBlockNextSeedFieldEvent | PPreparedCertBlockRootFieldEvent | PPreparedCertBlockRequestsClientFieldEvent | PPreparedCertBlockRequestsEpochFieldEvent | PPreparedCertBlockRequestsCounterFieldEvent | PPreparedCertBlockRequestsOpFieldEvent | PPreparedCertBlockRequestsSigFieldEvent | PPreparedCertBlockAppFieldEvent | PPreparedCertVotesReplicaFieldEvent | PPreparedCertVotesSigFieldEvent | PPreparedCertVotesExtFieldEvent> {
    return streamMessage(buf, PPreparedCert.codec(), opts)
  }
}

export interface PCheckpoint {
  height: number
  blockHash: Uint8Array<ArrayBuffer>
  nextSeed: Uint8Array<ArrayBuffer>
  stateDigest: Uint8Array<ArrayBuffer>
  sender: number
  sig: Uint8Array<ArrayBuffer>
}

export namespace PCheckpoint {
  let _codec: Codec<PCheckpoint>

  export const codec = (): Codec<PCheckpoint> => {
    if (_codec == null) {
      _codec = message<PCheckpoint>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.height)
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.blockHash)
        }

        if ((obj.nextSeed != null && obj.nextSeed.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nextSeed)
        }

        if ((obj.stateDigest != null && obj.stateDigest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.stateDigest)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(40)
          w.uint32(obj.sender)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.sig)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          blockHash: uint8ArrayAlloc(0),
          nextSeed: uint8ArrayAlloc(0),
          stateDigest: uint8ArrayAlloc(0),
          sender: 0,
          sig: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.height = reader.uint64Number()
              break
            }
            case 2: {
              obj.blockHash = reader.bytes()
              break
            }
            case 3: {
              obj.nextSeed = reader.bytes()
              break
            }
            case 4: {
              obj.stateDigest = reader.bytes()
              break
            }
            case 5: {
              obj.sender = reader.uint32()
              break
            }
            case 6: {
              obj.sig = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nextSeed`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.stateDigest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PCheckpointHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PCheckpointBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCheckpointNextSeedFieldEvent {
    field: '$.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCheckpointStateDigestFieldEvent {
    field: '$.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCheckpointSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export interface PCheckpointSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PCheckpoint>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PCheckpoint.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCheckpoint>): PCheckpoint {
    return decodeMessage(buf, PCheckpoint.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCheckpoint>): Generator<PCheckpointHeightFieldEvent | PCheckpointBlockHashFieldEvent | PCheckpointNextSeedFieldEvent | PCheckpointStateDigestFieldEvent | PCheckpointSenderFieldEvent | PCheckpointSigFieldEvent> {
    return streamMessage(buf, PCheckpoint.codec(), opts)
  }
}

export interface PStable {
  height: number
  blockHash: Uint8Array<ArrayBuffer>
  nextSeed: Uint8Array<ArrayBuffer>
  stateDigest: Uint8Array<ArrayBuffer>
  proof: PCheckpoint[]
}

export namespace PStable {
  let _codec: Codec<PStable>

  export const codec = (): Codec<PStable> => {
    if (_codec == null) {
      _codec = message<PStable>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.height)
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.blockHash)
        }

        if ((obj.nextSeed != null && obj.nextSeed.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nextSeed)
        }

        if ((obj.stateDigest != null && obj.stateDigest.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.stateDigest)
        }

        if (obj.proof != null && obj.proof.length > 0) {
          for (const value of obj.proof) {
            w.uint32(42)
            PCheckpoint.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          blockHash: uint8ArrayAlloc(0),
          nextSeed: uint8ArrayAlloc(0),
          stateDigest: uint8ArrayAlloc(0),
          proof: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.height = reader.uint64Number()
              break
            }
            case 2: {
              obj.blockHash = reader.bytes()
              break
            }
            case 3: {
              obj.nextSeed = reader.bytes()
              break
            }
            case 4: {
              obj.stateDigest = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.proof != null && obj.proof.length === opts.limits.proof) {
                throw new MaxLengthError('Decode error - repeated field "proof" had too many elements')
              }

              obj.proof.push(PCheckpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          proof: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nextSeed`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.stateDigest`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              if (opts.limits?.proof != null && obj.proof === opts.limits.proof) {
                throw new MaxLengthError('Streaming decode error - repeated field "proof" had too many elements')
              }

              for (const evt of PCheckpoint.codec().stream(reader, reader.uint32(), `${prefix}.proof[]`, {
                limits: opts.limits?.proof$
              })) {
                yield {
                  ...evt,
                  index: obj.proof
                }
              }

              obj.proof++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PStableHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PStableBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PStableNextSeedFieldEvent {
    field: '$.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PStableStateDigestFieldEvent {
    field: '$.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PStableProofHeightFieldEvent {
    field: '$.proof[].height'
    value: number
    index: number
  }

  export interface PStableProofBlockHashFieldEvent {
    field: '$.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PStableProofNextSeedFieldEvent {
    field: '$.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PStableProofStateDigestFieldEvent {
    field: '$.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PStableProofSenderFieldEvent {
    field: '$.proof[].sender'
    value: number
    index: number
  }

  export interface PStableProofSigFieldEvent {
    field: '$.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PStable>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PStable.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PStable>): PStable {
    return decodeMessage(buf, PStable.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PStable>): Generator<PStableHeightFieldEvent | PStableBlockHashFieldEvent | PStableNextSeedFieldEvent | PStableStateDigestFieldEvent | PStableProofHeightFieldEvent | PStableProofBlockHashFieldEvent | PStableProofNextSeedFieldEvent | PStableProofStateDigestFieldEvent | PStableProofSenderFieldEvent | PStableProofSigFieldEvent> {
    return streamMessage(buf, PStable.codec(), opts)
  }
}

export interface PPrePrepare {
  view: number
  height: number
  digest: Uint8Array<ArrayBuffer>
  block?: PBlock
  sender: number
  sig: Uint8Array<ArrayBuffer>
}

export namespace PPrePrepare {
  let _codec: Codec<PPrePrepare>

  export const codec = (): Codec<PPrePrepare> => {
    if (_codec == null) {
      _codec = message<PPrePrepare>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.height)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.digest)
        }

        if (obj.block != null) {
          w.uint32(34)
          PBlock.codec().encode(obj.block, w)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(40)
          w.uint32(obj.sender)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.sig)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          height: 0,
          digest: uint8ArrayAlloc(0),
          sender: 0,
          sig: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.height = reader.uint64Number()
              break
            }
            case 3: {
              obj.digest = reader.bytes()
              break
            }
            case 4: {
              obj.block = PBlock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.block
              })
              break
            }
            case 5: {
              obj.sender = reader.uint32()
              break
            }
            case 6: {
              obj.sig = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield * PBlock.codec().stream(reader, reader.uint32(), `${prefix}.block`, {
                limits: opts.limits?.block
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PPrePrepareViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PPrePrepareHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PPrePrepareDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareBlockHeightFieldEvent {
    field: '$.block.height'
    value: number
  }

  export interface PPrePrepareBlockPrevHashFieldEvent {
    field: '$.block.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareBlockProposerFieldEvent {
    field: '$.block.proposer'
    value: number
  }

  export interface PPrePrepareBlockVrfProofFieldEvent {
    field: '$.block.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareBlockNextSeedFieldEvent {
    field: '$.block.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareBlockRootFieldEvent {
    field: '$.block.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareBlockRequestsClientFieldEvent {
    field: '$.block.requests[].client'
    value: string
    index: number
  }

  export interface PPrePrepareBlockRequestsEpochFieldEvent {
    field: '$.block.requests[].epoch'
    value: number
    index: number
  }

  export interface PPrePrepareBlockRequestsCounterFieldEvent {
    field: '$.block.requests[].counter'
    value: number
    index: number
  }

  export interface PPrePrepareBlockRequestsOpFieldEvent {
    field: '$.block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PPrePrepareBlockRequestsSigFieldEvent {
    field: '$.block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PPrePrepareBlockAppFieldEvent {
    field: '$.block.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PPrePrepareSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export interface PPrePrepareSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PPrePrepare>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PPrePrepare.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PPrePrepare>): PPrePrepare {
    return decodeMessage(buf, PPrePrepare.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PPrePrepare>): Generator<PPrePrepareViewFieldEvent | PPrePrepareHeightFieldEvent | PPrePrepareDigestFieldEvent | PPrePrepareBlockHeightFieldEvent | PPrePrepareBlockPrevHashFieldEvent | PPrePrepareBlockProposerFieldEvent | PPrePrepareBlockVrfProofFieldEvent | PPrePrepareBlockNextSeedFieldEvent | PPrePrepareBlockRootFieldEvent | PPrePrepareBlockRequestsClientFieldEvent | PPrePrepareBlockRequestsEpochFieldEvent | PPrePrepareBlockRequestsCounterFieldEvent | PPrePrepareBlockRequestsOpFieldEvent | PPrePrepareBlockRequestsSigFieldEvent | PPrePrepareBlockAppFieldEvent | PPrePrepareSenderFieldEvent | PPrePrepareSigFieldEvent> {
    return streamMessage(buf, PPrePrepare.codec(), opts)
  }
}

export interface PVoteMsg {
  view: number
  height: number
  digest: Uint8Array<ArrayBuffer>
  sender: number
  sig: Uint8Array<ArrayBuffer>
  ext: Uint8Array<ArrayBuffer>
}

export namespace PVoteMsg {
  let _codec: Codec<PVoteMsg>

  export const codec = (): Codec<PVoteMsg> => {
    if (_codec == null) {
      _codec = message<PVoteMsg>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.height)
        }

        if ((obj.digest != null && obj.digest.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.digest)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(32)
          w.uint32(obj.sender)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.sig)
        }

        if ((obj.ext != null && obj.ext.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.ext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          height: 0,
          digest: uint8ArrayAlloc(0),
          sender: 0,
          sig: uint8ArrayAlloc(0),
          ext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.height = reader.uint64Number()
              break
            }
            case 3: {
              obj.digest = reader.bytes()
              break
            }
            case 4: {
              obj.sender = reader.uint32()
              break
            }
            case 5: {
              obj.sig = reader.bytes()
              break
            }
            case 6: {
              obj.ext = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.digest`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.ext`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PVoteMsgViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PVoteMsgHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PVoteMsgDigestFieldEvent {
    field: '$.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PVoteMsgSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export interface PVoteMsgSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PVoteMsgExtFieldEvent {
    field: '$.ext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PVoteMsg>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PVoteMsg.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVoteMsg>): PVoteMsg {
    return decodeMessage(buf, PVoteMsg.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVoteMsg>): Generator<PVoteMsgViewFieldEvent | PVoteMsgHeightFieldEvent | PVoteMsgDigestFieldEvent | PVoteMsgSenderFieldEvent | PVoteMsgSigFieldEvent | PVoteMsgExtFieldEvent> {
    return streamMessage(buf, PVoteMsg.codec(), opts)
  }
}

export interface PViewChange {
  view: number
  checkpoint?: PStable
  prepared: PPreparedCert[]
  sender: number
  sig: Uint8Array<ArrayBuffer>
}

export namespace PViewChange {
  let _codec: Codec<PViewChange>

  export const codec = (): Codec<PViewChange> => {
    if (_codec == null) {
      _codec = message<PViewChange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if (obj.checkpoint != null) {
          w.uint32(18)
          PStable.codec().encode(obj.checkpoint, w)
        }

        if (obj.prepared != null && obj.prepared.length > 0) {
          for (const value of obj.prepared) {
            w.uint32(26)
            PPreparedCert.codec().encode(value, w)
          }
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(32)
          w.uint32(obj.sender)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.sig)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          prepared: [],
          sender: 0,
          sig: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.checkpoint = PStable.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            case 3: {
              if (opts.limits?.prepared != null && obj.prepared.length === opts.limits.prepared) {
                throw new MaxLengthError('Decode error - repeated field "prepared" had too many elements')
              }

              obj.prepared.push(PPreparedCert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepared$
              }))
              break
            }
            case 4: {
              obj.sender = reader.uint32()
              break
            }
            case 5: {
              obj.sig = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          prepared: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield * PStable.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            case 3: {
              if (opts.limits?.prepared != null && obj.prepared === opts.limits.prepared) {
                throw new MaxLengthError('Streaming decode error - repeated field "prepared" had too many elements')
              }

              for (const evt of PPreparedCert.codec().stream(reader, reader.uint32(), `${prefix}.prepared[]`, {
                limits: opts.limits?.prepared$
              })) {
                yield {
                  ...evt,
                  index: obj.prepared
                }
              }

              obj.prepared++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PViewChangeViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PViewChangeCheckpointHeightFieldEvent {
    field: '$.checkpoint.height'
    value: number
  }

  export interface PViewChangeCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PViewChangeCheckpointNextSeedFieldEvent {
    field: '$.checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PViewChangeCheckpointStateDigestFieldEvent {
    field: '$.checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PViewChangeCheckpointProofHeightFieldEvent {
    field: '$.checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PViewChangeCheckpointProofBlockHashFieldEvent {
    field: '$.checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangeCheckpointProofNextSeedFieldEvent {
    field: '$.checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangeCheckpointProofStateDigestFieldEvent {
    field: '$.checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangeCheckpointProofSenderFieldEvent {
    field: '$.checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PViewChangeCheckpointProofSigFieldEvent {
    field: '$.checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedViewFieldEvent {
    field: '$.prepared[].view'
    value: number
    index: number
  }

  export interface PViewChangePreparedHeightFieldEvent {
    field: '$.prepared[].height'
    value: number
    index: number
  }

  export interface PViewChangePreparedBlockHeightFieldEvent {
    field: '$.prepared[].block.height'
    value: number
    index: number
  }

  export interface PViewChangePreparedBlockPrevHashFieldEvent {
    field: '$.prepared[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockProposerFieldEvent {
    field: '$.prepared[].block.proposer'
    value: number
    index: number
  }

  export interface PViewChangePreparedBlockVrfProofFieldEvent {
    field: '$.prepared[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockNextSeedFieldEvent {
    field: '$.prepared[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockRootFieldEvent {
    field: '$.prepared[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockRequestsClientFieldEvent {
    field: '$.prepared[].block.requests[].client'
    value: string
    index: number
  }

  export interface PViewChangePreparedBlockRequestsEpochFieldEvent {
    field: '$.prepared[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PViewChangePreparedBlockRequestsCounterFieldEvent {
    field: '$.prepared[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PViewChangePreparedBlockRequestsOpFieldEvent {
    field: '$.prepared[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockRequestsSigFieldEvent {
    field: '$.prepared[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedBlockAppFieldEvent {
    field: '$.prepared[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedVotesReplicaFieldEvent {
    field: '$.prepared[].votes[].replica'
    value: number
    index: number
  }

  export interface PViewChangePreparedVotesSigFieldEvent {
    field: '$.prepared[].votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangePreparedVotesExtFieldEvent {
    field: '$.prepared[].votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PViewChangeSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export interface PViewChangeSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PViewChange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PViewChange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PViewChange>): PViewChange {
    return decodeMessage(buf, PViewChange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PViewChange>): Generator<PViewChangeViewFieldEvent | PViewChangeCheckpointHeightFieldEvent | PViewChangeCheckpointBlockHashFieldEvent | PViewChangeCheckpointNextSeedFieldEvent | PViewChangeCheckpointStateDigestFieldEvent | PViewChangeCheckpointProofHeightFieldEvent | PViewChangeCheckpointProofBlockHashFieldEvent | PViewChangeCheckpointProofNextSeedFieldEvent | PViewChangeCheckpointProofStateDigestFieldEvent | PViewChangeCheckpointProofSenderFieldEvent | PViewChangeCheckpointProofSigFieldEvent | PViewChangePreparedViewFieldEvent | PViewChangePreparedHeightFieldEvent | PViewChangePreparedBlockHeightFieldEvent | PViewChangePreparedBlockPrevHashFieldEvent | PViewChangePreparedBlockProposerFieldEvent | PViewChangePreparedBlockVrfProofFieldEvent | PViewChangePreparedBlockNextSeedFieldEvent | PViewChangePreparedBlockRootFieldEvent | PViewChangePreparedBlockRequestsClientFieldEvent | PViewChangePreparedBlockRequestsEpochFieldEvent | PViewChangePreparedBlockRequestsCounterFieldEvent | PViewChangePreparedBlockRequestsOpFieldEvent | PViewChangePreparedBlockRequestsSigFieldEvent | PViewChangePreparedBlockAppFieldEvent | PViewChangePreparedVotesReplicaFieldEvent | PViewChangePreparedVotesSigFieldEvent | PViewChangePreparedVotesExtFieldEvent | PViewChangeSenderFieldEvent | PViewChangeSigFieldEvent> {
    return streamMessage(buf, PViewChange.codec(), opts)
  }
}

export interface PNewView {
  view: number
  viewChanges: PViewChange[]
  digests: Uint8Array<ArrayBuffer>[]
  sender: number
  sig: Uint8Array<ArrayBuffer>
}

export namespace PNewView {
  let _codec: Codec<PNewView>

  export const codec = (): Codec<PNewView> => {
    if (_codec == null) {
      _codec = message<PNewView>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if (obj.viewChanges != null && obj.viewChanges.length > 0) {
          for (const value of obj.viewChanges) {
            w.uint32(18)
            PViewChange.codec().encode(value, w)
          }
        }

        if (obj.digests != null && obj.digests.length > 0) {
          for (const value of obj.digests) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(32)
          w.uint32(obj.sender)
        }

        if ((obj.sig != null && obj.sig.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.sig)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          viewChanges: [],
          digests: [],
          sender: 0,
          sig: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.viewChanges != null && obj.viewChanges.length === opts.limits.viewChanges) {
                throw new MaxLengthError('Decode error - repeated field "viewChanges" had too many elements')
              }

              obj.viewChanges.push(PViewChange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.viewChanges$
              }))
              break
            }
            case 3: {
              if (opts.limits?.digests != null && obj.digests.length === opts.limits.digests) {
                throw new MaxLengthError('Decode error - repeated field "digests" had too many elements')
              }

              obj.digests.push(reader.bytes())
              break
            }
            case 4: {
              obj.sender = reader.uint32()
              break
            }
            case 5: {
              obj.sig = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          viewChanges: 0,
          digests: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.viewChanges != null && obj.viewChanges === opts.limits.viewChanges) {
                throw new MaxLengthError('Streaming decode error - repeated field "viewChanges" had too many elements')
              }

              for (const evt of PViewChange.codec().stream(reader, reader.uint32(), `${prefix}.viewChanges[]`, {
                limits: opts.limits?.viewChanges$
              })) {
                yield {
                  ...evt,
                  index: obj.viewChanges
                }
              }

              obj.viewChanges++

              break
            }
            case 3: {
              if (opts.limits?.digests != null && obj.digests === opts.limits.digests) {
                throw new MaxLengthError('Streaming decode error - repeated field "digests" had too many elements')
              }

              yield {
                field: `${prefix}.digests[]`,
                index: obj.digests,
                value: reader.bytes()
              }

              obj.digests++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sig`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PNewViewViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PNewViewViewChangesViewFieldEvent {
    field: '$.viewChanges[].view'
    value: number
    index: number
  }

  export interface PNewViewViewChangesCheckpointHeightFieldEvent {
    field: '$.viewChanges[].checkpoint.height'
    value: number
    index: number
  }

  export interface PNewViewViewChangesCheckpointBlockHashFieldEvent {
    field: '$.viewChanges[].checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointNextSeedFieldEvent {
    field: '$.viewChanges[].checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointStateDigestFieldEvent {
    field: '$.viewChanges[].checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofHeightFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofBlockHashFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofNextSeedFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofStateDigestFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofSenderFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PNewViewViewChangesCheckpointProofSigFieldEvent {
    field: '$.viewChanges[].checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedViewFieldEvent {
    field: '$.viewChanges[].prepared[].view'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedHeightFieldEvent {
    field: '$.viewChanges[].prepared[].height'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockHeightFieldEvent {
    field: '$.viewChanges[].prepared[].block.height'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockPrevHashFieldEvent {
    field: '$.viewChanges[].prepared[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockProposerFieldEvent {
    field: '$.viewChanges[].prepared[].block.proposer'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockVrfProofFieldEvent {
    field: '$.viewChanges[].prepared[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockNextSeedFieldEvent {
    field: '$.viewChanges[].prepared[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRootFieldEvent {
    field: '$.viewChanges[].prepared[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRequestsClientFieldEvent {
    field: '$.viewChanges[].prepared[].block.requests[].client'
    value: string
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRequestsEpochFieldEvent {
    field: '$.viewChanges[].prepared[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRequestsCounterFieldEvent {
    field: '$.viewChanges[].prepared[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRequestsOpFieldEvent {
    field: '$.viewChanges[].prepared[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockRequestsSigFieldEvent {
    field: '$.viewChanges[].prepared[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedBlockAppFieldEvent {
    field: '$.viewChanges[].prepared[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedVotesReplicaFieldEvent {
    field: '$.viewChanges[].prepared[].votes[].replica'
    value: number
    index: number
  }

  export interface PNewViewViewChangesPreparedVotesSigFieldEvent {
    field: '$.viewChanges[].prepared[].votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesPreparedVotesExtFieldEvent {
    field: '$.viewChanges[].prepared[].votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewViewChangesSenderFieldEvent {
    field: '$.viewChanges[].sender'
    value: number
    index: number
  }

  export interface PNewViewViewChangesSigFieldEvent {
    field: '$.viewChanges[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PNewViewDigestsFieldEvent {
    field: '$.digests[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface PNewViewSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export interface PNewViewSigFieldEvent {
    field: '$.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PNewView>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PNewView.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PNewView>): PNewView {
    return decodeMessage(buf, PNewView.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PNewView>): Generator<PNewViewViewFieldEvent | PNewViewViewChangesViewFieldEvent | PNewViewViewChangesCheckpointHeightFieldEvent | PNewViewViewChangesCheckpointBlockHashFieldEvent | PNewViewViewChangesCheckpointNextSeedFieldEvent | PNewViewViewChangesCheckpointStateDigestFieldEvent | PNewViewViewChangesCheckpointProofHeightFieldEvent | PNewViewViewChangesCheckpointProofBlockHashFieldEvent | PNewViewViewChangesCheckpointProofNextSeedFieldEvent | PNewViewViewChangesCheckpointProofStateDigestFieldEvent | PNewViewViewChangesCheckpointProofSenderFieldEvent | PNewViewViewChangesCheckpointProofSigFieldEvent | PNewViewViewChangesPreparedViewFieldEvent | PNewViewViewChangesPreparedHeightFieldEvent | PNewViewViewChangesPreparedBlockHeightFieldEvent | PNewViewViewChangesPreparedBlockPrevHashFieldEvent | PNewViewViewChangesPreparedBlockProposerFieldEvent | PNewViewViewChangesPreparedBlockVrfProofFieldEvent | PNewViewViewChangesPreparedBlockNextSeedFieldEvent | PNewViewViewChangesPreparedBlockRootFieldEvent | PNewViewViewChangesPreparedBlockRequestsClientFieldEvent | PNewViewViewChangesPreparedBlockRequestsEpochFieldEvent | PNewViewViewChangesPreparedBlockRequestsCounterFieldEvent | PNewViewViewChangesPreparedBlockRequestsOpFieldEvent | PNewViewViewChangesPreparedBlockRequestsSigFieldEvent | PNewViewViewChangesPreparedBlockAppFieldEvent | PNewViewViewChangesPreparedVotesReplicaFieldEvent | PNewViewViewChangesPreparedVotesSigFieldEvent | PNewViewViewChangesPreparedVotesExtFieldEvent | PNewViewViewChangesSenderFieldEvent | PNewViewViewChangesSigFieldEvent | PNewViewDigestsFieldEvent | PNewViewSenderFieldEvent | PNewViewSigFieldEvent> {
    return streamMessage(buf, PNewView.codec(), opts)
  }
}

export interface PStatus {
  view: number
  normal: boolean
  height: number
  sender: number
}

export namespace PStatus {
  let _codec: Codec<PStatus>

  export const codec = (): Codec<PStatus> => {
    if (_codec == null) {
      _codec = message<PStatus>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.view)
        }

        if ((obj.normal != null && obj.normal !== false)) {
          w.uint32(16)
          w.bool(obj.normal)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.height)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(32)
          w.uint32(obj.sender)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          view: 0,
          normal: false,
          height: 0,
          sender: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.view = reader.uint64Number()
              break
            }
            case 2: {
              obj.normal = reader.bool()
              break
            }
            case 3: {
              obj.height = reader.uint64Number()
              break
            }
            case 4: {
              obj.sender = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.normal`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PStatusViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface PStatusNormalFieldEvent {
    field: '$.normal'
    value: boolean
  }

  export interface PStatusHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PStatusSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export function encode (obj: Partial<PStatus>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PStatus.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PStatus>): PStatus {
    return decodeMessage(buf, PStatus.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PStatus>): Generator<PStatusViewFieldEvent | PStatusNormalFieldEvent | PStatusHeightFieldEvent | PStatusSenderFieldEvent> {
    return streamMessage(buf, PStatus.codec(), opts)
  }
}

export interface PFetch {
  from: number
  sender: number
}

export namespace PFetch {
  let _codec: Codec<PFetch>

  export const codec = (): Codec<PFetch> => {
    if (_codec == null) {
      _codec = message<PFetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.from != null && obj.from !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.from)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(16)
          w.uint32(obj.sender)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          from: 0,
          sender: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.from = reader.uint64Number()
              break
            }
            case 2: {
              obj.sender = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.from`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PFetchFromFieldEvent {
    field: '$.from'
    value: number
  }

  export interface PFetchSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export function encode (obj: Partial<PFetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PFetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PFetch>): PFetch {
    return decodeMessage(buf, PFetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PFetch>): Generator<PFetchFromFieldEvent | PFetchSenderFieldEvent> {
    return streamMessage(buf, PFetch.codec(), opts)
  }
}

export interface PCertifiedBlock {
  block?: PBlock
  cert?: PCommitCert
}

export namespace PCertifiedBlock {
  let _codec: Codec<PCertifiedBlock>

  export const codec = (): Codec<PCertifiedBlock> => {
    if (_codec == null) {
      _codec = message<PCertifiedBlock>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.block != null) {
          w.uint32(10)
          PBlock.codec().encode(obj.block, w)
        }

        if (obj.cert != null) {
          w.uint32(18)
          PCommitCert.codec().encode(obj.cert, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.block = PBlock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.block
              })
              break
            }
            case 2: {
              obj.cert = PCommitCert.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cert
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * PBlock.codec().stream(reader, reader.uint32(), `${prefix}.block`, {
                limits: opts.limits?.block
              })

              break
            }
            case 2: {
              yield * PCommitCert.codec().stream(reader, reader.uint32(), `${prefix}.cert`, {
                limits: opts.limits?.cert
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PCertifiedBlockBlockHeightFieldEvent {
    field: '$.block.height'
    value: number
  }

  export interface PCertifiedBlockBlockPrevHashFieldEvent {
    field: '$.block.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockBlockProposerFieldEvent {
    field: '$.block.proposer'
    value: number
  }

  export interface PCertifiedBlockBlockVrfProofFieldEvent {
    field: '$.block.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockBlockNextSeedFieldEvent {
    field: '$.block.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockBlockRootFieldEvent {
    field: '$.block.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockBlockRequestsClientFieldEvent {
    field: '$.block.requests[].client'
    value: string
    index: number
  }

  export interface PCertifiedBlockBlockRequestsEpochFieldEvent {
    field: '$.block.requests[].epoch'
    value: number
    index: number
  }

  export interface PCertifiedBlockBlockRequestsCounterFieldEvent {
    field: '$.block.requests[].counter'
    value: number
    index: number
  }

  export interface PCertifiedBlockBlockRequestsOpFieldEvent {
    field: '$.block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PCertifiedBlockBlockRequestsSigFieldEvent {
    field: '$.block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PCertifiedBlockBlockAppFieldEvent {
    field: '$.block.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockCertHeightFieldEvent {
    field: '$.cert.height'
    value: number
  }

  export interface PCertifiedBlockCertViewFieldEvent {
    field: '$.cert.view'
    value: number
  }

  export interface PCertifiedBlockCertDigestFieldEvent {
    field: '$.cert.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PCertifiedBlockCertVotesReplicaFieldEvent {
    field: '$.cert.votes[].replica'
    value: number
    index: number
  }

  export interface PCertifiedBlockCertVotesSigFieldEvent {
    field: '$.cert.votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PCertifiedBlockCertVotesExtFieldEvent {
    field: '$.cert.votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PCertifiedBlock>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PCertifiedBlock.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCertifiedBlock>): PCertifiedBlock {
    return decodeMessage(buf, PCertifiedBlock.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PCertifiedBlock>): Generator<PCertifiedBlockBlockHeightFieldEvent | PCertifiedBlockBlockPrevHashFieldEvent | PCertifiedBlockBlockProposerFieldEvent | PCertifiedBlockBlockVrfProofFieldEvent | PCertifiedBlockBlockNextSeedFieldEvent | PCertifiedBlockBlockRootFieldEvent | PCertifiedBlockBlockRequestsClientFieldEvent | PCertifiedBlockBlockRequestsEpochFieldEvent | PCertifiedBlockBlockRequestsCounterFieldEvent | PCertifiedBlockBlockRequestsOpFieldEvent | PCertifiedBlockBlockRequestsSigFieldEvent | PCertifiedBlockBlockAppFieldEvent | PCertifiedBlockCertHeightFieldEvent | PCertifiedBlockCertViewFieldEvent | PCertifiedBlockCertDigestFieldEvent | PCertifiedBlockCertVotesReplicaFieldEvent | PCertifiedBlockCertVotesSigFieldEvent | PCertifiedBlockCertVotesExtFieldEvent> {
    return streamMessage(buf, PCertifiedBlock.codec(), opts)
  }
}

export interface PBlocks {
  blocks: PCertifiedBlock[]
  sender: number
}

export namespace PBlocks {
  let _codec: Codec<PBlocks>

  export const codec = (): Codec<PBlocks> => {
    if (_codec == null) {
      _codec = message<PBlocks>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.blocks != null && obj.blocks.length > 0) {
          for (const value of obj.blocks) {
            w.uint32(10)
            PCertifiedBlock.codec().encode(value, w)
          }
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(16)
          w.uint32(obj.sender)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          blocks: [],
          sender: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.blocks != null && obj.blocks.length === opts.limits.blocks) {
                throw new MaxLengthError('Decode error - repeated field "blocks" had too many elements')
              }

              obj.blocks.push(PCertifiedBlock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.blocks$
              }))
              break
            }
            case 2: {
              obj.sender = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          blocks: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.blocks != null && obj.blocks === opts.limits.blocks) {
                throw new MaxLengthError('Streaming decode error - repeated field "blocks" had too many elements')
              }

              for (const evt of PCertifiedBlock.codec().stream(reader, reader.uint32(), `${prefix}.blocks[]`, {
                limits: opts.limits?.blocks$
              })) {
                yield {
                  ...evt,
                  index: obj.blocks
                }
              }

              obj.blocks++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PBlocksBlocksBlockHeightFieldEvent {
    field: '$.blocks[].block.height'
    value: number
    index: number
  }

  export interface PBlocksBlocksBlockPrevHashFieldEvent {
    field: '$.blocks[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockProposerFieldEvent {
    field: '$.blocks[].block.proposer'
    value: number
    index: number
  }

  export interface PBlocksBlocksBlockVrfProofFieldEvent {
    field: '$.blocks[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockNextSeedFieldEvent {
    field: '$.blocks[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockRootFieldEvent {
    field: '$.blocks[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockRequestsClientFieldEvent {
    field: '$.blocks[].block.requests[].client'
    value: string
    index: number
  }

  export interface PBlocksBlocksBlockRequestsEpochFieldEvent {
    field: '$.blocks[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PBlocksBlocksBlockRequestsCounterFieldEvent {
    field: '$.blocks[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PBlocksBlocksBlockRequestsOpFieldEvent {
    field: '$.blocks[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockRequestsSigFieldEvent {
    field: '$.blocks[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksBlockAppFieldEvent {
    field: '$.blocks[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksCertHeightFieldEvent {
    field: '$.blocks[].cert.height'
    value: number
    index: number
  }

  export interface PBlocksBlocksCertViewFieldEvent {
    field: '$.blocks[].cert.view'
    value: number
    index: number
  }

  export interface PBlocksBlocksCertDigestFieldEvent {
    field: '$.blocks[].cert.digest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksCertVotesReplicaFieldEvent {
    field: '$.blocks[].cert.votes[].replica'
    value: number
    index: number
  }

  export interface PBlocksBlocksCertVotesSigFieldEvent {
    field: '$.blocks[].cert.votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksBlocksCertVotesExtFieldEvent {
    field: '$.blocks[].cert.votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PBlocksSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export function encode (obj: Partial<PBlocks>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PBlocks.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBlocks>): PBlocks {
    return decodeMessage(buf, PBlocks.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBlocks>): Generator<PBlocksBlocksBlockHeightFieldEvent | PBlocksBlocksBlockPrevHashFieldEvent | PBlocksBlocksBlockProposerFieldEvent | PBlocksBlocksBlockVrfProofFieldEvent | PBlocksBlocksBlockNextSeedFieldEvent | PBlocksBlocksBlockRootFieldEvent | PBlocksBlocksBlockRequestsClientFieldEvent | PBlocksBlocksBlockRequestsEpochFieldEvent | PBlocksBlocksBlockRequestsCounterFieldEvent | PBlocksBlocksBlockRequestsOpFieldEvent | PBlocksBlocksBlockRequestsSigFieldEvent | PBlocksBlocksBlockAppFieldEvent | PBlocksBlocksCertHeightFieldEvent | PBlocksBlocksCertViewFieldEvent | PBlocksBlocksCertDigestFieldEvent | PBlocksBlocksCertVotesReplicaFieldEvent | PBlocksBlocksCertVotesSigFieldEvent | PBlocksBlocksCertVotesExtFieldEvent | PBlocksSenderFieldEvent> {
    return streamMessage(buf, PBlocks.codec(), opts)
  }
}

export interface PClientRecord {
  client: string
  epoch: number
  counter: number
  height: number
  result: Uint8Array<ArrayBuffer>
}

export namespace PClientRecord {
  let _codec: Codec<PClientRecord>

  export const codec = (): Codec<PClientRecord> => {
    if (_codec == null) {
      _codec = message<PClientRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.client != null && obj.client !== '')) {
          w.uint32(10)
          w.string(obj.client)
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.epoch)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.counter)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.height)
        }

        if ((obj.result != null && obj.result.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.result)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          client: '',
          epoch: 0,
          counter: 0,
          height: 0,
          result: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.client = reader.string()
              break
            }
            case 2: {
              obj.epoch = reader.uint64Number()
              break
            }
            case 3: {
              obj.counter = reader.uint64Number()
              break
            }
            case 4: {
              obj.height = reader.uint64Number()
              break
            }
            case 5: {
              obj.result = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.client`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.result`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PClientRecordClientFieldEvent {
    field: '$.client'
    value: string
  }

  export interface PClientRecordEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface PClientRecordCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface PClientRecordHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PClientRecordResultFieldEvent {
    field: '$.result'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PClientRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PClientRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PClientRecord>): PClientRecord {
    return decodeMessage(buf, PClientRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PClientRecord>): Generator<PClientRecordClientFieldEvent | PClientRecordEpochFieldEvent | PClientRecordCounterFieldEvent | PClientRecordHeightFieldEvent | PClientRecordResultFieldEvent> {
    return streamMessage(buf, PClientRecord.codec(), opts)
  }
}

export interface PExecState {
  height: number
  headHash: Uint8Array<ArrayBuffer>
  nextSeed: Uint8Array<ArrayBuffer>
  clients: PClientRecord[]
}

export namespace PExecState {
  let _codec: Codec<PExecState>

  export const codec = (): Codec<PExecState> => {
    if (_codec == null) {
      _codec = message<PExecState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.height)
        }

        if ((obj.headHash != null && obj.headHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.headHash)
        }

        if ((obj.nextSeed != null && obj.nextSeed.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.nextSeed)
        }

        if (obj.clients != null && obj.clients.length > 0) {
          for (const value of obj.clients) {
            w.uint32(34)
            PClientRecord.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          headHash: uint8ArrayAlloc(0),
          nextSeed: uint8ArrayAlloc(0),
          clients: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.height = reader.uint64Number()
              break
            }
            case 2: {
              obj.headHash = reader.bytes()
              break
            }
            case 3: {
              obj.nextSeed = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.clients != null && obj.clients.length === opts.limits.clients) {
                throw new MaxLengthError('Decode error - repeated field "clients" had too many elements')
              }

              obj.clients.push(PClientRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.clients$
              }))
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          clients: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.headHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.nextSeed`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.clients != null && obj.clients === opts.limits.clients) {
                throw new MaxLengthError('Streaming decode error - repeated field "clients" had too many elements')
              }

              for (const evt of PClientRecord.codec().stream(reader, reader.uint32(), `${prefix}.clients[]`, {
                limits: opts.limits?.clients$
              })) {
                yield {
                  ...evt,
                  index: obj.clients
                }
              }

              obj.clients++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PExecStateHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface PExecStateHeadHashFieldEvent {
    field: '$.headHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PExecStateNextSeedFieldEvent {
    field: '$.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PExecStateClientsClientFieldEvent {
    field: '$.clients[].client'
    value: string
    index: number
  }

  export interface PExecStateClientsEpochFieldEvent {
    field: '$.clients[].epoch'
    value: number
    index: number
  }

  export interface PExecStateClientsCounterFieldEvent {
    field: '$.clients[].counter'
    value: number
    index: number
  }

  export interface PExecStateClientsHeightFieldEvent {
    field: '$.clients[].height'
    value: number
    index: number
  }

  export interface PExecStateClientsResultFieldEvent {
    field: '$.clients[].result'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<PExecState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PExecState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PExecState>): PExecState {
    return decodeMessage(buf, PExecState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PExecState>): Generator<PExecStateHeightFieldEvent | PExecStateHeadHashFieldEvent | PExecStateNextSeedFieldEvent | PExecStateClientsClientFieldEvent | PExecStateClientsEpochFieldEvent | PExecStateClientsCounterFieldEvent | PExecStateClientsHeightFieldEvent | PExecStateClientsResultFieldEvent> {
    return streamMessage(buf, PExecState.codec(), opts)
  }
}

export interface PSnapshot {
  checkpoint?: PStable
  exec?: PExecState
  app: Uint8Array<ArrayBuffer>
  sender: number
}

export namespace PSnapshot {
  let _codec: Codec<PSnapshot>

  export const codec = (): Codec<PSnapshot> => {
    if (_codec == null) {
      _codec = message<PSnapshot>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.checkpoint != null) {
          w.uint32(10)
          PStable.codec().encode(obj.checkpoint, w)
        }

        if (obj.exec != null) {
          w.uint32(18)
          PExecState.codec().encode(obj.exec, w)
        }

        if ((obj.app != null && obj.app.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.app)
        }

        if ((obj.sender != null && obj.sender !== 0)) {
          w.uint32(32)
          w.uint32(obj.sender)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          app: uint8ArrayAlloc(0),
          sender: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.checkpoint = PStable.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            case 2: {
              obj.exec = PExecState.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.exec
              })
              break
            }
            case 3: {
              obj.app = reader.bytes()
              break
            }
            case 4: {
              obj.sender = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * PStable.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            case 2: {
              yield * PExecState.codec().stream(reader, reader.uint32(), `${prefix}.exec`, {
                limits: opts.limits?.exec
              })

              break
            }
            case 3: {
              yield {
                field: `${prefix}.app`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sender`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PSnapshotCheckpointHeightFieldEvent {
    field: '$.checkpoint.height'
    value: number
  }

  export interface PSnapshotCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotCheckpointNextSeedFieldEvent {
    field: '$.checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotCheckpointStateDigestFieldEvent {
    field: '$.checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotCheckpointProofHeightFieldEvent {
    field: '$.checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PSnapshotCheckpointProofBlockHashFieldEvent {
    field: '$.checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PSnapshotCheckpointProofNextSeedFieldEvent {
    field: '$.checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PSnapshotCheckpointProofStateDigestFieldEvent {
    field: '$.checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PSnapshotCheckpointProofSenderFieldEvent {
    field: '$.checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PSnapshotCheckpointProofSigFieldEvent {
    field: '$.checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PSnapshotExecHeightFieldEvent {
    field: '$.exec.height'
    value: number
  }

  export interface PSnapshotExecHeadHashFieldEvent {
    field: '$.exec.headHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotExecNextSeedFieldEvent {
    field: '$.exec.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotExecClientsClientFieldEvent {
    field: '$.exec.clients[].client'
    value: string
    index: number
  }

  export interface PSnapshotExecClientsEpochFieldEvent {
    field: '$.exec.clients[].epoch'
    value: number
    index: number
  }

  export interface PSnapshotExecClientsCounterFieldEvent {
    field: '$.exec.clients[].counter'
    value: number
    index: number
  }

  export interface PSnapshotExecClientsHeightFieldEvent {
    field: '$.exec.clients[].height'
    value: number
    index: number
  }

  export interface PSnapshotExecClientsResultFieldEvent {
    field: '$.exec.clients[].result'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PSnapshotAppFieldEvent {
    field: '$.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PSnapshotSenderFieldEvent {
    field: '$.sender'
    value: number
  }

  export function encode (obj: Partial<PSnapshot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PSnapshot.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PSnapshot>): PSnapshot {
    return decodeMessage(buf, PSnapshot.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PSnapshot>): Generator<PSnapshotCheckpointHeightFieldEvent | PSnapshotCheckpointBlockHashFieldEvent | PSnapshotCheckpointNextSeedFieldEvent | PSnapshotCheckpointStateDigestFieldEvent | PSnapshotCheckpointProofHeightFieldEvent | PSnapshotCheckpointProofBlockHashFieldEvent | PSnapshotCheckpointProofNextSeedFieldEvent | PSnapshotCheckpointProofStateDigestFieldEvent | PSnapshotCheckpointProofSenderFieldEvent | PSnapshotCheckpointProofSigFieldEvent | PSnapshotExecHeightFieldEvent | PSnapshotExecHeadHashFieldEvent | PSnapshotExecNextSeedFieldEvent | PSnapshotExecClientsClientFieldEvent | PSnapshotExecClientsEpochFieldEvent | PSnapshotExecClientsCounterFieldEvent | PSnapshotExecClientsHeightFieldEvent | PSnapshotExecClientsResultFieldEvent | PSnapshotAppFieldEvent | PSnapshotSenderFieldEvent> {
    return streamMessage(buf, PSnapshot.codec(), opts)
  }
}

export interface PForward {
  txs: Uint8Array<ArrayBuffer>[]
}

export namespace PForward {
  let _codec: Codec<PForward>

  export const codec = (): Codec<PForward> => {
    if (_codec == null) {
      _codec = message<PForward>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.txs != null && obj.txs.length > 0) {
          for (const value of obj.txs) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          txs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.txs != null && obj.txs.length === opts.limits.txs) {
                throw new MaxLengthError('Decode error - repeated field "txs" had too many elements')
              }

              obj.txs.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          txs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.txs != null && obj.txs === opts.limits.txs) {
                throw new MaxLengthError('Streaming decode error - repeated field "txs" had too many elements')
              }

              yield {
                field: `${prefix}.txs[]`,
                index: obj.txs,
                value: reader.bytes()
              }

              obj.txs++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PForwardTxsFieldEvent {
    field: '$.txs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PForward>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PForward.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PForward>): PForward {
    return decodeMessage(buf, PForward.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PForward>): Generator<PForwardTxsFieldEvent> {
    return streamMessage(buf, PForward.codec(), opts)
  }
}

export interface PBatch {
  msgs: Uint8Array<ArrayBuffer>[]
}

export namespace PBatch {
  let _codec: Codec<PBatch>

  export const codec = (): Codec<PBatch> => {
    if (_codec == null) {
      _codec = message<PBatch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.msgs != null && obj.msgs.length > 0) {
          for (const value of obj.msgs) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          msgs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.msgs != null && obj.msgs.length === opts.limits.msgs) {
                throw new MaxLengthError('Decode error - repeated field "msgs" had too many elements')
              }

              obj.msgs.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          msgs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.msgs != null && obj.msgs === opts.limits.msgs) {
                throw new MaxLengthError('Streaming decode error - repeated field "msgs" had too many elements')
              }

              yield {
                field: `${prefix}.msgs[]`,
                index: obj.msgs,
                value: reader.bytes()
              }

              obj.msgs++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PBatchMsgsFieldEvent {
    field: '$.msgs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PBatch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PBatch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBatch>): PBatch {
    return decodeMessage(buf, PBatch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PBatch>): Generator<PBatchMsgsFieldEvent> {
    return streamMessage(buf, PBatch.codec(), opts)
  }
}

export interface PVrfHint {
  alpha: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
}

export namespace PVrfHint {
  let _codec: Codec<PVrfHint>

  export const codec = (): Codec<PVrfHint> => {
    if (_codec == null) {
      _codec = message<PVrfHint>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.alpha != null && obj.alpha.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.alpha)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          alpha: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.alpha = reader.bytes()
              break
            }
            case 2: {
              obj.proof = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.alpha`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.proof`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PVrfHintAlphaFieldEvent {
    field: '$.alpha'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PVrfHintProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PVrfHint>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PVrfHint.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVrfHint>): PVrfHint {
    return decodeMessage(buf, PVrfHint.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PVrfHint>): Generator<PVrfHintAlphaFieldEvent | PVrfHintProofFieldEvent> {
    return streamMessage(buf, PVrfHint.codec(), opts)
  }
}

export interface PbftMessage {
  preprepare?: PPrePrepare
  prepare?: PVoteMsg
  commit?: PVoteMsg
  checkpoint?: PCheckpoint
  viewchange?: PViewChange
  newview?: PNewView
  status?: PStatus
  fetch?: PFetch
  blocks?: PBlocks
  snapshot?: PSnapshot
  forward?: PForward
  vrfhint?: PVrfHint
  batch?: PBatch
}

export namespace PbftMessage {
  let _codec: Codec<PbftMessage>

  export const codec = (): Codec<PbftMessage> => {
    if (_codec == null) {
      _codec = message<PbftMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.preprepare != null) {
          w.uint32(10)
          PPrePrepare.codec().encode(obj.preprepare, w)
        }

        if (obj.prepare != null) {
          w.uint32(18)
          PVoteMsg.codec().encode(obj.prepare, w)
        }

        if (obj.commit != null) {
          w.uint32(26)
          PVoteMsg.codec().encode(obj.commit, w)
        }

        if (obj.checkpoint != null) {
          w.uint32(34)
          PCheckpoint.codec().encode(obj.checkpoint, w)
        }

        if (obj.viewchange != null) {
          w.uint32(42)
          PViewChange.codec().encode(obj.viewchange, w)
        }

        if (obj.newview != null) {
          w.uint32(50)
          PNewView.codec().encode(obj.newview, w)
        }

        if (obj.status != null) {
          w.uint32(58)
          PStatus.codec().encode(obj.status, w)
        }

        if (obj.fetch != null) {
          w.uint32(66)
          PFetch.codec().encode(obj.fetch, w)
        }

        if (obj.blocks != null) {
          w.uint32(74)
          PBlocks.codec().encode(obj.blocks, w)
        }

        if (obj.snapshot != null) {
          w.uint32(82)
          PSnapshot.codec().encode(obj.snapshot, w)
        }

        if (obj.forward != null) {
          w.uint32(90)
          PForward.codec().encode(obj.forward, w)
        }

        if (obj.vrfhint != null) {
          w.uint32(98)
          PVrfHint.codec().encode(obj.vrfhint, w)
        }

        if (obj.batch != null) {
          w.uint32(106)
          PBatch.codec().encode(obj.batch, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.preprepare = PPrePrepare.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.preprepare
              })
              break
            }
            case 2: {
              obj.prepare = PVoteMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.prepare
              })
              break
            }
            case 3: {
              obj.commit = PVoteMsg.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.commit
              })
              break
            }
            case 4: {
              obj.checkpoint = PCheckpoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.checkpoint
              })
              break
            }
            case 5: {
              obj.viewchange = PViewChange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.viewchange
              })
              break
            }
            case 6: {
              obj.newview = PNewView.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.newview
              })
              break
            }
            case 7: {
              obj.status = PStatus.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.status
              })
              break
            }
            case 8: {
              obj.fetch = PFetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 9: {
              obj.blocks = PBlocks.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.blocks
              })
              break
            }
            case 10: {
              obj.snapshot = PSnapshot.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.snapshot
              })
              break
            }
            case 11: {
              obj.forward = PForward.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.forward
              })
              break
            }
            case 12: {
              obj.vrfhint = PVrfHint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.vrfhint
              })
              break
            }
            case 13: {
              obj.batch = PBatch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batch
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield * PPrePrepare.codec().stream(reader, reader.uint32(), `${prefix}.preprepare`, {
                limits: opts.limits?.preprepare
              })

              break
            }
            case 2: {
              yield * PVoteMsg.codec().stream(reader, reader.uint32(), `${prefix}.prepare`, {
                limits: opts.limits?.prepare
              })

              break
            }
            case 3: {
              yield * PVoteMsg.codec().stream(reader, reader.uint32(), `${prefix}.commit`, {
                limits: opts.limits?.commit
              })

              break
            }
            case 4: {
              yield * PCheckpoint.codec().stream(reader, reader.uint32(), `${prefix}.checkpoint`, {
                limits: opts.limits?.checkpoint
              })

              break
            }
            case 5: {
              yield * PViewChange.codec().stream(reader, reader.uint32(), `${prefix}.viewchange`, {
                limits: opts.limits?.viewchange
              })

              break
            }
            case 6: {
              yield * PNewView.codec().stream(reader, reader.uint32(), `${prefix}.newview`, {
                limits: opts.limits?.newview
              })

              break
            }
            case 7: {
              yield * PStatus.codec().stream(reader, reader.uint32(), `${prefix}.status`, {
                limits: opts.limits?.status
              })

              break
            }
            case 8: {
              yield * PFetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 9: {
              yield * PBlocks.codec().stream(reader, reader.uint32(), `${prefix}.blocks`, {
                limits: opts.limits?.blocks
              })

              break
            }
            case 10: {
              yield * PSnapshot.codec().stream(reader, reader.uint32(), `${prefix}.snapshot`, {
                limits: opts.limits?.snapshot
              })

              break
            }
            case 11: {
              yield * PForward.codec().stream(reader, reader.uint32(), `${prefix}.forward`, {
                limits: opts.limits?.forward
              })

              break
            }
            case 12: {
              yield * PVrfHint.codec().stream(reader, reader.uint32(), `${prefix}.vrfhint`, {
                limits: opts.limits?.vrfhint
              })

              break
            }
            case 13: {
              yield * PBatch.codec().stream(reader, reader.uint32(), `${prefix}.batch`, {
                limits: opts.limits?.batch
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface PbftMessagePreprepareViewFieldEvent {
    field: '$.preprepare.view'
    value: number
  }

  export interface PbftMessagePreprepareHeightFieldEvent {
    field: '$.preprepare.height'
    value: number
  }

  export interface PbftMessagePreprepareDigestFieldEvent {
    field: '$.preprepare.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareBlockHeightFieldEvent {
    field: '$.preprepare.block.height'
    value: number
  }

  export interface PbftMessagePreprepareBlockPrevHashFieldEvent {
    field: '$.preprepare.block.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareBlockProposerFieldEvent {
    field: '$.preprepare.block.proposer'
    value: number
  }

  export interface PbftMessagePreprepareBlockVrfProofFieldEvent {
    field: '$.preprepare.block.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareBlockNextSeedFieldEvent {
    field: '$.preprepare.block.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareBlockRootFieldEvent {
    field: '$.preprepare.block.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareBlockRequestsClientFieldEvent {
    field: '$.preprepare.block.requests[].client'
    value: string
    index: number
  }

  export interface PbftMessagePreprepareBlockRequestsEpochFieldEvent {
    field: '$.preprepare.block.requests[].epoch'
    value: number
    index: number
  }

  export interface PbftMessagePreprepareBlockRequestsCounterFieldEvent {
    field: '$.preprepare.block.requests[].counter'
    value: number
    index: number
  }

  export interface PbftMessagePreprepareBlockRequestsOpFieldEvent {
    field: '$.preprepare.block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessagePreprepareBlockRequestsSigFieldEvent {
    field: '$.preprepare.block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessagePreprepareBlockAppFieldEvent {
    field: '$.preprepare.block.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePreprepareSenderFieldEvent {
    field: '$.preprepare.sender'
    value: number
  }

  export interface PbftMessagePreprepareSigFieldEvent {
    field: '$.preprepare.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePrepareViewFieldEvent {
    field: '$.prepare.view'
    value: number
  }

  export interface PbftMessagePrepareHeightFieldEvent {
    field: '$.prepare.height'
    value: number
  }

  export interface PbftMessagePrepareDigestFieldEvent {
    field: '$.prepare.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePrepareSenderFieldEvent {
    field: '$.prepare.sender'
    value: number
  }

  export interface PbftMessagePrepareSigFieldEvent {
    field: '$.prepare.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessagePrepareExtFieldEvent {
    field: '$.prepare.ext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCommitViewFieldEvent {
    field: '$.commit.view'
    value: number
  }

  export interface PbftMessageCommitHeightFieldEvent {
    field: '$.commit.height'
    value: number
  }

  export interface PbftMessageCommitDigestFieldEvent {
    field: '$.commit.digest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCommitSenderFieldEvent {
    field: '$.commit.sender'
    value: number
  }

  export interface PbftMessageCommitSigFieldEvent {
    field: '$.commit.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCommitExtFieldEvent {
    field: '$.commit.ext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCheckpointHeightFieldEvent {
    field: '$.checkpoint.height'
    value: number
  }

  export interface PbftMessageCheckpointBlockHashFieldEvent {
    field: '$.checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCheckpointNextSeedFieldEvent {
    field: '$.checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCheckpointStateDigestFieldEvent {
    field: '$.checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageCheckpointSenderFieldEvent {
    field: '$.checkpoint.sender'
    value: number
  }

  export interface PbftMessageCheckpointSigFieldEvent {
    field: '$.checkpoint.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageViewchangeViewFieldEvent {
    field: '$.viewchange.view'
    value: number
  }

  export interface PbftMessageViewchangeCheckpointHeightFieldEvent {
    field: '$.viewchange.checkpoint.height'
    value: number
  }

  export interface PbftMessageViewchangeCheckpointBlockHashFieldEvent {
    field: '$.viewchange.checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageViewchangeCheckpointNextSeedFieldEvent {
    field: '$.viewchange.checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageViewchangeCheckpointStateDigestFieldEvent {
    field: '$.viewchange.checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageViewchangeCheckpointProofHeightFieldEvent {
    field: '$.viewchange.checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PbftMessageViewchangeCheckpointProofBlockHashFieldEvent {
    field: '$.viewchange.checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangeCheckpointProofNextSeedFieldEvent {
    field: '$.viewchange.checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangeCheckpointProofStateDigestFieldEvent {
    field: '$.viewchange.checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangeCheckpointProofSenderFieldEvent {
    field: '$.viewchange.checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PbftMessageViewchangeCheckpointProofSigFieldEvent {
    field: '$.viewchange.checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedViewFieldEvent {
    field: '$.viewchange.prepared[].view'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedHeightFieldEvent {
    field: '$.viewchange.prepared[].height'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockHeightFieldEvent {
    field: '$.viewchange.prepared[].block.height'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockPrevHashFieldEvent {
    field: '$.viewchange.prepared[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockProposerFieldEvent {
    field: '$.viewchange.prepared[].block.proposer'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockVrfProofFieldEvent {
    field: '$.viewchange.prepared[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockNextSeedFieldEvent {
    field: '$.viewchange.prepared[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRootFieldEvent {
    field: '$.viewchange.prepared[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRequestsClientFieldEvent {
    field: '$.viewchange.prepared[].block.requests[].client'
    value: string
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRequestsEpochFieldEvent {
    field: '$.viewchange.prepared[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRequestsCounterFieldEvent {
    field: '$.viewchange.prepared[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRequestsOpFieldEvent {
    field: '$.viewchange.prepared[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockRequestsSigFieldEvent {
    field: '$.viewchange.prepared[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedBlockAppFieldEvent {
    field: '$.viewchange.prepared[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedVotesReplicaFieldEvent {
    field: '$.viewchange.prepared[].votes[].replica'
    value: number
    index: number
  }

  export interface PbftMessageViewchangePreparedVotesSigFieldEvent {
    field: '$.viewchange.prepared[].votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangePreparedVotesExtFieldEvent {
    field: '$.viewchange.prepared[].votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageViewchangeSenderFieldEvent {
    field: '$.viewchange.sender'
    value: number
  }

  export interface PbftMessageViewchangeSigFieldEvent {
    field: '$.viewchange.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageNewviewViewFieldEvent {
    field: '$.newview.view'
    value: number
  }

  export interface PbftMessageNewviewViewChangesViewFieldEvent {
    field: '$.newview.viewChanges[].view'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointHeightFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.height'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointBlockHashFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointNextSeedFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointStateDigestFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofHeightFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofBlockHashFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofNextSeedFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofStateDigestFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofSenderFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesCheckpointProofSigFieldEvent {
    field: '$.newview.viewChanges[].checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedViewFieldEvent {
    field: '$.newview.viewChanges[].prepared[].view'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedHeightFieldEvent {
    field: '$.newview.viewChanges[].prepared[].height'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockHeightFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.height'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockPrevHashFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockProposerFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.proposer'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockVrfProofFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockNextSeedFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRootFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRequestsClientFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.requests[].client'
    value: string
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRequestsEpochFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRequestsCounterFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRequestsOpFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockRequestsSigFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedBlockAppFieldEvent {
    field: '$.newview.viewChanges[].prepared[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedVotesReplicaFieldEvent {
    field: '$.newview.viewChanges[].prepared[].votes[].replica'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedVotesSigFieldEvent {
    field: '$.newview.viewChanges[].prepared[].votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesPreparedVotesExtFieldEvent {
    field: '$.newview.viewChanges[].prepared[].votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewViewChangesSenderFieldEvent {
    field: '$.newview.viewChanges[].sender'
    value: number
    index: number
  }

  export interface PbftMessageNewviewViewChangesSigFieldEvent {
    field: '$.newview.viewChanges[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageNewviewDigestsFieldEvent {
    field: '$.newview.digests[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageNewviewSenderFieldEvent {
    field: '$.newview.sender'
    value: number
  }

  export interface PbftMessageNewviewSigFieldEvent {
    field: '$.newview.sig'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageStatusViewFieldEvent {
    field: '$.status.view'
    value: number
  }

  export interface PbftMessageStatusNormalFieldEvent {
    field: '$.status.normal'
    value: boolean
  }

  export interface PbftMessageStatusHeightFieldEvent {
    field: '$.status.height'
    value: number
  }

  export interface PbftMessageStatusSenderFieldEvent {
    field: '$.status.sender'
    value: number
  }

  export interface PbftMessageFetchFromFieldEvent {
    field: '$.fetch.from'
    value: number
  }

  export interface PbftMessageFetchSenderFieldEvent {
    field: '$.fetch.sender'
    value: number
  }

  export interface PbftMessageBlocksBlocksBlockHeightFieldEvent {
    field: '$.blocks.blocks[].block.height'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockPrevHashFieldEvent {
    field: '$.blocks.blocks[].block.prevHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockProposerFieldEvent {
    field: '$.blocks.blocks[].block.proposer'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockVrfProofFieldEvent {
    field: '$.blocks.blocks[].block.vrfProof'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockNextSeedFieldEvent {
    field: '$.blocks.blocks[].block.nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRootFieldEvent {
    field: '$.blocks.blocks[].block.root'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRequestsClientFieldEvent {
    field: '$.blocks.blocks[].block.requests[].client'
    value: string
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRequestsEpochFieldEvent {
    field: '$.blocks.blocks[].block.requests[].epoch'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRequestsCounterFieldEvent {
    field: '$.blocks.blocks[].block.requests[].counter'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRequestsOpFieldEvent {
    field: '$.blocks.blocks[].block.requests[].op'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockRequestsSigFieldEvent {
    field: '$.blocks.blocks[].block.requests[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksBlockAppFieldEvent {
    field: '$.blocks.blocks[].block.app'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksCertHeightFieldEvent {
    field: '$.blocks.blocks[].cert.height'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksCertViewFieldEvent {
    field: '$.blocks.blocks[].cert.view'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksCertDigestFieldEvent {
    field: '$.blocks.blocks[].cert.digest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksCertVotesReplicaFieldEvent {
    field: '$.blocks.blocks[].cert.votes[].replica'
    value: number
    index: number
  }

  export interface PbftMessageBlocksBlocksCertVotesSigFieldEvent {
    field: '$.blocks.blocks[].cert.votes[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksBlocksCertVotesExtFieldEvent {
    field: '$.blocks.blocks[].cert.votes[].ext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageBlocksSenderFieldEvent {
    field: '$.blocks.sender'
    value: number
  }

  export interface PbftMessageSnapshotCheckpointHeightFieldEvent {
    field: '$.snapshot.checkpoint.height'
    value: number
  }

  export interface PbftMessageSnapshotCheckpointBlockHashFieldEvent {
    field: '$.snapshot.checkpoint.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotCheckpointNextSeedFieldEvent {
    field: '$.snapshot.checkpoint.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotCheckpointStateDigestFieldEvent {
    field: '$.snapshot.checkpoint.stateDigest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotCheckpointProofHeightFieldEvent {
    field: '$.snapshot.checkpoint.proof[].height'
    value: number
    index: number
  }

  export interface PbftMessageSnapshotCheckpointProofBlockHashFieldEvent {
    field: '$.snapshot.checkpoint.proof[].blockHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageSnapshotCheckpointProofNextSeedFieldEvent {
    field: '$.snapshot.checkpoint.proof[].nextSeed'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageSnapshotCheckpointProofStateDigestFieldEvent {
    field: '$.snapshot.checkpoint.proof[].stateDigest'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageSnapshotCheckpointProofSenderFieldEvent {
    field: '$.snapshot.checkpoint.proof[].sender'
    value: number
    index: number
  }

  export interface PbftMessageSnapshotCheckpointProofSigFieldEvent {
    field: '$.snapshot.checkpoint.proof[].sig'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageSnapshotExecHeightFieldEvent {
    field: '$.snapshot.exec.height'
    value: number
  }

  export interface PbftMessageSnapshotExecHeadHashFieldEvent {
    field: '$.snapshot.exec.headHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotExecNextSeedFieldEvent {
    field: '$.snapshot.exec.nextSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotExecClientsClientFieldEvent {
    field: '$.snapshot.exec.clients[].client'
    value: string
    index: number
  }

  export interface PbftMessageSnapshotExecClientsEpochFieldEvent {
    field: '$.snapshot.exec.clients[].epoch'
    value: number
    index: number
  }

  export interface PbftMessageSnapshotExecClientsCounterFieldEvent {
    field: '$.snapshot.exec.clients[].counter'
    value: number
    index: number
  }

  export interface PbftMessageSnapshotExecClientsHeightFieldEvent {
    field: '$.snapshot.exec.clients[].height'
    value: number
    index: number
  }

  export interface PbftMessageSnapshotExecClientsResultFieldEvent {
    field: '$.snapshot.exec.clients[].result'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface PbftMessageSnapshotAppFieldEvent {
    field: '$.snapshot.app'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageSnapshotSenderFieldEvent {
    field: '$.snapshot.sender'
    value: number
  }

  export interface PbftMessageForwardTxsFieldEvent {
    field: '$.forward.txs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageVrfhintAlphaFieldEvent {
    field: '$.vrfhint.alpha'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageVrfhintProofFieldEvent {
    field: '$.vrfhint.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PbftMessageBatchMsgsFieldEvent {
    field: '$.batch.msgs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PbftMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PbftMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PbftMessage>): PbftMessage {
    return decodeMessage(buf, PbftMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PbftMessage>): Generator<PbftMessagePreprepareViewFieldEvent | PbftMessagePreprepareHeightFieldEvent | PbftMessagePreprepareDigestFieldEvent | PbftMessagePreprepareBlockHeightFieldEvent | PbftMessagePreprepareBlockPrevHashFieldEvent | PbftMessagePreprepareBlockProposerFieldEvent | PbftMessagePreprepareBlockVrfProofFieldEvent | PbftMessagePreprepareBlockNextSeedFieldEvent | PbftMessagePreprepareBlockRootFieldEvent | PbftMessagePreprepareBlockRequestsClientFieldEvent | PbftMessagePreprepareBlockRequestsEpochFieldEvent | PbftMessagePreprepareBlockRequestsCounterFieldEvent | PbftMessagePreprepareBlockRequestsOpFieldEvent | PbftMessagePreprepareBlockRequestsSigFieldEvent | PbftMessagePreprepareBlockAppFieldEvent | PbftMessagePreprepareSenderFieldEvent | PbftMessagePreprepareSigFieldEvent | PbftMessagePrepareViewFieldEvent | PbftMessagePrepareHeightFieldEvent | PbftMessagePrepareDigestFieldEvent | PbftMessagePrepareSenderFieldEvent | PbftMessagePrepareSigFieldEvent | PbftMessagePrepareExtFieldEvent | PbftMessageCommitViewFieldEvent | PbftMessageCommitHeightFieldEvent | PbftMessageCommitDigestFieldEvent | PbftMessageCommitSenderFieldEvent | PbftMessageCommitSigFieldEvent | PbftMessageCommitExtFieldEvent | PbftMessageCheckpointHeightFieldEvent | PbftMessageCheckpointBlockHashFieldEvent | PbftMessageCheckpointNextSeedFieldEvent | PbftMessageCheckpointStateDigestFieldEvent | PbftMessageCheckpointSenderFieldEvent | PbftMessageCheckpointSigFieldEvent | PbftMessageViewchangeViewFieldEvent | PbftMessageViewchangeCheckpointHeightFieldEvent | PbftMessageViewchangeCheckpointBlockHashFieldEvent | PbftMessageViewchangeCheckpointNextSeedFieldEvent | PbftMessageViewchangeCheckpointStateDigestFieldEvent | PbftMessageViewchangeCheckpointProofHeightFieldEvent | PbftMessageViewchangeCheckpointProofBlockHashFieldEvent | PbftMessageViewchangeCheckpointProofNextSeedFieldEvent | PbftMessageViewchangeCheckpointProofStateDigestFieldEvent | PbftMessageViewchangeCheckpointProofSenderFieldEvent | PbftMessageViewchangeCheckpointProofSigFieldEvent | PbftMessageViewchangePreparedViewFieldEvent | PbftMessageViewchangePreparedHeightFieldEvent | PbftMessageViewchangePreparedBlockHeightFieldEvent | PbftMessageViewchangePreparedBlockPrevHashFieldEvent | PbftMessageViewchangePreparedBlockProposerFieldEvent | PbftMessageViewchangePreparedBlockVrfProofFieldEvent | PbftMessageViewchangePreparedBlockNextSeedFieldEvent | PbftMessageViewchangePreparedBlockRootFieldEvent | PbftMessageViewchangePreparedBlockRequestsClientFieldEvent | PbftMessageViewchangePreparedBlockRequestsEpochFieldEvent | PbftMessageViewchangePreparedBlockRequestsCounterFieldEvent | PbftMessageViewchangePreparedBlockRequestsOpFieldEvent | PbftMessageViewchangePreparedBlockRequestsSigFieldEvent | PbftMessageViewchangePreparedBlockAppFieldEvent | PbftMessageViewchangePreparedVotesReplicaFieldEvent | PbftMessageViewchangePreparedVotesSigFieldEvent | PbftMessageViewchangePreparedVotesExtFieldEvent | PbftMessageViewchangeSenderFieldEvent | PbftMessageViewchangeSigFieldEvent | PbftMessageNewviewViewFieldEvent | PbftMessageNewviewViewChangesViewFieldEvent | PbftMessageNewviewViewChangesCheckpointHeightFieldEvent | PbftMessageNewviewViewChangesCheckpointBlockHashFieldEvent | PbftMessageNewviewViewChangesCheckpointNextSeedFieldEvent | PbftMessageNewviewViewChangesCheckpointStateDigestFieldEvent | PbftMessageNewviewViewChangesCheckpointProofHeightFieldEvent | PbftMessageNewviewViewChangesCheckpointProofBlockHashFieldEvent | PbftMessageNewviewViewChangesCheckpointProofNextSeedFieldEvent | PbftMessageNewviewViewChangesCheckpointProofStateDigestFieldEvent | PbftMessageNewviewViewChangesCheckpointProofSenderFieldEvent | PbftMessageNewviewViewChangesCheckpointProofSigFieldEvent | PbftMessageNewviewViewChangesPreparedViewFieldEvent | PbftMessageNewviewViewChangesPreparedHeightFieldEvent | PbftMessageNewviewViewChangesPreparedBlockHeightFieldEvent | PbftMessageNewviewViewChangesPreparedBlockPrevHashFieldEvent | PbftMessageNewviewViewChangesPreparedBlockProposerFieldEvent | PbftMessageNewviewViewChangesPreparedBlockVrfProofFieldEvent | PbftMessageNewviewViewChangesPreparedBlockNextSeedFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRootFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRequestsClientFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRequestsEpochFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRequestsCounterFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRequestsOpFieldEvent | PbftMessageNewviewViewChangesPreparedBlockRequestsSigFieldEvent | PbftMessageNewviewViewChangesPreparedBlockAppFieldEvent | PbftMessageNewviewViewChangesPreparedVotesReplicaFieldEvent | PbftMessageNewviewViewChangesPreparedVotesSigFieldEvent | PbftMessageNewviewViewChangesPreparedVotesExtFieldEvent | PbftMessageNewviewViewChangesSenderFieldEvent | PbftMessageNewviewViewChangesSigFieldEvent | PbftMessageNewviewDigestsFieldEvent | PbftMessageNewviewSenderFieldEvent | PbftMessageNewviewSigFieldEvent | PbftMessageStatusViewFieldEvent | PbftMessageStatusNormalFieldEvent | PbftMessageStatusHeightFieldEvent | PbftMessageStatusSenderFieldEvent | PbftMessageFetchFromFieldEvent | PbftMessageFetchSenderFieldEvent | PbftMessageBlocksBlocksBlockHeightFieldEvent | PbftMessageBlocksBlocksBlockPrevHashFieldEvent | PbftMessageBlocksBlocksBlockProposerFieldEvent | PbftMessageBlocksBlocksBlockVrfProofFieldEvent | PbftMessageBlocksBlocksBlockNextSeedFieldEvent | PbftMessageBlocksBlocksBlockRootFieldEvent | PbftMessageBlocksBlocksBlockRequestsClientFieldEvent | PbftMessageBlocksBlocksBlockRequestsEpochFieldEvent | PbftMessageBlocksBlocksBlockRequestsCounterFieldEvent | PbftMessageBlocksBlocksBlockRequestsOpFieldEvent | PbftMessageBlocksBlocksBlockRequestsSigFieldEvent | PbftMessageBlocksBlocksBlockAppFieldEvent | PbftMessageBlocksBlocksCertHeightFieldEvent | PbftMessageBlocksBlocksCertViewFieldEvent | PbftMessageBlocksBlocksCertDigestFieldEvent | PbftMessageBlocksBlocksCertVotesReplicaFieldEvent | PbftMessageBlocksBlocksCertVotesSigFieldEvent | PbftMessageBlocksBlocksCertVotesExtFieldEvent | PbftMessageBlocksSenderFieldEvent | PbftMessageSnapshotCheckpointHeightFieldEvent | PbftMessageSnapshotCheckpointBlockHashFieldEvent | PbftMessageSnapshotCheckpointNextSeedFieldEvent | PbftMessageSnapshotCheckpointStateDigestFieldEvent | PbftMessageSnapshotCheckpointProofHeightFieldEvent | PbftMessageSnapshotCheckpointProofBlockHashFieldEvent | PbftMessageSnapshotCheckpointProofNextSeedFieldEvent | PbftMessageSnapshotCheckpointProofStateDigestFieldEvent | PbftMessageSnapshotCheckpointProofSenderFieldEvent | PbftMessageSnapshotCheckpointProofSigFieldEvent | PbftMessageSnapshotExecHeightFieldEvent | PbftMessageSnapshotExecHeadHashFieldEvent | PbftMessageSnapshotExecNextSeedFieldEvent | PbftMessageSnapshotExecClientsClientFieldEvent | PbftMessageSnapshotExecClientsEpochFieldEvent | PbftMessageSnapshotExecClientsCounterFieldEvent | PbftMessageSnapshotExecClientsHeightFieldEvent | PbftMessageSnapshotExecClientsResultFieldEvent | PbftMessageSnapshotAppFieldEvent | PbftMessageSnapshotSenderFieldEvent | PbftMessageForwardTxsFieldEvent | PbftMessageVrfhintAlphaFieldEvent | PbftMessageVrfhintProofFieldEvent | PbftMessageBatchMsgsFieldEvent> {
    return streamMessage(buf, PbftMessage.codec(), opts)
  }
}
