import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SubmitRequest {
  tx: Uint8Array<ArrayBuffer>
}

export namespace SubmitRequest {
  let _codec: Codec<SubmitRequest>

  export const codec = (): Codec<SubmitRequest> => {
    if (_codec == null) {
      _codec = message<SubmitRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.tx != null && obj.tx.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.tx)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          tx: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.tx = reader.bytes()
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

  export interface SubmitRequestTxFieldEvent {
    field: '$.tx'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SubmitRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SubmitRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitRequest>): SubmitRequest {
    return decodeMessage(buf, SubmitRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitRequest>): Generator<SubmitRequestTxFieldEvent> {
    return streamMessage(buf, SubmitRequest.codec(), opts)
  }
}

export interface SubmitResult {
  code: number
  reason: string
  height: number
  header: Uint8Array<ArrayBuffer>
  cert: Uint8Array<ArrayBuffer>
  record: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
}

export namespace SubmitResult {
  let _codec: Codec<SubmitResult>

  export const codec = (): Codec<SubmitResult> => {
    if (_codec == null) {
      _codec = message<SubmitResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.code != null && obj.code !== 0)) {
          w.uint32(8)
          w.uint32(obj.code)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(18)
          w.string(obj.reason)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.height)
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.header)
        }

        if ((obj.cert != null && obj.cert.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.cert)
        }

        if ((obj.record != null && obj.record.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.record)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: 0,
          reason: '',
          height: 0,
          header: uint8ArrayAlloc(0),
          cert: uint8ArrayAlloc(0),
          record: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = reader.uint32()
              break
            }
            case 2: {
              obj.reason = reader.string()
              break
            }
            case 3: {
              obj.height = reader.uint64Number()
              break
            }
            case 4: {
              obj.header = reader.bytes()
              break
            }
            case 5: {
              obj.cert = reader.bytes()
              break
            }
            case 6: {
              obj.record = reader.bytes()
              break
            }
            case 7: {
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
                field: `${prefix}.code`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
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
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.cert`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.record`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
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

  export interface SubmitResultCodeFieldEvent {
    field: '$.code'
    value: number
  }

  export interface SubmitResultReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface SubmitResultHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface SubmitResultHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SubmitResultCertFieldEvent {
    field: '$.cert'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SubmitResultRecordFieldEvent {
    field: '$.record'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SubmitResultProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SubmitResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SubmitResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitResult>): SubmitResult {
    return decodeMessage(buf, SubmitResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitResult>): Generator<SubmitResultCodeFieldEvent | SubmitResultReasonFieldEvent | SubmitResultHeightFieldEvent | SubmitResultHeaderFieldEvent | SubmitResultCertFieldEvent | SubmitResultRecordFieldEvent | SubmitResultProofFieldEvent> {
    return streamMessage(buf, SubmitResult.codec(), opts)
  }
}

export interface AuthHello {
  terminalId: Uint8Array<ArrayBuffer>
  value: Uint8Array<ArrayBuffer>
  mutual: boolean
  minHeight: number
}

export namespace AuthHello {
  let _codec: Codec<AuthHello>

  export const codec = (): Codec<AuthHello> => {
    if (_codec == null) {
      _codec = message<AuthHello>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terminalId)
        }

        if ((obj.value != null && obj.value.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.value)
        }

        if ((obj.mutual != null && obj.mutual !== false)) {
          w.uint32(24)
          w.bool(obj.mutual)
        }

        if ((obj.minHeight != null && obj.minHeight !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.minHeight)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          value: uint8ArrayAlloc(0),
          mutual: false,
          minHeight: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.terminalId = reader.bytes()
              break
            }
            case 2: {
              obj.value = reader.bytes()
              break
            }
            case 3: {
              obj.mutual = reader.bool()
              break
            }
            case 4: {
              obj.minHeight = reader.uint64Number()
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
                field: `${prefix}.terminalId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.mutual`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.minHeight`,
                value: reader.uint64Number()
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

  export interface AuthHelloTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthHelloValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthHelloMutualFieldEvent {
    field: '$.mutual'
    value: boolean
  }

  export interface AuthHelloMinHeightFieldEvent {
    field: '$.minHeight'
    value: number
  }

  export function encode (obj: Partial<AuthHello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AuthHello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthHello>): AuthHello {
    return decodeMessage(buf, AuthHello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthHello>): Generator<AuthHelloTerminalIdFieldEvent | AuthHelloValueFieldEvent | AuthHelloMutualFieldEvent | AuthHelloMinHeightFieldEvent> {
    return streamMessage(buf, AuthHello.codec(), opts)
  }
}

export interface AuthReply {
  accepted: boolean
  reason: number
  detail: string
  terminalId: Uint8Array<ArrayBuffer>
  value: Uint8Array<ArrayBuffer>
  minHeight: number
}

export namespace AuthReply {
  let _codec: Codec<AuthReply>

  export const codec = (): Codec<AuthReply> => {
    if (_codec == null) {
      _codec = message<AuthReply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accepted != null && obj.accepted !== false)) {
          w.uint32(8)
          w.bool(obj.accepted)
        }

        if ((obj.reason != null && obj.reason !== 0)) {
          w.uint32(16)
          w.uint32(obj.reason)
        }

        if ((obj.detail != null && obj.detail !== '')) {
          w.uint32(26)
          w.string(obj.detail)
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.terminalId)
        }

        if ((obj.value != null && obj.value.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.value)
        }

        if ((obj.minHeight != null && obj.minHeight !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.minHeight)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accepted: false,
          reason: 0,
          detail: '',
          terminalId: uint8ArrayAlloc(0),
          value: uint8ArrayAlloc(0),
          minHeight: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accepted = reader.bool()
              break
            }
            case 2: {
              obj.reason = reader.uint32()
              break
            }
            case 3: {
              obj.detail = reader.string()
              break
            }
            case 4: {
              obj.terminalId = reader.bytes()
              break
            }
            case 5: {
              obj.value = reader.bytes()
              break
            }
            case 6: {
              obj.minHeight = reader.uint64Number()
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
                field: `${prefix}.accepted`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.reason`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.detail`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.terminalId`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.value`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.minHeight`,
                value: reader.uint64Number()
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

  export interface AuthReplyAcceptedFieldEvent {
    field: '$.accepted'
    value: boolean
  }

  export interface AuthReplyReasonFieldEvent {
    field: '$.reason'
    value: number
  }

  export interface AuthReplyDetailFieldEvent {
    field: '$.detail'
    value: string
  }

  export interface AuthReplyTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthReplyValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthReplyMinHeightFieldEvent {
    field: '$.minHeight'
    value: number
  }

  export function encode (obj: Partial<AuthReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AuthReply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthReply>): AuthReply {
    return decodeMessage(buf, AuthReply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthReply>): Generator<AuthReplyAcceptedFieldEvent | AuthReplyReasonFieldEvent | AuthReplyDetailFieldEvent | AuthReplyTerminalIdFieldEvent | AuthReplyValueFieldEvent | AuthReplyMinHeightFieldEvent> {
    return streamMessage(buf, AuthReply.codec(), opts)
  }
}

export interface AuthJudged {
  value: Uint8Array<ArrayBuffer>
}

export namespace AuthJudged {
  let _codec: Codec<AuthJudged>

  export const codec = (): Codec<AuthJudged> => {
    if (_codec == null) {
      _codec = message<AuthJudged>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.value != null && obj.value.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          value: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.value = reader.bytes()
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
                field: `${prefix}.value`,
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

  export interface AuthJudgedValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AuthJudged>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AuthJudged.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthJudged>): AuthJudged {
    return decodeMessage(buf, AuthJudged.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthJudged>): Generator<AuthJudgedValueFieldEvent> {
    return streamMessage(buf, AuthJudged.codec(), opts)
  }
}
