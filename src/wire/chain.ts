import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface CertifiedHeader {
  header: Uint8Array<ArrayBuffer>
  cert: Uint8Array<ArrayBuffer>
}

export namespace CertifiedHeader {
  let _codec: Codec<CertifiedHeader>

  export const codec = (): Codec<CertifiedHeader> => {
    if (_codec == null) {
      _codec = message<CertifiedHeader>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.header != null && obj.header.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.header)
        }

        if ((obj.cert != null && obj.cert.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.cert)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          header: uint8ArrayAlloc(0),
          cert: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.header = reader.bytes()
              break
            }
            case 2: {
              obj.cert = reader.bytes()
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
                field: `${prefix}.header`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.cert`,
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

  export interface CertifiedHeaderHeaderFieldEvent {
    field: '$.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CertifiedHeaderCertFieldEvent {
    field: '$.cert'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<CertifiedHeader>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CertifiedHeader.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CertifiedHeader>): CertifiedHeader {
    return decodeMessage(buf, CertifiedHeader.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CertifiedHeader>): Generator<CertifiedHeaderHeaderFieldEvent | CertifiedHeaderCertFieldEvent> {
    return streamMessage(buf, CertifiedHeader.codec(), opts)
  }
}

export interface ChainRequest {
  kind: number
  from: number
  max: number
  terminalId: Uint8Array<ArrayBuffer>
  height: number
}

export namespace ChainRequest {
  let _codec: Codec<ChainRequest>

  export const codec = (): Codec<ChainRequest> => {
    if (_codec == null) {
      _codec = message<ChainRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.kind != null && obj.kind !== 0)) {
          w.uint32(8)
          w.uint32(obj.kind)
        }

        if ((obj.from != null && obj.from !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.from)
        }

        if ((obj.max != null && obj.max !== 0)) {
          w.uint32(24)
          w.uint32(obj.max)
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.terminalId)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.height)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          kind: 0,
          from: 0,
          max: 0,
          terminalId: uint8ArrayAlloc(0),
          height: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.kind = reader.uint32()
              break
            }
            case 2: {
              obj.from = reader.uint64Number()
              break
            }
            case 3: {
              obj.max = reader.uint32()
              break
            }
            case 4: {
              obj.terminalId = reader.bytes()
              break
            }
            case 5: {
              obj.height = reader.uint64Number()
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
                field: `${prefix}.kind`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.from`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.max`,
                value: reader.uint32()
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
                field: `${prefix}.height`,
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

  export interface ChainRequestKindFieldEvent {
    field: '$.kind'
    value: number
  }

  export interface ChainRequestFromFieldEvent {
    field: '$.from'
    value: number
  }

  export interface ChainRequestMaxFieldEvent {
    field: '$.max'
    value: number
  }

  export interface ChainRequestTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRequestHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export function encode (obj: Partial<ChainRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRequest>): ChainRequest {
    return decodeMessage(buf, ChainRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRequest>): Generator<ChainRequestKindFieldEvent | ChainRequestFromFieldEvent | ChainRequestMaxFieldEvent | ChainRequestTerminalIdFieldEvent | ChainRequestHeightFieldEvent> {
    return streamMessage(buf, ChainRequest.codec(), opts)
  }
}

export interface ChainResponse {
  head: number
  headers: CertifiedHeader[]
  record: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
  block: Uint8Array<ArrayBuffer>
  cert: Uint8Array<ArrayBuffer>
}

export namespace ChainResponse {
  let _codec: Codec<ChainResponse>

  export const codec = (): Codec<ChainResponse> => {
    if (_codec == null) {
      _codec = message<ChainResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.head != null && obj.head !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.head)
        }

        if (obj.headers != null && obj.headers.length > 0) {
          for (const value of obj.headers) {
            w.uint32(18)
            CertifiedHeader.codec().encode(value, w)
          }
        }

        if ((obj.record != null && obj.record.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.record)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.proof)
        }

        if ((obj.block != null && obj.block.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.block)
        }

        if ((obj.cert != null && obj.cert.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.cert)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          head: 0,
          headers: [],
          record: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0),
          block: uint8ArrayAlloc(0),
          cert: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.head = reader.uint64Number()
              break
            }
            case 2: {
              if (opts.limits?.headers != null && obj.headers.length === opts.limits.headers) {
                throw new MaxLengthError('Decode error - repeated field "headers" had too many elements')
              }

              obj.headers.push(CertifiedHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.headers$
              }))
              break
            }
            case 3: {
              obj.record = reader.bytes()
              break
            }
            case 4: {
              obj.proof = reader.bytes()
              break
            }
            case 5: {
              obj.block = reader.bytes()
              break
            }
            case 6: {
              obj.cert = reader.bytes()
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
          headers: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.head`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              if (opts.limits?.headers != null && obj.headers === opts.limits.headers) {
                throw new MaxLengthError('Streaming decode error - repeated field "headers" had too many elements')
              }

              for (const evt of CertifiedHeader.codec().stream(reader, reader.uint32(), `${prefix}.headers[]`, {
                limits: opts.limits?.headers$
              })) {
                yield {
                  ...evt,
                  index: obj.headers
                }
              }

              obj.headers++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.record`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.proof`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.block`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.cert`,
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

  export interface ChainResponseHeadFieldEvent {
    field: '$.head'
    value: number
  }

  export interface ChainResponseHeadersHeaderFieldEvent {
    field: '$.headers[].header'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainResponseHeadersCertFieldEvent {
    field: '$.headers[].cert'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ChainResponseRecordFieldEvent {
    field: '$.record'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainResponseProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainResponseBlockFieldEvent {
    field: '$.block'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainResponseCertFieldEvent {
    field: '$.cert'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainResponse>): ChainResponse {
    return decodeMessage(buf, ChainResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainResponse>): Generator<ChainResponseHeadFieldEvent | ChainResponseHeadersHeaderFieldEvent | ChainResponseHeadersCertFieldEvent | ChainResponseRecordFieldEvent | ChainResponseProofFieldEvent | ChainResponseBlockFieldEvent | ChainResponseCertFieldEvent> {
    return streamMessage(buf, ChainResponse.codec(), opts)
  }
}

export interface ChainPush {
  head?: CertifiedHeader
}

export namespace ChainPush {
  let _codec: Codec<ChainPush>

  export const codec = (): Codec<ChainPush> => {
    if (_codec == null) {
      _codec = message<ChainPush>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.head != null) {
          w.uint32(10)
          CertifiedHeader.codec().encode(obj.head, w)
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
              obj.head = CertifiedHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.head
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
              yield * CertifiedHeader.codec().stream(reader, reader.uint32(), `${prefix}.head`, {
                limits: opts.limits?.head
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

  export interface ChainPushHeadHeaderFieldEvent {
    field: '$.head.header'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainPushHeadCertFieldEvent {
    field: '$.head.cert'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<ChainPush>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainPush.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainPush>): ChainPush {
    return decodeMessage(buf, ChainPush.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainPush>): Generator<ChainPushHeadHeaderFieldEvent | ChainPushHeadCertFieldEvent> {
    return streamMessage(buf, ChainPush.codec(), opts)
  }
}
