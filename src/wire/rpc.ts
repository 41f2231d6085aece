import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface RpcFrame {
  id: bigint
  response: boolean
  body: Uint8Array<ArrayBuffer>
  error: string
}

export namespace RpcFrame {
  let _codec: Codec<RpcFrame>

  export const codec = (): Codec<RpcFrame> => {
    if (_codec == null) {
      _codec = message<RpcFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0n)) {
          w.uint32(8)
          w.uint64(obj.id)
        }

        if ((obj.response != null && obj.response !== false)) {
          w.uint32(16)
          w.bool(obj.response)
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.body)
        }

        if ((obj.error != null && obj.error !== '')) {
          w.uint32(34)
          w.string(obj.error)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0n,
          response: false,
          body: uint8ArrayAlloc(0),
          error: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint64()
              break
            }
            case 2: {
              obj.response = reader.bool()
              break
            }
            case 3: {
              obj.body = reader.bytes()
              break
            }
            case 4: {
              obj.error = reader.string()
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
                field: `${prefix}.id`,
                value: reader.uint64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.response`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.error`,
                value: reader.string()
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

  export interface RpcFrameIdFieldEvent {
    field: '$.id'
    value: bigint
  }

  export interface RpcFrameResponseFieldEvent {
    field: '$.response'
    value: boolean
  }

  export interface RpcFrameBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RpcFrameErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export function encode (obj: Partial<RpcFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RpcFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcFrame>): RpcFrame {
    return decodeMessage(buf, RpcFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RpcFrame>): Generator<RpcFrameIdFieldEvent | RpcFrameResponseFieldEvent | RpcFrameBodyFieldEvent | RpcFrameErrorFieldEvent> {
    return streamMessage(buf, RpcFrame.codec(), opts)
  }
}
