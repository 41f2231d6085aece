import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface TxSubmit {
  tx: Uint8Array<ArrayBuffer>
  wait: boolean
}

export namespace TxSubmit {
  let _codec: Codec<TxSubmit>

  export const codec = (): Codec<TxSubmit> => {
    if (_codec == null) {
      _codec = message<TxSubmit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tx != null && obj.tx.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tx)
        }

        if ((obj.wait != null && obj.wait !== false)) {
          w.uint32(16)
          w.bool(obj.wait)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tx: uint8ArrayAlloc(0),
          wait: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tx = reader.bytes()
              break
            }
            case 2: {
              obj.wait = reader.bool()
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
                field: `${prefix}.tx`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.wait`,
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

  export interface TxSubmitTxFieldEvent {
    field: '$.tx'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxSubmitWaitFieldEvent {
    field: '$.wait'
    value: boolean
  }

  export function encode (obj: Partial<TxSubmit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TxSubmit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxSubmit>): TxSubmit {
    return decodeMessage(buf, TxSubmit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxSubmit>): Generator<TxSubmitTxFieldEvent | TxSubmitWaitFieldEvent> {
    return streamMessage(buf, TxSubmit.codec(), opts)
  }
}

export interface TxReceipt {
  status: number
  error: string
  txHash: Uint8Array<ArrayBuffer>
  code: number
  height: number
  header: Uint8Array<ArrayBuffer>
  certificate: Uint8Array<ArrayBuffer>
  index: number
  result: Uint8Array<ArrayBuffer>
}

export namespace TxReceipt {
  let _codec: Codec<TxReceipt>

  export const codec = (): Codec<TxReceipt> => {
    if (_codec == null) {
      _codec = message<TxReceipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.status != null && obj.status !== 0)) {
          w.uint32(8)
          w.uint32(obj.status)
        }

        if ((obj.error != null && obj.error !== '')) {
          w.uint32(18)
          w.string(obj.error)
        }

        if ((obj.txHash != null && obj.txHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.txHash)
        }

        if ((obj.code != null && obj.code !== 0)) {
          w.uint32(32)
          w.uint32(obj.code)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.height)
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.header)
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.certificate)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(64)
          w.uint32(obj.index)
        }

        if ((obj.result != null && obj.result.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.result)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: 0,
          error: '',
          txHash: uint8ArrayAlloc(0),
          code: 0,
          height: 0,
          header: uint8ArrayAlloc(0),
          certificate: uint8ArrayAlloc(0),
          index: 0,
          result: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = reader.uint32()
              break
            }
            case 2: {
              obj.error = reader.string()
              break
            }
            case 3: {
              obj.txHash = reader.bytes()
              break
            }
            case 4: {
              obj.code = reader.uint32()
              break
            }
            case 5: {
              obj.height = reader.uint64Number()
              break
            }
            case 6: {
              obj.header = reader.bytes()
              break
            }
            case 7: {
              obj.certificate = reader.bytes()
              break
            }
            case 8: {
              obj.index = reader.uint32()
              break
            }
            case 9: {
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
                field: `${prefix}.status`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.error`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.txHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.code`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
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

  export interface TxReceiptStatusFieldEvent {
    field: '$.status'
    value: number
  }

  export interface TxReceiptErrorFieldEvent {
    field: '$.error'
    value: string
  }

  export interface TxReceiptTxHashFieldEvent {
    field: '$.txHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxReceiptCodeFieldEvent {
    field: '$.code'
    value: number
  }

  export interface TxReceiptHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface TxReceiptHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxReceiptCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxReceiptIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface TxReceiptResultFieldEvent {
    field: '$.result'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<TxReceipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TxReceipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxReceipt>): TxReceipt {
    return decodeMessage(buf, TxReceipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxReceipt>): Generator<TxReceiptStatusFieldEvent | TxReceiptErrorFieldEvent | TxReceiptTxHashFieldEvent | TxReceiptCodeFieldEvent | TxReceiptHeightFieldEvent | TxReceiptHeaderFieldEvent | TxReceiptCertificateFieldEvent | TxReceiptIndexFieldEvent | TxReceiptResultFieldEvent> {
    return streamMessage(buf, TxReceipt.codec(), opts)
  }
}
