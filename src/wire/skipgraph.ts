import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface NodeRef {
  id: string
  key: Uint8Array<ArrayBuffer>
  mv: string
  addrs: Uint8Array<ArrayBuffer>[]
}

export namespace NodeRef {
  let _codec: Codec<NodeRef>

  export const codec = (): Codec<NodeRef> => {
    if (_codec == null) {
      _codec = message<NodeRef>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.key != null && obj.key.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.key)
        }

        if ((obj.mv != null && obj.mv !== '')) {
          w.uint32(26)
          w.string(obj.mv)
        }

        if (obj.addrs != null && obj.addrs.length > 0) {
          for (const value of obj.addrs) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          key: uint8ArrayAlloc(0),
          mv: '',
          addrs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.key = reader.bytes()
              break
            }
            case 3: {
              obj.mv = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.addrs != null && obj.addrs.length === opts.limits.addrs) {
                throw new MaxLengthError('Decode error - repeated field "addrs" had too many elements')
              }

              obj.addrs.push(reader.bytes())
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
          addrs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.key`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.mv`,
                value: reader.string()
              }
              break
            }
            case 4: {
              if (opts.limits?.addrs != null && obj.addrs === opts.limits.addrs) {
                throw new MaxLengthError('Streaming decode error - repeated field "addrs" had too many elements')
              }

              yield {
                field: `${prefix}.addrs[]`,
                index: obj.addrs,
                value: reader.bytes()
              }

              obj.addrs++

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

  export interface NodeRefIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface NodeRefKeyFieldEvent {
    field: '$.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface NodeRefMvFieldEvent {
    field: '$.mv'
    value: string
  }

  export interface NodeRefAddrsFieldEvent {
    field: '$.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<NodeRef>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NodeRef.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeRef>): NodeRef {
    return decodeMessage(buf, NodeRef.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeRef>): Generator<NodeRefIdFieldEvent | NodeRefKeyFieldEvent | NodeRefMvFieldEvent | NodeRefAddrsFieldEvent> {
    return streamMessage(buf, NodeRef.codec(), opts)
  }
}

export interface Level {
  left: NodeRef[]
  right: NodeRef[]
}

export namespace Level {
  let _codec: Codec<Level>

  export const codec = (): Codec<Level> => {
    if (_codec == null) {
      _codec = message<Level>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.left != null && obj.left.length > 0) {
          for (const value of obj.left) {
            w.uint32(10)
            NodeRef.codec().encode(value, w)
          }
        }

        if (obj.right != null && obj.right.length > 0) {
          for (const value of obj.right) {
            w.uint32(18)
            NodeRef.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          left: [],
          right: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.left != null && obj.left.length === opts.limits.left) {
                throw new MaxLengthError('Decode error - repeated field "left" had too many elements')
              }

              obj.left.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.left$
              }))
              break
            }
            case 2: {
              if (opts.limits?.right != null && obj.right.length === opts.limits.right) {
                throw new MaxLengthError('Decode error - repeated field "right" had too many elements')
              }

              obj.right.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.right$
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
          left: 0,
          right: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.left != null && obj.left === opts.limits.left) {
                throw new MaxLengthError('Streaming decode error - repeated field "left" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.left[]`, {
                limits: opts.limits?.left$
              })) {
                yield {
                  ...evt,
                  index: obj.left
                }
              }

              obj.left++

              break
            }
            case 2: {
              if (opts.limits?.right != null && obj.right === opts.limits.right) {
                throw new MaxLengthError('Streaming decode error - repeated field "right" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.right[]`, {
                limits: opts.limits?.right$
              })) {
                yield {
                  ...evt,
                  index: obj.right
                }
              }

              obj.right++

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

  export interface LevelLeftIdFieldEvent {
    field: '$.left[].id'
    value: string
    index: number
  }

  export interface LevelLeftKeyFieldEvent {
    field: '$.left[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface LevelLeftMvFieldEvent {
    field: '$.left[].mv'
    value: string
    index: number
  }

  export interface LevelLeftAddrsFieldEvent {
    field: '$.left[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface LevelRightIdFieldEvent {
    field: '$.right[].id'
    value: string
    index: number
  }

  export interface LevelRightKeyFieldEvent {
    field: '$.right[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface LevelRightMvFieldEvent {
    field: '$.right[].mv'
    value: string
    index: number
  }

  export interface LevelRightAddrsFieldEvent {
    field: '$.right[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Level>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Level.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Level>): Level {
    return decodeMessage(buf, Level.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Level>): Generator<LevelLeftIdFieldEvent | LevelLeftKeyFieldEvent | LevelLeftMvFieldEvent | LevelLeftAddrsFieldEvent | LevelRightIdFieldEvent | LevelRightKeyFieldEvent | LevelRightMvFieldEvent | LevelRightAddrsFieldEvent> {
    return streamMessage(buf, Level.codec(), opts)
  }
}

export enum MsgType {
  UNKNOWN = 'UNKNOWN',
  SEARCH = 'SEARCH',
  SEARCH_RESULT = 'SEARCH_RESULT',
  SEARCH_FAILED = 'SEARCH_FAILED',
  LINK = 'LINK',
  LINK_OK = 'LINK_OK',
  LINK_REDIRECT = 'LINK_REDIRECT',
  WALK = 'WALK',
  WALK_NONE = 'WALK_NONE',
  GET_NEIGHBOURS = 'GET_NEIGHBOURS',
  NEIGHBOURS = 'NEIGHBOURS',
  UNLINK = 'UNLINK',
  UNLINK_OK = 'UNLINK_OK',
  PING = 'PING',
  PONG = 'PONG'
}

enum __MsgTypeValues {
  UNKNOWN = 0,
  SEARCH = 1,
  SEARCH_RESULT = 2,
  SEARCH_FAILED = 3,
  LINK = 4,
  LINK_OK = 5,
  LINK_REDIRECT = 6,
  WALK = 7,
  WALK_NONE = 8,
  GET_NEIGHBOURS = 9,
  NEIGHBOURS = 10,
  UNLINK = 11,
  UNLINK_OK = 12,
  PING = 13,
  PONG = 14
}

export namespace MsgType {
  export const codec = (): Codec<MsgType> => {
    return enumeration<MsgType>(__MsgTypeValues)
  }
}

export enum Purpose {
  LOOKUP = 'LOOKUP',
  JOIN = 'JOIN',
  PLACE = 'PLACE'
}

enum __PurposeValues {
  LOOKUP = 0,
  JOIN = 1,
  PLACE = 2
}

export namespace Purpose {
  export const codec = (): Codec<Purpose> => {
    return enumeration<Purpose>(__PurposeValues)
  }
}

export enum Side {
  LEFT = 'LEFT',
  RIGHT = 'RIGHT'
}

enum __SideValues {
  LEFT = 0,
  RIGHT = 1
}

export namespace Side {
  export const codec = (): Codec<Side> => {
    return enumeration<Side>(__SideValues)
  }
}

export enum FailReason {
  STUCK = 'STUCK',
  TTL = 'TTL'
}

enum __FailReasonValues {
  STUCK = 0,
  TTL = 1
}

export namespace FailReason {
  export const codec = (): Codec<FailReason> => {
    return enumeration<FailReason>(__FailReasonValues)
  }
}

export interface SgMessage {
  type: MsgType
  qid: string
  origin?: NodeRef
  target: Uint8Array<ArrayBuffer>
  purpose: Purpose
  r?: number
  hops: number
  ttl: number
  node?: NodeRef
  k?: number
  levels: Level[]
  at?: NodeRef
  reason: FailReason
  level: number
  side: Side
  from?: NodeRef
  displaced?: NodeRef
  list: NodeRef[]
  closer?: NodeRef
  left: NodeRef[]
  right: NodeRef[]
  replacement: NodeRef[]
  nonce: bigint
  hasQid: boolean
}

export namespace SgMessage {
  let _codec: Codec<SgMessage>

  export const codec = (): Codec<SgMessage> => {
    if (_codec == null) {
      _codec = message<SgMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.type != null && __MsgTypeValues[obj.type] !== 0) {
          w.uint32(8)
          MsgType.codec().encode(obj.type, w)
        }

        if ((obj.qid != null && obj.qid !== '')) {
          w.uint32(18)
          w.string(obj.qid)
        }

        if (obj.origin != null) {
          w.uint32(26)
          NodeRef.codec().encode(obj.origin, w)
        }

        if ((obj.target != null && obj.target.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.target)
        }

        if (obj.purpose != null && __PurposeValues[obj.purpose] !== 0) {
          w.uint32(40)
          Purpose.codec().encode(obj.purpose, w)
        }

        if (obj.r != null) {
          w.uint32(48)
          w.uint32(obj.r)
        }

        if ((obj.hops != null && obj.hops !== 0)) {
          w.uint32(56)
          w.uint32(obj.hops)
        }

        if ((obj.ttl != null && obj.ttl !== 0)) {
          w.uint32(64)
          w.uint32(obj.ttl)
        }

        if (obj.node != null) {
          w.uint32(74)
          NodeRef.codec().encode(obj.node, w)
        }

        if (obj.k != null) {
          w.uint32(80)
          w.uint32(obj.k)
        }

        if (obj.levels != null && obj.levels.length > 0) {
          for (const value of obj.levels) {
            w.uint32(90)
            Level.codec().encode(value, w)
          }
        }

        if (obj.at != null) {
          w.uint32(98)
          NodeRef.codec().encode(obj.at, w)
        }

        if (obj.reason != null && __FailReasonValues[obj.reason] !== 0) {
          w.uint32(104)
          FailReason.codec().encode(obj.reason, w)
        }

        if ((obj.level != null && obj.level !== 0)) {
          w.uint32(112)
          w.uint32(obj.level)
        }

        if (obj.side != null && __SideValues[obj.side] !== 0) {
          w.uint32(120)
          Side.codec().encode(obj.side, w)
        }

        if (obj.from != null) {
          w.uint32(130)
          NodeRef.codec().encode(obj.from, w)
        }

        if (obj.displaced != null) {
          w.uint32(138)
          NodeRef.codec().encode(obj.displaced, w)
        }

        if (obj.list != null && obj.list.length > 0) {
          for (const value of obj.list) {
            w.uint32(146)
            NodeRef.codec().encode(value, w)
          }
        }

        if (obj.closer != null) {
          w.uint32(154)
          NodeRef.codec().encode(obj.closer, w)
        }

        if (obj.left != null && obj.left.length > 0) {
          for (const value of obj.left) {
            w.uint32(162)
            NodeRef.codec().encode(value, w)
          }
        }

        if (obj.right != null && obj.right.length > 0) {
          for (const value of obj.right) {
            w.uint32(170)
            NodeRef.codec().encode(value, w)
          }
        }

        if (obj.replacement != null && obj.replacement.length > 0) {
          for (const value of obj.replacement) {
            w.uint32(178)
            NodeRef.codec().encode(value, w)
          }
        }

        if ((obj.nonce != null && obj.nonce !== 0n)) {
          w.uint32(184)
          w.uint64(obj.nonce)
        }

        if ((obj.hasQid != null && obj.hasQid !== false)) {
          w.uint32(192)
          w.bool(obj.hasQid)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: MsgType.UNKNOWN,
          qid: '',
          target: uint8ArrayAlloc(0),
          purpose: Purpose.LOOKUP,
          hops: 0,
          ttl: 0,
          levels: [],
          reason: FailReason.STUCK,
          level: 0,
          side: Side.LEFT,
          list: [],
          left: [],
          right: [],
          replacement: [],
          nonce: 0n,
          hasQid: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = MsgType.codec().decode(reader)
              break
            }
            case 2: {
              obj.qid = reader.string()
              break
            }
            case 3: {
              obj.origin = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.origin
              })
              break
            }
            case 4: {
              obj.target = reader.bytes()
              break
            }
            case 5: {
              obj.purpose = Purpose.codec().decode(reader)
              break
            }
            case 6: {
              obj.r = reader.uint32()
              break
            }
            case 7: {
              obj.hops = reader.uint32()
              break
            }
            case 8: {
              obj.ttl = reader.uint32()
              break
            }
            case 9: {
              obj.node = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.node
              })
              break
            }
            case 10: {
              obj.k = reader.uint32()
              break
            }
            case 11: {
              if (opts.limits?.levels != null && obj.levels.length === opts.limits.levels) {
                throw new MaxLengthError('Decode error - repeated field "levels" had too many elements')
              }

              obj.levels.push(Level.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.levels$
              }))
              break
            }
            case 12: {
              obj.at = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.at
              })
              break
            }
            case 13: {
              obj.reason = FailReason.codec().decode(reader)
              break
            }
            case 14: {
              obj.level = reader.uint32()
              break
            }
            case 15: {
              obj.side = Side.codec().decode(reader)
              break
            }
            case 16: {
              obj.from = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.from
              })
              break
            }
            case 17: {
              obj.displaced = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.displaced
              })
              break
            }
            case 18: {
              if (opts.limits?.list != null && obj.list.length === opts.limits.list) {
                throw new MaxLengthError('Decode error - repeated field "list" had too many elements')
              }

              obj.list.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.list$
              }))
              break
            }
            case 19: {
              obj.closer = NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.closer
              })
              break
            }
            case 20: {
              if (opts.limits?.left != null && obj.left.length === opts.limits.left) {
                throw new MaxLengthError('Decode error - repeated field "left" had too many elements')
              }

              obj.left.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.left$
              }))
              break
            }
            case 21: {
              if (opts.limits?.right != null && obj.right.length === opts.limits.right) {
                throw new MaxLengthError('Decode error - repeated field "right" had too many elements')
              }

              obj.right.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.right$
              }))
              break
            }
            case 22: {
              if (opts.limits?.replacement != null && obj.replacement.length === opts.limits.replacement) {
                throw new MaxLengthError('Decode error - repeated field "replacement" had too many elements')
              }

              obj.replacement.push(NodeRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.replacement$
              }))
              break
            }
            case 23: {
              obj.nonce = reader.uint64()
              break
            }
            case 24: {
              obj.hasQid = reader.bool()
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
          levels: 0,
          list: 0,
          left: 0,
          right: 0,
          replacement: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.type`,
                value: MsgType.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.qid`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.origin`, {
                limits: opts.limits?.origin
              })

              break
            }
            case 4: {
              yield {
                field: `${prefix}.target`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.purpose`,
                value: Purpose.codec().decode(reader)
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.r`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.hops`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.ttl`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.node`, {
                limits: opts.limits?.node
              })

              break
            }
            case 10: {
              yield {
                field: `${prefix}.k`,
                value: reader.uint32()
              }
              break
            }
            case 11: {
              if (opts.limits?.levels != null && obj.levels === opts.limits.levels) {
                throw new MaxLengthError('Streaming decode error - repeated field "levels" had too many elements')
              }

              for (const evt of Level.codec().stream(reader, reader.uint32(), `${prefix}.levels[]`, {
                limits: opts.limits?.levels$
              })) {
                yield {
                  ...evt,
                  index: obj.levels
                }
              }

              obj.levels++

              break
            }
            case 12: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.at`, {
                limits: opts.limits?.at
              })

              break
            }
            case 13: {
              yield {
                field: `${prefix}.reason`,
                value: FailReason.codec().decode(reader)
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.level`,
                value: reader.uint32()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.side`,
                value: Side.codec().decode(reader)
              }
              break
            }
            case 16: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.from`, {
                limits: opts.limits?.from
              })

              break
            }
            case 17: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.displaced`, {
                limits: opts.limits?.displaced
              })

              break
            }
            case 18: {
              if (opts.limits?.list != null && obj.list === opts.limits.list) {
                throw new MaxLengthError('Streaming decode error - repeated field "list" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.list[]`, {
                limits: opts.limits?.list$
              })) {
                yield {
                  ...evt,
                  index: obj.list
                }
              }

              obj.list++

              break
            }
            case 19: {
              yield * NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.closer`, {
                limits: opts.limits?.closer
              })

              break
            }
            case 20: {
              if (opts.limits?.left != null && obj.left === opts.limits.left) {
                throw new MaxLengthError('Streaming decode error - repeated field "left" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.left[]`, {
                limits: opts.limits?.left$
              })) {
                yield {
                  ...evt,
                  index: obj.left
                }
              }

              obj.left++

              break
            }
            case 21: {
              if (opts.limits?.right != null && obj.right === opts.limits.right) {
                throw new MaxLengthError('Streaming decode error - repeated field "right" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.right[]`, {
                limits: opts.limits?.right$
              })) {
                yield {
                  ...evt,
                  index: obj.right
                }
              }

              obj.right++

              break
            }
            case 22: {
              if (opts.limits?.replacement != null && obj.replacement === opts.limits.replacement) {
                throw new MaxLengthError('Streaming decode error - repeated field "replacement" had too many elements')
              }

              for (const evt of NodeRef.codec().stream(reader, reader.uint32(), `${prefix}.replacement[]`, {
                limits: opts.limits?.replacement$
              })) {
                yield {
                  ...evt,
                  index: obj.replacement
                }
              }

              obj.replacement++

              break
            }
            case 23: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.uint64()
              }
              break
            }
            case 24: {
              yield {
                field: `${prefix}.hasQid`,
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

  export interface SgMessageTypeFieldEvent {
    field: '$.type'
    value: MsgType
  }

  export interface SgMessageQidFieldEvent {
    field: '$.qid'
    value: string
  }

  export interface SgMessageOriginIdFieldEvent {
    field: '$.origin.id'
    value: string
  }

  export interface SgMessageOriginKeyFieldEvent {
    field: '$.origin.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageOriginMvFieldEvent {
    field: '$.origin.mv'
    value: string
  }

  export interface SgMessageOriginAddrsFieldEvent {
    field: '$.origin.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageTargetFieldEvent {
    field: '$.target'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessagePurposeFieldEvent {
    field: '$.purpose'
    value: Purpose
  }

  export interface SgMessageRFieldEvent {
    field: '$.r'
    value: number
  }

  export interface SgMessageHopsFieldEvent {
    field: '$.hops'
    value: number
  }

  export interface SgMessageTtlFieldEvent {
    field: '$.ttl'
    value: number
  }

  export interface SgMessageNodeIdFieldEvent {
    field: '$.node.id'
    value: string
  }

  export interface SgMessageNodeKeyFieldEvent {
    field: '$.node.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageNodeMvFieldEvent {
    field: '$.node.mv'
    value: string
  }

  export interface SgMessageNodeAddrsFieldEvent {
    field: '$.node.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageKFieldEvent {
    field: '$.k'
    value: number
  }

  export interface SgMessageLevelsLeftIdFieldEvent {
    field: '$.levels[].left[].id'
    value: string
    index: number
  }

  export interface SgMessageLevelsLeftKeyFieldEvent {
    field: '$.levels[].left[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageLevelsLeftMvFieldEvent {
    field: '$.levels[].left[].mv'
    value: string
    index: number
  }

  export interface SgMessageLevelsLeftAddrsFieldEvent {
    field: '$.levels[].left[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageLevelsRightIdFieldEvent {
    field: '$.levels[].right[].id'
    value: string
    index: number
  }

  export interface SgMessageLevelsRightKeyFieldEvent {
    field: '$.levels[].right[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageLevelsRightMvFieldEvent {
    field: '$.levels[].right[].mv'
    value: string
    index: number
  }

  export interface SgMessageLevelsRightAddrsFieldEvent {
    field: '$.levels[].right[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageAtIdFieldEvent {
    field: '$.at.id'
    value: string
  }

  export interface SgMessageAtKeyFieldEvent {
    field: '$.at.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageAtMvFieldEvent {
    field: '$.at.mv'
    value: string
  }

  export interface SgMessageAtAddrsFieldEvent {
    field: '$.at.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageReasonFieldEvent {
    field: '$.reason'
    value: FailReason
  }

  export interface SgMessageLevelFieldEvent {
    field: '$.level'
    value: number
  }

  export interface SgMessageSideFieldEvent {
    field: '$.side'
    value: Side
  }

  export interface SgMessageFromIdFieldEvent {
    field: '$.from.id'
    value: string
  }

  export interface SgMessageFromKeyFieldEvent {
    field: '$.from.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageFromMvFieldEvent {
    field: '$.from.mv'
    value: string
  }

  export interface SgMessageFromAddrsFieldEvent {
    field: '$.from.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageDisplacedIdFieldEvent {
    field: '$.displaced.id'
    value: string
  }

  export interface SgMessageDisplacedKeyFieldEvent {
    field: '$.displaced.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageDisplacedMvFieldEvent {
    field: '$.displaced.mv'
    value: string
  }

  export interface SgMessageDisplacedAddrsFieldEvent {
    field: '$.displaced.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageListIdFieldEvent {
    field: '$.list[].id'
    value: string
    index: number
  }

  export interface SgMessageListKeyFieldEvent {
    field: '$.list[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageListMvFieldEvent {
    field: '$.list[].mv'
    value: string
    index: number
  }

  export interface SgMessageListAddrsFieldEvent {
    field: '$.list[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageCloserIdFieldEvent {
    field: '$.closer.id'
    value: string
  }

  export interface SgMessageCloserKeyFieldEvent {
    field: '$.closer.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageCloserMvFieldEvent {
    field: '$.closer.mv'
    value: string
  }

  export interface SgMessageCloserAddrsFieldEvent {
    field: '$.closer.addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageLeftIdFieldEvent {
    field: '$.left[].id'
    value: string
    index: number
  }

  export interface SgMessageLeftKeyFieldEvent {
    field: '$.left[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageLeftMvFieldEvent {
    field: '$.left[].mv'
    value: string
    index: number
  }

  export interface SgMessageLeftAddrsFieldEvent {
    field: '$.left[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageRightIdFieldEvent {
    field: '$.right[].id'
    value: string
    index: number
  }

  export interface SgMessageRightKeyFieldEvent {
    field: '$.right[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageRightMvFieldEvent {
    field: '$.right[].mv'
    value: string
    index: number
  }

  export interface SgMessageRightAddrsFieldEvent {
    field: '$.right[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageReplacementIdFieldEvent {
    field: '$.replacement[].id'
    value: string
    index: number
  }

  export interface SgMessageReplacementKeyFieldEvent {
    field: '$.replacement[].key'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SgMessageReplacementMvFieldEvent {
    field: '$.replacement[].mv'
    value: string
    index: number
  }

  export interface SgMessageReplacementAddrsFieldEvent {
    field: '$.replacement[].addrs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface SgMessageNonceFieldEvent {
    field: '$.nonce'
    value: bigint
  }

  export interface SgMessageHasQidFieldEvent {
    field: '$.hasQid'
    value: boolean
  }

  export function encode (obj: Partial<SgMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SgMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SgMessage>): SgMessage {
    return decodeMessage(buf, SgMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SgMessage>): Generator<SgMessageTypeFieldEvent | SgMessageQidFieldEvent | SgMessageOriginIdFieldEvent | SgMessageOriginKeyFieldEvent | SgMessageOriginMvFieldEvent | SgMessageOriginAddrsFieldEvent | SgMessageTargetFieldEvent | SgMessagePurposeFieldEvent | SgMessageRFieldEvent | SgMessageHopsFieldEvent | SgMessageTtlFieldEvent | SgMessageNodeIdFieldEvent | SgMessageNodeKeyFieldEvent | SgMessageNodeMvFieldEvent | SgMessageNodeAddrsFieldEvent | SgMessageKFieldEvent | SgMessageLevelsLeftIdFieldEvent | SgMessageLevelsLeftKeyFieldEvent | SgMessageLevelsLeftMvFieldEvent | SgMessageLevelsLeftAddrsFieldEvent | SgMessageLevelsRightIdFieldEvent | SgMessageLevelsRightKeyFieldEvent | SgMessageLevelsRightMvFieldEvent | SgMessageLevelsRightAddrsFieldEvent | SgMessageAtIdFieldEvent | SgMessageAtKeyFieldEvent | SgMessageAtMvFieldEvent | SgMessageAtAddrsFieldEvent | SgMessageReasonFieldEvent | SgMessageLevelFieldEvent | SgMessageSideFieldEvent | SgMessageFromIdFieldEvent | SgMessageFromKeyFieldEvent | SgMessageFromMvFieldEvent | SgMessageFromAddrsFieldEvent | SgMessageDisplacedIdFieldEvent | SgMessageDisplacedKeyFieldEvent | SgMessageDisplacedMvFieldEvent | SgMessageDisplacedAddrsFieldEvent | SgMessageListIdFieldEvent | SgMessageListKeyFieldEvent | SgMessageListMvFieldEvent | SgMessageListAddrsFieldEvent | SgMessageCloserIdFieldEvent | SgMessageCloserKeyFieldEvent | SgMessageCloserMvFieldEvent | SgMessageCloserAddrsFieldEvent | SgMessageLeftIdFieldEvent | SgMessageLeftKeyFieldEvent | SgMessageLeftMvFieldEvent | SgMessageLeftAddrsFieldEvent | SgMessageRightIdFieldEvent | SgMessageRightKeyFieldEvent | SgMessageRightMvFieldEvent | SgMessageRightAddrsFieldEvent | SgMessageReplacementIdFieldEvent | SgMessageReplacementKeyFieldEvent | SgMessageReplacementMvFieldEvent | SgMessageReplacementAddrsFieldEvent | SgMessageNonceFieldEvent | SgMessageHasQidFieldEvent> {
    return streamMessage(buf, SgMessage.codec(), opts)
  }
}
