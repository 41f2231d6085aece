import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum BlockOp {
  UNKNOWN = 'UNKNOWN',
  STORE = 'STORE',
  FETCH = 'FETCH',
  HAS = 'HAS'
}

enum __BlockOpValues {
  UNKNOWN = 0,
  STORE = 1,
  FETCH = 2,
  HAS = 3
}

export namespace BlockOp {
  export const codec = (): Codec<BlockOp> => {
    return enumeration<BlockOp>(__BlockOpValues)
  }
}

export interface BlockRequest {
  op: BlockOp
  hashes: Uint8Array<ArrayBuffer>[]
  block: Uint8Array<ArrayBuffer>
  annex: Uint8Array<ArrayBuffer>
  wantAnnex: boolean
}

export namespace BlockRequest {
  let _codec: Codec<BlockRequest>

  export const codec = (): Codec<BlockRequest> => {
    if (_codec == null) {
      _codec = message<BlockRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.op != null && __BlockOpValues[obj.op] !== 0) {
          w.uint32(8)
          BlockOp.codec().encode(obj.op, w)
        }

        if (obj.hashes != null && obj.hashes.length > 0) {
          for (const value of obj.hashes) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if ((obj.block != null && obj.block.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.block)
        }

        if ((obj.annex != null && obj.annex.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.annex)
        }

        if ((obj.wantAnnex != null && obj.wantAnnex !== false)) {
          w.uint32(40)
          w.bool(obj.wantAnnex)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          op: BlockOp.UNKNOWN,
          hashes: [],
          block: uint8ArrayAlloc(0),
          annex: uint8ArrayAlloc(0),
          wantAnnex: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.op = BlockOp.codec().decode(reader)
              break
            }
            case 2: {
              if (opts.limits?.hashes != null && obj.hashes.length === opts.limits.hashes) {
                throw new MaxLengthError('Decode error - repeated field "hashes" had too many elements')
              }

              obj.hashes.push(reader.bytes())
              break
            }
            case 3: {
              obj.block = reader.bytes()
              break
            }
            case 4: {
              obj.annex = reader.bytes()
              break
            }
            case 5: {
              obj.wantAnnex = reader.bool()
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
          hashes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.op`,
                value: BlockOp.codec().decode(reader)
              }
              break
            }
            case 2: {
              if (opts.limits?.hashes != null && obj.hashes === opts.limits.hashes) {
                throw new MaxLengthError('Streaming decode error - repeated field "hashes" had too many elements')
              }

              yield {
                field: `${prefix}.hashes[]`,
                index: obj.hashes,
                value: reader.bytes()
              }

              obj.hashes++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.block`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.annex`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.wantAnnex`,
                value: reader.bool()
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

  export interface BlockRequestOpFieldEvent {
    field: '$.op'
    value: BlockOp
  }

  export interface BlockRequestHashesFieldEvent {
    field: '$.hashes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockRequestBlockFieldEvent {
    field: '$.block'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockRequestAnnexFieldEvent {
    field: '$.annex'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockRequestWantAnnexFieldEvent {
    field: '$.wantAnnex'
    value: boolean
  }

  export function encode (obj: Partial<BlockRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, BlockRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockRequest>): BlockRequest {
    return decodeMessage(buf, BlockRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockRequest>): Generator<BlockRequestOpFieldEvent | BlockRequestHashesFieldEvent | BlockRequestBlockFieldEvent | BlockRequestAnnexFieldEvent | BlockRequestWantAnnexFieldEvent> {
    return streamMessage(buf, BlockRequest.codec(), opts)
  }
}

export interface BlockResponse {
  ok: boolean
  block: Uint8Array<ArrayBuffer>
  have: boolean[]
}

export namespace BlockResponse {
  let _codec: Codec<BlockResponse>

  export const codec = (): Codec<BlockResponse> => {
    if (_codec == null) {
      _codec = message<BlockResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ok != null && obj.ok !== false)) {
          w.uint32(8)
          w.bool(obj.ok)
        }

        if ((obj.block != null && obj.block.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.block)
        }

        if (obj.have != null && obj.have.length > 0) {
          for (const value of obj.have) {
            w.uint32(24)
            w.bool(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ok: false,
          block: uint8ArrayAlloc(0),
          have: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ok = reader.bool()
              break
            }
            case 2: {
              obj.block = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.have != null && obj.have.length === opts.limits.have) {
                throw new MaxLengthError('Decode error - repeated field "have" had too many elements')
              }

              obj.have.push(reader.bool())
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
          have: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.ok`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.block`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.have != null && obj.have === opts.limits.have) {
                throw new MaxLengthError('Streaming decode error - repeated field "have" had too many elements')
              }

              yield {
                field: `${prefix}.have[]`,
                index: obj.have,
                value: reader.bool()
              }

              obj.have++

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

  export interface BlockResponseOkFieldEvent {
    field: '$.ok'
    value: boolean
  }

  export interface BlockResponseBlockFieldEvent {
    field: '$.block'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockResponseHaveFieldEvent {
    field: '$.have[]'
    index: number
    value: boolean
  }

  export function encode (obj: Partial<BlockResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, BlockResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockResponse>): BlockResponse {
    return decodeMessage(buf, BlockResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockResponse>): Generator<BlockResponseOkFieldEvent | BlockResponseBlockFieldEvent | BlockResponseHaveFieldEvent> {
    return streamMessage(buf, BlockResponse.codec(), opts)
  }
}
