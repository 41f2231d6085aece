import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface TerminalIdentity {
  networkAddress: string
  verificationCode: Uint8Array<ArrayBuffer>
  deviceType: string
  vendor: string
  serial: string
  skipKey: Uint8Array<ArrayBuffer>
  membershipVector: Uint8Array<ArrayBuffer>
  publicKey: Uint8Array<ArrayBuffer>
}

export namespace TerminalIdentity {
  let _codec: Codec<TerminalIdentity>

  export const codec = (): Codec<TerminalIdentity> => {
    if (_codec == null) {
      _codec = message<TerminalIdentity>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkAddress != null && obj.networkAddress !== '')) {
          w.uint32(10)
          w.string(obj.networkAddress)
        }

        if ((obj.verificationCode != null && obj.verificationCode.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.verificationCode)
        }

        if ((obj.deviceType != null && obj.deviceType !== '')) {
          w.uint32(26)
          w.string(obj.deviceType)
        }

        if ((obj.vendor != null && obj.vendor !== '')) {
          w.uint32(34)
          w.string(obj.vendor)
        }

        if ((obj.serial != null && obj.serial !== '')) {
          w.uint32(42)
          w.string(obj.serial)
        }

        if ((obj.skipKey != null && obj.skipKey.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.skipKey)
        }

        if ((obj.membershipVector != null && obj.membershipVector.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.membershipVector)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.publicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkAddress: '',
          verificationCode: uint8ArrayAlloc(0),
          deviceType: '',
          vendor: '',
          serial: '',
          skipKey: uint8ArrayAlloc(0),
          membershipVector: uint8ArrayAlloc(0),
          publicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkAddress = reader.string()
              break
            }
            case 2: {
              obj.verificationCode = reader.bytes()
              break
            }
            case 3: {
              obj.deviceType = reader.string()
              break
            }
            case 4: {
              obj.vendor = reader.string()
              break
            }
            case 5: {
              obj.serial = reader.string()
              break
            }
            case 6: {
              obj.skipKey = reader.bytes()
              break
            }
            case 7: {
              obj.membershipVector = reader.bytes()
              break
            }
            case 8: {
              obj.publicKey = reader.bytes()
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
                field: `${prefix}.networkAddress`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.verificationCode`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.deviceType`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.vendor`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.serial`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.skipKey`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.membershipVector`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.publicKey`,
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

  export interface TerminalIdentityNetworkAddressFieldEvent {
    field: '$.networkAddress'
    value: string
  }

  export interface TerminalIdentityVerificationCodeFieldEvent {
    field: '$.verificationCode'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalIdentityDeviceTypeFieldEvent {
    field: '$.deviceType'
    value: string
  }

  export interface TerminalIdentityVendorFieldEvent {
    field: '$.vendor'
    value: string
  }

  export interface TerminalIdentitySerialFieldEvent {
    field: '$.serial'
    value: string
  }

  export interface TerminalIdentitySkipKeyFieldEvent {
    field: '$.skipKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalIdentityMembershipVectorFieldEvent {
    field: '$.membershipVector'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalIdentityPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<TerminalIdentity>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TerminalIdentity.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TerminalIdentity>): TerminalIdentity {
    return decodeMessage(buf, TerminalIdentity.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TerminalIdentity>): Generator<TerminalIdentityNetworkAddressFieldEvent | TerminalIdentityVerificationCodeFieldEvent | TerminalIdentityDeviceTypeFieldEvent | TerminalIdentityVendorFieldEvent | TerminalIdentitySerialFieldEvent | TerminalIdentitySkipKeyFieldEvent | TerminalIdentityMembershipVectorFieldEvent | TerminalIdentityPublicKeyFieldEvent> {
    return streamMessage(buf, TerminalIdentity.codec(), opts)
  }
}

export interface Enrollment {
  networkId: string
  identity?: TerminalIdentity
  enrolledAt: number
  expiresAt: number
}

export namespace Enrollment {
  let _codec: Codec<Enrollment>

  export const codec = (): Codec<Enrollment> => {
    if (_codec == null) {
      _codec = message<Enrollment>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if (obj.identity != null) {
          w.uint32(18)
          TerminalIdentity.codec().encode(obj.identity, w)
        }

        if ((obj.enrolledAt != null && obj.enrolledAt !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.enrolledAt)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          enrolledAt: 0,
          expiresAt: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.identity = TerminalIdentity.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.identity
              })
              break
            }
            case 3: {
              obj.enrolledAt = reader.uint64Number()
              break
            }
            case 4: {
              obj.expiresAt = reader.uint64Number()
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
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield * TerminalIdentity.codec().stream(reader, reader.uint32(), `${prefix}.identity`, {
                limits: opts.limits?.identity
              })

              break
            }
            case 3: {
              yield {
                field: `${prefix}.enrolledAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface EnrollmentNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface EnrollmentIdentityNetworkAddressFieldEvent {
    field: '$.identity.networkAddress'
    value: string
  }

  export interface EnrollmentIdentityVerificationCodeFieldEvent {
    field: '$.identity.verificationCode'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnrollmentIdentityDeviceTypeFieldEvent {
    field: '$.identity.deviceType'
    value: string
  }

  export interface EnrollmentIdentityVendorFieldEvent {
    field: '$.identity.vendor'
    value: string
  }

  export interface EnrollmentIdentitySerialFieldEvent {
    field: '$.identity.serial'
    value: string
  }

  export interface EnrollmentIdentitySkipKeyFieldEvent {
    field: '$.identity.skipKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnrollmentIdentityMembershipVectorFieldEvent {
    field: '$.identity.membershipVector'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnrollmentIdentityPublicKeyFieldEvent {
    field: '$.identity.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnrollmentEnrolledAtFieldEvent {
    field: '$.enrolledAt'
    value: number
  }

  export interface EnrollmentExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: number
  }

  export function encode (obj: Partial<Enrollment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Enrollment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Enrollment>): Enrollment {
    return decodeMessage(buf, Enrollment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Enrollment>): Generator<EnrollmentNetworkIdFieldEvent | EnrollmentIdentityNetworkAddressFieldEvent | EnrollmentIdentityVerificationCodeFieldEvent | EnrollmentIdentityDeviceTypeFieldEvent | EnrollmentIdentityVendorFieldEvent | EnrollmentIdentitySerialFieldEvent | EnrollmentIdentitySkipKeyFieldEvent | EnrollmentIdentityMembershipVectorFieldEvent | EnrollmentIdentityPublicKeyFieldEvent | EnrollmentEnrolledAtFieldEvent | EnrollmentExpiresAtFieldEvent> {
    return streamMessage(buf, Enrollment.codec(), opts)
  }
}

export interface SignedEnrollment {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedEnrollment {
  let _codec: Codec<SignedEnrollment>

  export const codec = (): Codec<SignedEnrollment> => {
    if (_codec == null) {
      _codec = message<SignedEnrollment>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
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

  export interface SignedEnrollmentBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedEnrollmentSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedEnrollment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedEnrollment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEnrollment>): SignedEnrollment {
    return decodeMessage(buf, SignedEnrollment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedEnrollment>): Generator<SignedEnrollmentBodyFieldEvent | SignedEnrollmentSignatureFieldEvent> {
    return streamMessage(buf, SignedEnrollment.codec(), opts)
  }
}

export interface Tx {
  type: number
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace Tx {
  let _codec: Codec<Tx>

  export const codec = (): Codec<Tx> => {
    if (_codec == null) {
      _codec = message<Tx>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.type != null && obj.type !== 0)) {
          w.uint32(8)
          w.uint32(obj.type)
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: 0,
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = reader.uint32()
              break
            }
            case 2: {
              obj.body = reader.bytes()
              break
            }
            case 3: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.type`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signature`,
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

  export interface TxTypeFieldEvent {
    field: '$.type'
    value: number
  }

  export interface TxBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Tx>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Tx.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Tx>): Tx {
    return decodeMessage(buf, Tx.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Tx>): Generator<TxTypeFieldEvent | TxBodyFieldEvent | TxSignatureFieldEvent> {
    return streamMessage(buf, Tx.codec(), opts)
  }
}

export interface Registration {
  enrollment?: SignedEnrollment
  chainAnchor: Uint8Array<ArrayBuffer>
  chainLength: number
  requestId: number
}

export namespace Registration {
  let _codec: Codec<Registration>

  export const codec = (): Codec<Registration> => {
    if (_codec == null) {
      _codec = message<Registration>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.enrollment != null) {
          w.uint32(10)
          SignedEnrollment.codec().encode(obj.enrollment, w)
        }

        if ((obj.chainAnchor != null && obj.chainAnchor.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chainAnchor)
        }

        if ((obj.chainLength != null && obj.chainLength !== 0)) {
          w.uint32(24)
          w.uint32(obj.chainLength)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.requestId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chainAnchor: uint8ArrayAlloc(0),
          chainLength: 0,
          requestId: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.enrollment = SignedEnrollment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.enrollment
              })
              break
            }
            case 2: {
              obj.chainAnchor = reader.bytes()
              break
            }
            case 3: {
              obj.chainLength = reader.uint32()
              break
            }
            case 4: {
              obj.requestId = reader.uint64Number()
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
              yield * SignedEnrollment.codec().stream(reader, reader.uint32(), `${prefix}.enrollment`, {
                limits: opts.limits?.enrollment
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.chainAnchor`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.chainLength`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.requestId`,
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

  export interface RegistrationEnrollmentBodyFieldEvent {
    field: '$.enrollment.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RegistrationEnrollmentSignatureFieldEvent {
    field: '$.enrollment.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RegistrationChainAnchorFieldEvent {
    field: '$.chainAnchor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RegistrationChainLengthFieldEvent {
    field: '$.chainLength'
    value: number
  }

  export interface RegistrationRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export function encode (obj: Partial<Registration>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Registration.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Registration>): Registration {
    return decodeMessage(buf, Registration.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Registration>): Generator<RegistrationEnrollmentBodyFieldEvent | RegistrationEnrollmentSignatureFieldEvent | RegistrationChainAnchorFieldEvent | RegistrationChainLengthFieldEvent | RegistrationRequestIdFieldEvent> {
    return streamMessage(buf, Registration.codec(), opts)
  }
}

export interface AccessRequest {
  terminalId: Uint8Array<ArrayBuffer>
  certificateHash: Uint8Array<ArrayBuffer>
  timestamp: number
  nonce: Uint8Array<ArrayBuffer>
  requestId: number
  resource: string
}

export namespace AccessRequest {
  let _codec: Codec<AccessRequest>

  export const codec = (): Codec<AccessRequest> => {
    if (_codec == null) {
      _codec = message<AccessRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terminalId)
        }

        if ((obj.certificateHash != null && obj.certificateHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.certificateHash)
        }

        if ((obj.timestamp != null && obj.timestamp !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.timestamp)
        }

        if ((obj.nonce != null && obj.nonce.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.nonce)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.requestId)
        }

        if ((obj.resource != null && obj.resource !== '')) {
          w.uint32(50)
          w.string(obj.resource)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          certificateHash: uint8ArrayAlloc(0),
          timestamp: 0,
          nonce: uint8ArrayAlloc(0),
          requestId: 0,
          resource: ''
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
              obj.certificateHash = reader.bytes()
              break
            }
            case 3: {
              obj.timestamp = reader.uint64Number()
              break
            }
            case 4: {
              obj.nonce = reader.bytes()
              break
            }
            case 5: {
              obj.requestId = reader.uint64Number()
              break
            }
            case 6: {
              obj.resource = reader.string()
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
                field: `${prefix}.certificateHash`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.timestamp`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.nonce`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.requestId`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.resource`,
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

  export interface AccessRequestTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AccessRequestCertificateHashFieldEvent {
    field: '$.certificateHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AccessRequestTimestampFieldEvent {
    field: '$.timestamp'
    value: number
  }

  export interface AccessRequestNonceFieldEvent {
    field: '$.nonce'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AccessRequestRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export interface AccessRequestResourceFieldEvent {
    field: '$.resource'
    value: string
  }

  export function encode (obj: Partial<AccessRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AccessRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccessRequest>): AccessRequest {
    return decodeMessage(buf, AccessRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AccessRequest>): Generator<AccessRequestTerminalIdFieldEvent | AccessRequestCertificateHashFieldEvent | AccessRequestTimestampFieldEvent | AccessRequestNonceFieldEvent | AccessRequestRequestIdFieldEvent | AccessRequestResourceFieldEvent> {
    return streamMessage(buf, AccessRequest.codec(), opts)
  }
}

export interface ChainUpdate {
  terminalId: Uint8Array<ArrayBuffer>
  value: Uint8Array<ArrayBuffer>
  requestId: number
}

export namespace ChainUpdate {
  let _codec: Codec<ChainUpdate>

  export const codec = (): Codec<ChainUpdate> => {
    if (_codec == null) {
      _codec = message<ChainUpdate>((obj, w, opts = {}) => {
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

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.requestId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          value: uint8ArrayAlloc(0),
          requestId: 0
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
              obj.requestId = reader.uint64Number()
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
                field: `${prefix}.requestId`,
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

  export interface ChainUpdateTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainUpdateValueFieldEvent {
    field: '$.value'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainUpdateRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export function encode (obj: Partial<ChainUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainUpdate>): ChainUpdate {
    return decodeMessage(buf, ChainUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainUpdate>): Generator<ChainUpdateTerminalIdFieldEvent | ChainUpdateValueFieldEvent | ChainUpdateRequestIdFieldEvent> {
    return streamMessage(buf, ChainUpdate.codec(), opts)
  }
}

export interface ChainRenewal {
  terminalId: Uint8Array<ArrayBuffer>
  lastValue: Uint8Array<ArrayBuffer>
  newAnchor: Uint8Array<ArrayBuffer>
  newLength: number
  requestId: number
}

export namespace ChainRenewal {
  let _codec: Codec<ChainRenewal>

  export const codec = (): Codec<ChainRenewal> => {
    if (_codec == null) {
      _codec = message<ChainRenewal>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terminalId)
        }

        if ((obj.lastValue != null && obj.lastValue.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.lastValue)
        }

        if ((obj.newAnchor != null && obj.newAnchor.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.newAnchor)
        }

        if ((obj.newLength != null && obj.newLength !== 0)) {
          w.uint32(32)
          w.uint32(obj.newLength)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.requestId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          lastValue: uint8ArrayAlloc(0),
          newAnchor: uint8ArrayAlloc(0),
          newLength: 0,
          requestId: 0
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
              obj.lastValue = reader.bytes()
              break
            }
            case 3: {
              obj.newAnchor = reader.bytes()
              break
            }
            case 4: {
              obj.newLength = reader.uint32()
              break
            }
            case 5: {
              obj.requestId = reader.uint64Number()
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
                field: `${prefix}.lastValue`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.newAnchor`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.newLength`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.requestId`,
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

  export interface ChainRenewalTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRenewalLastValueFieldEvent {
    field: '$.lastValue'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRenewalNewAnchorFieldEvent {
    field: '$.newAnchor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ChainRenewalNewLengthFieldEvent {
    field: '$.newLength'
    value: number
  }

  export interface ChainRenewalRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export function encode (obj: Partial<ChainRenewal>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ChainRenewal.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRenewal>): ChainRenewal {
    return decodeMessage(buf, ChainRenewal.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ChainRenewal>): Generator<ChainRenewalTerminalIdFieldEvent | ChainRenewalLastValueFieldEvent | ChainRenewalNewAnchorFieldEvent | ChainRenewalNewLengthFieldEvent | ChainRenewalRequestIdFieldEvent> {
    return streamMessage(buf, ChainRenewal.codec(), opts)
  }
}

export interface AuthRecord {
  verifierId: Uint8Array<ArrayBuffer>
  subjectId: Uint8Array<ArrayBuffer>
  time: number
  success: boolean
  reason: number
  subjectChainHeight: number
  requestId: number
}

export namespace AuthRecord {
  let _codec: Codec<AuthRecord>

  export const codec = (): Codec<AuthRecord> => {
    if (_codec == null) {
      _codec = message<AuthRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.verifierId != null && obj.verifierId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.verifierId)
        }

        if ((obj.subjectId != null && obj.subjectId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.subjectId)
        }

        if ((obj.time != null && obj.time !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.time)
        }

        if ((obj.success != null && obj.success !== false)) {
          w.uint32(32)
          w.bool(obj.success)
        }

        if ((obj.reason != null && obj.reason !== 0)) {
          w.uint32(40)
          w.uint32(obj.reason)
        }

        if ((obj.subjectChainHeight != null && obj.subjectChainHeight !== 0)) {
          w.uint32(48)
          w.uint32(obj.subjectChainHeight)
        }

        if ((obj.requestId != null && obj.requestId !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.requestId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          verifierId: uint8ArrayAlloc(0),
          subjectId: uint8ArrayAlloc(0),
          time: 0,
          success: false,
          reason: 0,
          subjectChainHeight: 0,
          requestId: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.verifierId = reader.bytes()
              break
            }
            case 2: {
              obj.subjectId = reader.bytes()
              break
            }
            case 3: {
              obj.time = reader.uint64Number()
              break
            }
            case 4: {
              obj.success = reader.bool()
              break
            }
            case 5: {
              obj.reason = reader.uint32()
              break
            }
            case 6: {
              obj.subjectChainHeight = reader.uint32()
              break
            }
            case 7: {
              obj.requestId = reader.uint64Number()
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
                field: `${prefix}.verifierId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.subjectId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.time`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.success`,
                value: reader.bool()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.reason`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.subjectChainHeight`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.requestId`,
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

  export interface AuthRecordVerifierIdFieldEvent {
    field: '$.verifierId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthRecordSubjectIdFieldEvent {
    field: '$.subjectId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AuthRecordTimeFieldEvent {
    field: '$.time'
    value: number
  }

  export interface AuthRecordSuccessFieldEvent {
    field: '$.success'
    value: boolean
  }

  export interface AuthRecordReasonFieldEvent {
    field: '$.reason'
    value: number
  }

  export interface AuthRecordSubjectChainHeightFieldEvent {
    field: '$.subjectChainHeight'
    value: number
  }

  export interface AuthRecordRequestIdFieldEvent {
    field: '$.requestId'
    value: number
  }

  export function encode (obj: Partial<AuthRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AuthRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthRecord>): AuthRecord {
    return decodeMessage(buf, AuthRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AuthRecord>): Generator<AuthRecordVerifierIdFieldEvent | AuthRecordSubjectIdFieldEvent | AuthRecordTimeFieldEvent | AuthRecordSuccessFieldEvent | AuthRecordReasonFieldEvent | AuthRecordSubjectChainHeightFieldEvent | AuthRecordRequestIdFieldEvent> {
    return streamMessage(buf, AuthRecord.codec(), opts)
  }
}

export interface Revocation {
  terminalId: Uint8Array<ArrayBuffer>
  reason: string
  opSeq: number
}

export namespace Revocation {
  let _codec: Codec<Revocation>

  export const codec = (): Codec<Revocation> => {
    if (_codec == null) {
      _codec = message<Revocation>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terminalId)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(18)
          w.string(obj.reason)
        }

        if ((obj.opSeq != null && obj.opSeq !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.opSeq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          reason: '',
          opSeq: 0
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
              obj.reason = reader.string()
              break
            }
            case 3: {
              obj.opSeq = reader.uint64Number()
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
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.opSeq`,
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

  export interface RevocationTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RevocationReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface RevocationOpSeqFieldEvent {
    field: '$.opSeq'
    value: number
  }

  export function encode (obj: Partial<Revocation>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Revocation.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Revocation>): Revocation {
    return decodeMessage(buf, Revocation.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Revocation>): Generator<RevocationTerminalIdFieldEvent | RevocationReasonFieldEvent | RevocationOpSeqFieldEvent> {
    return streamMessage(buf, Revocation.codec(), opts)
  }
}

export interface ValidatorInfo {
  publicKey: Uint8Array<ArrayBuffer>
  address: string
}

export namespace ValidatorInfo {
  let _codec: Codec<ValidatorInfo>

  export const codec = (): Codec<ValidatorInfo> => {
    if (_codec == null) {
      _codec = message<ValidatorInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.publicKey)
        }

        if ((obj.address != null && obj.address !== '')) {
          w.uint32(18)
          w.string(obj.address)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          publicKey: uint8ArrayAlloc(0),
          address: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.publicKey = reader.bytes()
              break
            }
            case 2: {
              obj.address = reader.string()
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
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.address`,
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

  export interface ValidatorInfoPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ValidatorInfoAddressFieldEvent {
    field: '$.address'
    value: string
  }

  export function encode (obj: Partial<ValidatorInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ValidatorInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ValidatorInfo>): ValidatorInfo {
    return decodeMessage(buf, ValidatorInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ValidatorInfo>): Generator<ValidatorInfoPublicKeyFieldEvent | ValidatorInfoAddressFieldEvent> {
    return streamMessage(buf, ValidatorInfo.codec(), opts)
  }
}

export interface ValidatorSetChange {
  validators: ValidatorInfo[]
  opSeq: number
}

export namespace ValidatorSetChange {
  let _codec: Codec<ValidatorSetChange>

  export const codec = (): Codec<ValidatorSetChange> => {
    if (_codec == null) {
      _codec = message<ValidatorSetChange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.validators != null && obj.validators.length > 0) {
          for (const value of obj.validators) {
            w.uint32(10)
            ValidatorInfo.codec().encode(value, w)
          }
        }

        if ((obj.opSeq != null && obj.opSeq !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.opSeq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          validators: [],
          opSeq: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.validators != null && obj.validators.length === opts.limits.validators) {
                throw new MaxLengthError('Decode error - repeated field "validators" had too many elements')
              }

              obj.validators.push(ValidatorInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.validators$
              }))
              break
            }
            case 2: {
              obj.opSeq = reader.uint64Number()
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
          validators: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.validators != null && obj.validators === opts.limits.validators) {
                throw new MaxLengthError('Streaming decode error - repeated field "validators" had too many elements')
              }

              for (const evt of ValidatorInfo.codec().stream(reader, reader.uint32(), `${prefix}.validators[]`, {
                limits: opts.limits?.validators$
              })) {
                yield {
                  ...evt,
                  index: obj.validators
                }
              }

              obj.validators++

              break
            }
            case 2: {
              yield {
                field: `${prefix}.opSeq`,
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

  export interface ValidatorSetChangeValidatorsPublicKeyFieldEvent {
    field: '$.validators[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface ValidatorSetChangeValidatorsAddressFieldEvent {
    field: '$.validators[].address'
    value: string
    index: number
  }

  export interface ValidatorSetChangeOpSeqFieldEvent {
    field: '$.opSeq'
    value: number
  }

  export function encode (obj: Partial<ValidatorSetChange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ValidatorSetChange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ValidatorSetChange>): ValidatorSetChange {
    return decodeMessage(buf, ValidatorSetChange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ValidatorSetChange>): Generator<ValidatorSetChangeValidatorsPublicKeyFieldEvent | ValidatorSetChangeValidatorsAddressFieldEvent | ValidatorSetChangeOpSeqFieldEvent> {
    return streamMessage(buf, ValidatorSetChange.codec(), opts)
  }
}

export interface Certificate {
  networkId: string
  terminalId: Uint8Array<ArrayBuffer>
  publicKey: Uint8Array<ArrayBuffer>
  notBefore: number
  notAfter: number
  issuedHeight: number
}

export namespace Certificate {
  let _codec: Codec<Certificate>

  export const codec = (): Codec<Certificate> => {
    if (_codec == null) {
      _codec = message<Certificate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.terminalId)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.publicKey)
        }

        if ((obj.notBefore != null && obj.notBefore !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.notBefore)
        }

        if ((obj.notAfter != null && obj.notAfter !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.notAfter)
        }

        if ((obj.issuedHeight != null && obj.issuedHeight !== 0)) {
          w.uint32(48)
          w.uint64Number(obj.issuedHeight)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          terminalId: uint8ArrayAlloc(0),
          publicKey: uint8ArrayAlloc(0),
          notBefore: 0,
          notAfter: 0,
          issuedHeight: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.terminalId = reader.bytes()
              break
            }
            case 3: {
              obj.publicKey = reader.bytes()
              break
            }
            case 4: {
              obj.notBefore = reader.uint64Number()
              break
            }
            case 5: {
              obj.notAfter = reader.uint64Number()
              break
            }
            case 6: {
              obj.issuedHeight = reader.uint64Number()
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
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.terminalId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.notBefore`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.notAfter`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.issuedHeight`,
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

  export interface CertificateNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface CertificateTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CertificatePublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CertificateNotBeforeFieldEvent {
    field: '$.notBefore'
    value: number
  }

  export interface CertificateNotAfterFieldEvent {
    field: '$.notAfter'
    value: number
  }

  export interface CertificateIssuedHeightFieldEvent {
    field: '$.issuedHeight'
    value: number
  }

  export function encode (obj: Partial<Certificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Certificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Certificate>): Certificate {
    return decodeMessage(buf, Certificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Certificate>): Generator<CertificateNetworkIdFieldEvent | CertificateTerminalIdFieldEvent | CertificatePublicKeyFieldEvent | CertificateNotBeforeFieldEvent | CertificateNotAfterFieldEvent | CertificateIssuedHeightFieldEvent> {
    return streamMessage(buf, Certificate.codec(), opts)
  }
}

export interface TerminalRecord {
  terminalId: Uint8Array<ArrayBuffer>
  identity?: TerminalIdentity
  certificate?: Certificate
  leafIndex: number
  latestIdentityHash: Uint8Array<ArrayBuffer>
  chainHeight: number
  chainLength: number
  chainEpoch: number
  lastRequestId: number
  lastUpdateHeight: number
  revoked: boolean
  revokedHeight: number
  lastAccessTime: number
}

export namespace TerminalRecord {
  let _codec: Codec<TerminalRecord>

  export const codec = (): Codec<TerminalRecord> => {
    if (_codec == null) {
      _codec = message<TerminalRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.terminalId)
        }

        if (obj.identity != null) {
          w.uint32(18)
          TerminalIdentity.codec().encode(obj.identity, w)
        }

        if (obj.certificate != null) {
          w.uint32(26)
          Certificate.codec().encode(obj.certificate, w)
        }

        if ((obj.leafIndex != null && obj.leafIndex !== 0)) {
          w.uint32(32)
          w.uint32(obj.leafIndex)
        }

        if ((obj.latestIdentityHash != null && obj.latestIdentityHash.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.latestIdentityHash)
        }

        if ((obj.chainHeight != null && obj.chainHeight !== 0)) {
          w.uint32(48)
          w.uint32(obj.chainHeight)
        }

        if ((obj.chainLength != null && obj.chainLength !== 0)) {
          w.uint32(56)
          w.uint32(obj.chainLength)
        }

        if ((obj.chainEpoch != null && obj.chainEpoch !== 0)) {
          w.uint32(64)
          w.uint32(obj.chainEpoch)
        }

        if ((obj.lastRequestId != null && obj.lastRequestId !== 0)) {
          w.uint32(72)
          w.uint64Number(obj.lastRequestId)
        }

        if ((obj.lastUpdateHeight != null && obj.lastUpdateHeight !== 0)) {
          w.uint32(80)
          w.uint64Number(obj.lastUpdateHeight)
        }

        if ((obj.revoked != null && obj.revoked !== false)) {
          w.uint32(88)
          w.bool(obj.revoked)
        }

        if ((obj.revokedHeight != null && obj.revokedHeight !== 0)) {
          w.uint32(96)
          w.uint64Number(obj.revokedHeight)
        }

        if ((obj.lastAccessTime != null && obj.lastAccessTime !== 0)) {
          w.uint32(104)
          w.uint64Number(obj.lastAccessTime)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          terminalId: uint8ArrayAlloc(0),
          leafIndex: 0,
          latestIdentityHash: uint8ArrayAlloc(0),
          chainHeight: 0,
          chainLength: 0,
          chainEpoch: 0,
          lastRequestId: 0,
          lastUpdateHeight: 0,
          revoked: false,
          revokedHeight: 0,
          lastAccessTime: 0
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
              obj.identity = TerminalIdentity.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.identity
              })
              break
            }
            case 3: {
              obj.certificate = Certificate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.certificate
              })
              break
            }
            case 4: {
              obj.leafIndex = reader.uint32()
              break
            }
            case 5: {
              obj.latestIdentityHash = reader.bytes()
              break
            }
            case 6: {
              obj.chainHeight = reader.uint32()
              break
            }
            case 7: {
              obj.chainLength = reader.uint32()
              break
            }
            case 8: {
              obj.chainEpoch = reader.uint32()
              break
            }
            case 9: {
              obj.lastRequestId = reader.uint64Number()
              break
            }
            case 10: {
              obj.lastUpdateHeight = reader.uint64Number()
              break
            }
            case 11: {
              obj.revoked = reader.bool()
              break
            }
            case 12: {
              obj.revokedHeight = reader.uint64Number()
              break
            }
            case 13: {
              obj.lastAccessTime = reader.uint64Number()
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
              yield * TerminalIdentity.codec().stream(reader, reader.uint32(), `${prefix}.identity`, {
                limits: opts.limits?.identity
              })

              break
            }
            case 3: {
              yield * Certificate.codec().stream(reader, reader.uint32(), `${prefix}.certificate`, {
                limits: opts.limits?.certificate
              })

              break
            }
            case 4: {
              yield {
                field: `${prefix}.leafIndex`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.latestIdentityHash`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.chainHeight`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.chainLength`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.chainEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.lastRequestId`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.lastUpdateHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.revoked`,
                value: reader.bool()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.revokedHeight`,
                value: reader.uint64Number()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.lastAccessTime`,
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

  export interface TerminalRecordTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordIdentityNetworkAddressFieldEvent {
    field: '$.identity.networkAddress'
    value: string
  }

  export interface TerminalRecordIdentityVerificationCodeFieldEvent {
    field: '$.identity.verificationCode'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordIdentityDeviceTypeFieldEvent {
    field: '$.identity.deviceType'
    value: string
  }

  export interface TerminalRecordIdentityVendorFieldEvent {
    field: '$.identity.vendor'
    value: string
  }

  export interface TerminalRecordIdentitySerialFieldEvent {
    field: '$.identity.serial'
    value: string
  }

  export interface TerminalRecordIdentitySkipKeyFieldEvent {
    field: '$.identity.skipKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordIdentityMembershipVectorFieldEvent {
    field: '$.identity.membershipVector'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordIdentityPublicKeyFieldEvent {
    field: '$.identity.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordCertificateNetworkIdFieldEvent {
    field: '$.certificate.networkId'
    value: string
  }

  export interface TerminalRecordCertificateTerminalIdFieldEvent {
    field: '$.certificate.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordCertificatePublicKeyFieldEvent {
    field: '$.certificate.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordCertificateNotBeforeFieldEvent {
    field: '$.certificate.notBefore'
    value: number
  }

  export interface TerminalRecordCertificateNotAfterFieldEvent {
    field: '$.certificate.notAfter'
    value: number
  }

  export interface TerminalRecordCertificateIssuedHeightFieldEvent {
    field: '$.certificate.issuedHeight'
    value: number
  }

  export interface TerminalRecordLeafIndexFieldEvent {
    field: '$.leafIndex'
    value: number
  }

  export interface TerminalRecordLatestIdentityHashFieldEvent {
    field: '$.latestIdentityHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TerminalRecordChainHeightFieldEvent {
    field: '$.chainHeight'
    value: number
  }

  export interface TerminalRecordChainLengthFieldEvent {
    field: '$.chainLength'
    value: number
  }

  export interface TerminalRecordChainEpochFieldEvent {
    field: '$.chainEpoch'
    value: number
  }

  export interface TerminalRecordLastRequestIdFieldEvent {
    field: '$.lastRequestId'
    value: number
  }

  export interface TerminalRecordLastUpdateHeightFieldEvent {
    field: '$.lastUpdateHeight'
    value: number
  }

  export interface TerminalRecordRevokedFieldEvent {
    field: '$.revoked'
    value: boolean
  }

  export interface TerminalRecordRevokedHeightFieldEvent {
    field: '$.revokedHeight'
    value: number
  }

  export interface TerminalRecordLastAccessTimeFieldEvent {
    field: '$.lastAccessTime'
    value: number
  }

  export function encode (obj: Partial<TerminalRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TerminalRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TerminalRecord>): TerminalRecord {
    return decodeMessage(buf, TerminalRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TerminalRecord>): Generator<TerminalRecordTerminalIdFieldEvent | TerminalRecordIdentityNetworkAddressFieldEvent | TerminalRecordIdentityVerificationCodeFieldEvent | TerminalRecordIdentityDeviceTypeFieldEvent | TerminalRecordIdentityVendorFieldEvent | TerminalRecordIdentitySerialFieldEvent | TerminalRecordIdentitySkipKeyFieldEvent | TerminalRecordIdentityMembershipVectorFieldEvent | TerminalRecordIdentityPublicKeyFieldEvent | TerminalRecordCertificateNetworkIdFieldEvent | TerminalRecordCertificateTerminalIdFieldEvent | TerminalRecordCertificatePublicKeyFieldEvent | TerminalRecordCertificateNotBeforeFieldEvent | TerminalRecordCertificateNotAfterFieldEvent | TerminalRecordCertificateIssuedHeightFieldEvent | TerminalRecordLeafIndexFieldEvent | TerminalRecordLatestIdentityHashFieldEvent | TerminalRecordChainHeightFieldEvent | TerminalRecordChainLengthFieldEvent | TerminalRecordChainEpochFieldEvent | TerminalRecordLastRequestIdFieldEvent | TerminalRecordLastUpdateHeightFieldEvent | TerminalRecordRevokedFieldEvent | TerminalRecordRevokedHeightFieldEvent | TerminalRecordLastAccessTimeFieldEvent> {
    return streamMessage(buf, TerminalRecord.codec(), opts)
  }
}

export interface LedgerMeta {
  networkId: string
  genesisHash: Uint8Array<ArrayBuffer>
  height: number
  timestamp: number
  operatorKey: Uint8Array<ArrayBuffer>
  validators: ValidatorInfo[]
  opSeq: number
  vrfSeed: Uint8Array<ArrayBuffer>
}

export namespace LedgerMeta {
  let _codec: Codec<LedgerMeta>

  export const codec = (): Codec<LedgerMeta> => {
    if (_codec == null) {
      _codec = message<LedgerMeta>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(10)
          w.string(obj.networkId)
        }

        if ((obj.genesisHash != null && obj.genesisHash.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.genesisHash)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.height)
        }

        if ((obj.timestamp != null && obj.timestamp !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.timestamp)
        }

        if ((obj.operatorKey != null && obj.operatorKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.operatorKey)
        }

        if (obj.validators != null && obj.validators.length > 0) {
          for (const value of obj.validators) {
            w.uint32(50)
            ValidatorInfo.codec().encode(value, w)
          }
        }

        if ((obj.opSeq != null && obj.opSeq !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.opSeq)
        }

        if ((obj.vrfSeed != null && obj.vrfSeed.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.vrfSeed)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          networkId: '',
          genesisHash: uint8ArrayAlloc(0),
          height: 0,
          timestamp: 0,
          operatorKey: uint8ArrayAlloc(0),
          validators: [],
          opSeq: 0,
          vrfSeed: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.networkId = reader.string()
              break
            }
            case 2: {
              obj.genesisHash = reader.bytes()
              break
            }
            case 3: {
              obj.height = reader.uint64Number()
              break
            }
            case 4: {
              obj.timestamp = reader.uint64Number()
              break
            }
            case 5: {
              obj.operatorKey = reader.bytes()
              break
            }
            case 6: {
              if (opts.limits?.validators != null && obj.validators.length === opts.limits.validators) {
                throw new MaxLengthError('Decode error - repeated field "validators" had too many elements')
              }

              obj.validators.push(ValidatorInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.validators$
              }))
              break
            }
            case 7: {
              obj.opSeq = reader.uint64Number()
              break
            }
            case 8: {
              obj.vrfSeed = reader.bytes()
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
          validators: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.genesisHash`,
                value: reader.bytes()
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
                field: `${prefix}.timestamp`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.operatorKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              if (opts.limits?.validators != null && obj.validators === opts.limits.validators) {
                throw new MaxLengthError('Streaming decode error - repeated field "validators" had too many elements')
              }

              for (const evt of ValidatorInfo.codec().stream(reader, reader.uint32(), `${prefix}.validators[]`, {
                limits: opts.limits?.validators$
              })) {
                yield {
                  ...evt,
                  index: obj.validators
                }
              }

              obj.validators++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.opSeq`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.vrfSeed`,
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

  export interface LedgerMetaNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface LedgerMetaGenesisHashFieldEvent {
    field: '$.genesisHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LedgerMetaHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface LedgerMetaTimestampFieldEvent {
    field: '$.timestamp'
    value: number
  }

  export interface LedgerMetaOperatorKeyFieldEvent {
    field: '$.operatorKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LedgerMetaValidatorsPublicKeyFieldEvent {
    field: '$.validators[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface LedgerMetaValidatorsAddressFieldEvent {
    field: '$.validators[].address'
    value: string
    index: number
  }

  export interface LedgerMetaOpSeqFieldEvent {
    field: '$.opSeq'
    value: number
  }

  export interface LedgerMetaVrfSeedFieldEvent {
    field: '$.vrfSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LedgerMeta>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LedgerMeta.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerMeta>): LedgerMeta {
    return decodeMessage(buf, LedgerMeta.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerMeta>): Generator<LedgerMetaNetworkIdFieldEvent | LedgerMetaGenesisHashFieldEvent | LedgerMetaHeightFieldEvent | LedgerMetaTimestampFieldEvent | LedgerMetaOperatorKeyFieldEvent | LedgerMetaValidatorsPublicKeyFieldEvent | LedgerMetaValidatorsAddressFieldEvent | LedgerMetaOpSeqFieldEvent | LedgerMetaVrfSeedFieldEvent> {
    return streamMessage(buf, LedgerMeta.codec(), opts)
  }
}

export interface RecordProof {
  leafIndex: number
  leafCount: number
  siblings: Uint8Array<ArrayBuffer>[]
  metaHash: Uint8Array<ArrayBuffer>
}

export namespace RecordProof {
  let _codec: Codec<RecordProof>

  export const codec = (): Codec<RecordProof> => {
    if (_codec == null) {
      _codec = message<RecordProof>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.leafIndex != null && obj.leafIndex !== 0)) {
          w.uint32(8)
          w.uint32(obj.leafIndex)
        }

        if ((obj.leafCount != null && obj.leafCount !== 0)) {
          w.uint32(16)
          w.uint32(obj.leafCount)
        }

        if (obj.siblings != null && obj.siblings.length > 0) {
          for (const value of obj.siblings) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.metaHash != null && obj.metaHash.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.metaHash)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          leafIndex: 0,
          leafCount: 0,
          siblings: [],
          metaHash: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.leafIndex = reader.uint32()
              break
            }
            case 2: {
              obj.leafCount = reader.uint32()
              break
            }
            case 3: {
              if (opts.limits?.siblings != null && obj.siblings.length === opts.limits.siblings) {
                throw new MaxLengthError('Decode error - repeated field "siblings" had too many elements')
              }

              obj.siblings.push(reader.bytes())
              break
            }
            case 4: {
              obj.metaHash = reader.bytes()
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
          siblings: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.leafIndex`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leafCount`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              if (opts.limits?.siblings != null && obj.siblings === opts.limits.siblings) {
                throw new MaxLengthError('Streaming decode error - repeated field "siblings" had too many elements')
              }

              yield {
                field: `${prefix}.siblings[]`,
                index: obj.siblings,
                value: reader.bytes()
              }

              obj.siblings++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.metaHash`,
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

  export interface RecordProofLeafIndexFieldEvent {
    field: '$.leafIndex'
    value: number
  }

  export interface RecordProofLeafCountFieldEvent {
    field: '$.leafCount'
    value: number
  }

  export interface RecordProofSiblingsFieldEvent {
    field: '$.siblings[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordProofMetaHashFieldEvent {
    field: '$.metaHash'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RecordProof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RecordProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordProof>): RecordProof {
    return decodeMessage(buf, RecordProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordProof>): Generator<RecordProofLeafIndexFieldEvent | RecordProofLeafCountFieldEvent | RecordProofSiblingsFieldEvent | RecordProofMetaHashFieldEvent> {
    return streamMessage(buf, RecordProof.codec(), opts)
  }
}

export interface BlockHeader {
  version: number
  networkId: string
  height: number
  view: number
  prevHash: Uint8Array<ArrayBuffer>
  txRoot: Uint8Array<ArrayBuffer>
  txCount: number
  stateRoot: Uint8Array<ArrayBuffer>
  resultsRoot: Uint8Array<ArrayBuffer>
  validatorsHash: Uint8Array<ArrayBuffer>
  proposer: Uint8Array<ArrayBuffer>
  vrfProof: Uint8Array<ArrayBuffer>
  vrfSeed: Uint8Array<ArrayBuffer>
  timestamp: number
  touched: Uint8Array<ArrayBuffer>
}

export namespace BlockHeader {
  let _codec: Codec<BlockHeader>

  export const codec = (): Codec<BlockHeader> => {
    if (_codec == null) {
      _codec = message<BlockHeader>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(18)
          w.string(obj.networkId)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.height)
        }

        if ((obj.view != null && obj.view !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.view)
        }

        if ((obj.prevHash != null && obj.prevHash.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.prevHash)
        }

        if ((obj.txRoot != null && obj.txRoot.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.txRoot)
        }

        if ((obj.txCount != null && obj.txCount !== 0)) {
          w.uint32(56)
          w.uint32(obj.txCount)
        }

        if ((obj.stateRoot != null && obj.stateRoot.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.stateRoot)
        }

        if ((obj.resultsRoot != null && obj.resultsRoot.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.resultsRoot)
        }

        if ((obj.validatorsHash != null && obj.validatorsHash.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.validatorsHash)
        }

        if ((obj.proposer != null && obj.proposer.byteLength > 0)) {
          w.uint32(90)
          w.bytes(obj.proposer)
        }

        if ((obj.vrfProof != null && obj.vrfProof.byteLength > 0)) {
          w.uint32(98)
          w.bytes(obj.vrfProof)
        }

        if ((obj.vrfSeed != null && obj.vrfSeed.byteLength > 0)) {
          w.uint32(106)
          w.bytes(obj.vrfSeed)
        }

        if ((obj.timestamp != null && obj.timestamp !== 0)) {
          w.uint32(112)
          w.uint64Number(obj.timestamp)
        }

        if ((obj.touched != null && obj.touched.byteLength > 0)) {
          w.uint32(122)
          w.bytes(obj.touched)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          networkId: '',
          height: 0,
          view: 0,
          prevHash: uint8ArrayAlloc(0),
          txRoot: uint8ArrayAlloc(0),
          txCount: 0,
          stateRoot: uint8ArrayAlloc(0),
          resultsRoot: uint8ArrayAlloc(0),
          validatorsHash: uint8ArrayAlloc(0),
          proposer: uint8ArrayAlloc(0),
          vrfProof: uint8ArrayAlloc(0),
          vrfSeed: uint8ArrayAlloc(0),
          timestamp: 0,
          touched: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.networkId = reader.string()
              break
            }
            case 3: {
              obj.height = reader.uint64Number()
              break
            }
            case 4: {
              obj.view = reader.uint64Number()
              break
            }
            case 5: {
              obj.prevHash = reader.bytes()
              break
            }
            case 6: {
              obj.txRoot = reader.bytes()
              break
            }
            case 7: {
              obj.txCount = reader.uint32()
              break
            }
            case 8: {
              obj.stateRoot = reader.bytes()
              break
            }
            case 9: {
              obj.resultsRoot = reader.bytes()
              break
            }
            case 10: {
              obj.validatorsHash = reader.bytes()
              break
            }
            case 11: {
              obj.proposer = reader.bytes()
              break
            }
            case 12: {
              obj.vrfProof = reader.bytes()
              break
            }
            case 13: {
              obj.vrfSeed = reader.bytes()
              break
            }
            case 14: {
              obj.timestamp = reader.uint64Number()
              break
            }
            case 15: {
              obj.touched = reader.bytes()
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.networkId`,
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
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.prevHash`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.txRoot`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.txCount`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.stateRoot`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.resultsRoot`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.validatorsHash`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.proposer`,
                value: reader.bytes()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.vrfProof`,
                value: reader.bytes()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.vrfSeed`,
                value: reader.bytes()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.timestamp`,
                value: reader.uint64Number()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.touched`,
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

  export interface BlockHeaderVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface BlockHeaderNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface BlockHeaderHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface BlockHeaderViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface BlockHeaderPrevHashFieldEvent {
    field: '$.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTxRootFieldEvent {
    field: '$.txRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTxCountFieldEvent {
    field: '$.txCount'
    value: number
  }

  export interface BlockHeaderStateRootFieldEvent {
    field: '$.stateRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderResultsRootFieldEvent {
    field: '$.resultsRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderValidatorsHashFieldEvent {
    field: '$.validatorsHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderProposerFieldEvent {
    field: '$.proposer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderVrfProofFieldEvent {
    field: '$.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderVrfSeedFieldEvent {
    field: '$.vrfSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTimestampFieldEvent {
    field: '$.timestamp'
    value: number
  }

  export interface BlockHeaderTouchedFieldEvent {
    field: '$.touched'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<BlockHeader>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, BlockHeader.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockHeader>): BlockHeader {
    return decodeMessage(buf, BlockHeader.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<BlockHeader>): Generator<BlockHeaderVersionFieldEvent | BlockHeaderNetworkIdFieldEvent | BlockHeaderHeightFieldEvent | BlockHeaderViewFieldEvent | BlockHeaderPrevHashFieldEvent | BlockHeaderTxRootFieldEvent | BlockHeaderTxCountFieldEvent | BlockHeaderStateRootFieldEvent | BlockHeaderResultsRootFieldEvent | BlockHeaderValidatorsHashFieldEvent | BlockHeaderProposerFieldEvent | BlockHeaderVrfProofFieldEvent | BlockHeaderVrfSeedFieldEvent | BlockHeaderTimestampFieldEvent | BlockHeaderTouchedFieldEvent> {
    return streamMessage(buf, BlockHeader.codec(), opts)
  }
}

export interface Block {
  header?: BlockHeader
  txs: Uint8Array<ArrayBuffer>[]
}

export namespace Block {
  let _codec: Codec<Block>

  export const codec = (): Codec<Block> => {
    if (_codec == null) {
      _codec = message<Block>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.header != null) {
          w.uint32(10)
          BlockHeader.codec().encode(obj.header, w)
        }

        if (obj.txs != null && obj.txs.length > 0) {
          for (const value of obj.txs) {
            w.uint32(18)
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
              obj.header = BlockHeader.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.header
              })
              break
            }
            case 2: {
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
              yield * BlockHeader.codec().stream(reader, reader.uint32(), `${prefix}.header`, {
                limits: opts.limits?.header
              })

              break
            }
            case 2: {
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

  export interface BlockHeaderVersionFieldEvent {
    field: '$.header.version'
    value: number
  }

  export interface BlockHeaderNetworkIdFieldEvent {
    field: '$.header.networkId'
    value: string
  }

  export interface BlockHeaderHeightFieldEvent {
    field: '$.header.height'
    value: number
  }

  export interface BlockHeaderViewFieldEvent {
    field: '$.header.view'
    value: number
  }

  export interface BlockHeaderPrevHashFieldEvent {
    field: '$.header.prevHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTxRootFieldEvent {
    field: '$.header.txRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTxCountFieldEvent {
    field: '$.header.txCount'
    value: number
  }

  export interface BlockHeaderStateRootFieldEvent {
    field: '$.header.stateRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderResultsRootFieldEvent {
    field: '$.header.resultsRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderValidatorsHashFieldEvent {
    field: '$.header.validatorsHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderProposerFieldEvent {
    field: '$.header.proposer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderVrfProofFieldEvent {
    field: '$.header.vrfProof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderVrfSeedFieldEvent {
    field: '$.header.vrfSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockHeaderTimestampFieldEvent {
    field: '$.header.timestamp'
    value: number
  }

  export interface BlockHeaderTouchedFieldEvent {
    field: '$.header.touched'
    value: Uint8Array<ArrayBuffer>
  }

  export interface BlockTxsFieldEvent {
    field: '$.txs[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Block>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Block.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Block>): Block {
    return decodeMessage(buf, Block.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Block>): Generator<BlockHeaderVersionFieldEvent | BlockHeaderNetworkIdFieldEvent | BlockHeaderHeightFieldEvent | BlockHeaderViewFieldEvent | BlockHeaderPrevHashFieldEvent | BlockHeaderTxRootFieldEvent | BlockHeaderTxCountFieldEvent | BlockHeaderStateRootFieldEvent | BlockHeaderResultsRootFieldEvent | BlockHeaderValidatorsHashFieldEvent | BlockHeaderProposerFieldEvent | BlockHeaderVrfProofFieldEvent | BlockHeaderVrfSeedFieldEvent | BlockHeaderTimestampFieldEvent | BlockHeaderTouchedFieldEvent | BlockTxsFieldEvent> {
    return streamMessage(buf, Block.codec(), opts)
  }
}

export interface TxResult {
  txHash: Uint8Array<ArrayBuffer>
  type: number
  code: number
  terminalId: Uint8Array<ArrayBuffer>
}

export namespace TxResult {
  let _codec: Codec<TxResult>

  export const codec = (): Codec<TxResult> => {
    if (_codec == null) {
      _codec = message<TxResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.txHash != null && obj.txHash.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.txHash)
        }

        if ((obj.type != null && obj.type !== 0)) {
          w.uint32(16)
          w.uint32(obj.type)
        }

        if ((obj.code != null && obj.code !== 0)) {
          w.uint32(24)
          w.uint32(obj.code)
        }

        if ((obj.terminalId != null && obj.terminalId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.terminalId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          txHash: uint8ArrayAlloc(0),
          type: 0,
          code: 0,
          terminalId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.txHash = reader.bytes()
              break
            }
            case 2: {
              obj.type = reader.uint32()
              break
            }
            case 3: {
              obj.code = reader.uint32()
              break
            }
            case 4: {
              obj.terminalId = reader.bytes()
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
                field: `${prefix}.txHash`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.type`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.code`,
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

  export interface TxResultTxHashFieldEvent {
    field: '$.txHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TxResultTypeFieldEvent {
    field: '$.type'
    value: number
  }

  export interface TxResultCodeFieldEvent {
    field: '$.code'
    value: number
  }

  export interface TxResultTerminalIdFieldEvent {
    field: '$.terminalId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<TxResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TxResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxResult>): TxResult {
    return decodeMessage(buf, TxResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TxResult>): Generator<TxResultTxHashFieldEvent | TxResultTypeFieldEvent | TxResultCodeFieldEvent | TxResultTerminalIdFieldEvent> {
    return streamMessage(buf, TxResult.codec(), opts)
  }
}

export interface AnnexEntry {
  record: Uint8Array<ArrayBuffer>
  proof?: RecordProof
}

export namespace AnnexEntry {
  let _codec: Codec<AnnexEntry>

  export const codec = (): Codec<AnnexEntry> => {
    if (_codec == null) {
      _codec = message<AnnexEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.record != null && obj.record.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.record)
        }

        if (obj.proof != null) {
          w.uint32(18)
          RecordProof.codec().encode(obj.proof, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          record: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.record = reader.bytes()
              break
            }
            case 2: {
              obj.proof = RecordProof.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.proof
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
              yield {
                field: `${prefix}.record`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield * RecordProof.codec().stream(reader, reader.uint32(), `${prefix}.proof`, {
                limits: opts.limits?.proof
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

  export interface AnnexEntryRecordFieldEvent {
    field: '$.record'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AnnexEntryProofLeafIndexFieldEvent {
    field: '$.proof.leafIndex'
    value: number
  }

  export interface AnnexEntryProofLeafCountFieldEvent {
    field: '$.proof.leafCount'
    value: number
  }

  export interface AnnexEntryProofSiblingsFieldEvent {
    field: '$.proof.siblings[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface AnnexEntryProofMetaHashFieldEvent {
    field: '$.proof.metaHash'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AnnexEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AnnexEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AnnexEntry>): AnnexEntry {
    return decodeMessage(buf, AnnexEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AnnexEntry>): Generator<AnnexEntryRecordFieldEvent | AnnexEntryProofLeafIndexFieldEvent | AnnexEntryProofLeafCountFieldEvent | AnnexEntryProofSiblingsFieldEvent | AnnexEntryProofMetaHashFieldEvent> {
    return streamMessage(buf, AnnexEntry.codec(), opts)
  }
}

export interface RecordAnnex {
  blockHash: Uint8Array<ArrayBuffer>
  height: number
  entries: AnnexEntry[]
}

export namespace RecordAnnex {
  let _codec: Codec<RecordAnnex>

  export const codec = (): Codec<RecordAnnex> => {
    if (_codec == null) {
      _codec = message<RecordAnnex>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.blockHash != null && obj.blockHash.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.blockHash)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.height)
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(26)
            AnnexEntry.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          blockHash: uint8ArrayAlloc(0),
          height: 0,
          entries: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.blockHash = reader.bytes()
              break
            }
            case 2: {
              obj.height = reader.uint64Number()
              break
            }
            case 3: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(AnnexEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.entries$
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
          entries: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.blockHash`,
                value: reader.bytes()
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
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              for (const evt of AnnexEntry.codec().stream(reader, reader.uint32(), `${prefix}.entries[]`, {
                limits: opts.limits?.entries$
              })) {
                yield {
                  ...evt,
                  index: obj.entries
                }
              }

              obj.entries++

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

  export interface RecordAnnexBlockHashFieldEvent {
    field: '$.blockHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordAnnexHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface RecordAnnexEntriesRecordFieldEvent {
    field: '$.entries[].record'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface RecordAnnexEntriesProofLeafIndexFieldEvent {
    field: '$.entries[].proof.leafIndex'
    value: number
    index: number
  }

  export interface RecordAnnexEntriesProofLeafCountFieldEvent {
    field: '$.entries[].proof.leafCount'
    value: number
    index: number
  }

  export interface RecordAnnexEntriesProofSiblingsFieldEvent {
    field: '$.entries[].proof.siblings[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface RecordAnnexEntriesProofMetaHashFieldEvent {
    field: '$.entries[].proof.metaHash'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<RecordAnnex>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RecordAnnex.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordAnnex>): RecordAnnex {
    return decodeMessage(buf, RecordAnnex.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RecordAnnex>): Generator<RecordAnnexBlockHashFieldEvent | RecordAnnexHeightFieldEvent | RecordAnnexEntriesRecordFieldEvent | RecordAnnexEntriesProofLeafIndexFieldEvent | RecordAnnexEntriesProofLeafCountFieldEvent | RecordAnnexEntriesProofSiblingsFieldEvent | RecordAnnexEntriesProofMetaHashFieldEvent> {
    return streamMessage(buf, RecordAnnex.codec(), opts)
  }
}

export interface CommitVote {
  height: number
  view: number
  headerHash: Uint8Array<ArrayBuffer>
}

export namespace CommitVote {
  let _codec: Codec<CommitVote>

  export const codec = (): Codec<CommitVote> => {
    if (_codec == null) {
      _codec = message<CommitVote>((obj, w, opts = {}) => {
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

        if ((obj.headerHash != null && obj.headerHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.headerHash)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          view: 0,
          headerHash: uint8ArrayAlloc(0)
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
              obj.headerHash = reader.bytes()
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
                field: `${prefix}.view`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.headerHash`,
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

  export interface CommitVoteHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface CommitVoteViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface CommitVoteHeaderHashFieldEvent {
    field: '$.headerHash'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<CommitVote>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CommitVote.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitVote>): CommitVote {
    return decodeMessage(buf, CommitVote.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitVote>): Generator<CommitVoteHeightFieldEvent | CommitVoteViewFieldEvent | CommitVoteHeaderHashFieldEvent> {
    return streamMessage(buf, CommitVote.codec(), opts)
  }
}

export interface CommitSignature {
  publicKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace CommitSignature {
  let _codec: Codec<CommitSignature>

  export const codec = (): Codec<CommitSignature> => {
    if (_codec == null) {
      _codec = message<CommitSignature>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.publicKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          publicKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.publicKey = reader.bytes()
              break
            }
            case 2: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signature`,
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

  export interface CommitSignaturePublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitSignatureSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<CommitSignature>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CommitSignature.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitSignature>): CommitSignature {
    return decodeMessage(buf, CommitSignature.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitSignature>): Generator<CommitSignaturePublicKeyFieldEvent | CommitSignatureSignatureFieldEvent> {
    return streamMessage(buf, CommitSignature.codec(), opts)
  }
}

export interface CommitCertificate {
  height: number
  view: number
  headerHash: Uint8Array<ArrayBuffer>
  signatures: CommitSignature[]
}

export namespace CommitCertificate {
  let _codec: Codec<CommitCertificate>

  export const codec = (): Codec<CommitCertificate> => {
    if (_codec == null) {
      _codec = message<CommitCertificate>((obj, w, opts = {}) => {
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

        if ((obj.headerHash != null && obj.headerHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.headerHash)
        }

        if (obj.signatures != null && obj.signatures.length > 0) {
          for (const value of obj.signatures) {
            w.uint32(34)
            CommitSignature.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          height: 0,
          view: 0,
          headerHash: uint8ArrayAlloc(0),
          signatures: []
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
              obj.headerHash = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.signatures != null && obj.signatures.length === opts.limits.signatures) {
                throw new MaxLengthError('Decode error - repeated field "signatures" had too many elements')
              }

              obj.signatures.push(CommitSignature.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.signatures$
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
          signatures: 0
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
                field: `${prefix}.headerHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.signatures != null && obj.signatures === opts.limits.signatures) {
                throw new MaxLengthError('Streaming decode error - repeated field "signatures" had too many elements')
              }

              for (const evt of CommitSignature.codec().stream(reader, reader.uint32(), `${prefix}.signatures[]`, {
                limits: opts.limits?.signatures$
              })) {
                yield {
                  ...evt,
                  index: obj.signatures
                }
              }

              obj.signatures++

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

  export interface CommitCertificateHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface CommitCertificateViewFieldEvent {
    field: '$.view'
    value: number
  }

  export interface CommitCertificateHeaderHashFieldEvent {
    field: '$.headerHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface CommitCertificateSignaturesPublicKeyFieldEvent {
    field: '$.signatures[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface CommitCertificateSignaturesSignatureFieldEvent {
    field: '$.signatures[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<CommitCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CommitCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitCertificate>): CommitCertificate {
    return decodeMessage(buf, CommitCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CommitCertificate>): Generator<CommitCertificateHeightFieldEvent | CommitCertificateViewFieldEvent | CommitCertificateHeaderHashFieldEvent | CommitCertificateSignaturesPublicKeyFieldEvent | CommitCertificateSignaturesSignatureFieldEvent> {
    return streamMessage(buf, CommitCertificate.codec(), opts)
  }
}

export interface GenesisParam {
  name: string
  value: number
}

export namespace GenesisParam {
  let _codec: Codec<GenesisParam>

  export const codec = (): Codec<GenesisParam> => {
    if (_codec == null) {
      _codec = message<GenesisParam>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if ((obj.value != null && obj.value !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.value)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          value: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              obj.value = reader.uint64Number()
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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.value`,
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

  export interface GenesisParamNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface GenesisParamValueFieldEvent {
    field: '$.value'
    value: number
  }

  export function encode (obj: Partial<GenesisParam>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GenesisParam.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GenesisParam>): GenesisParam {
    return decodeMessage(buf, GenesisParam.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GenesisParam>): Generator<GenesisParamNameFieldEvent | GenesisParamValueFieldEvent> {
    return streamMessage(buf, GenesisParam.codec(), opts)
  }
}

export interface GenesisDoc {
  version: number
  networkId: string
  genesisTime: number
  operatorKey: Uint8Array<ArrayBuffer>
  validators: ValidatorInfo[]
  redundancy: number
  hashChainLength: number
  batching: GenesisParam[]
  timeouts: GenesisParam[]
  vrfSeed: Uint8Array<ArrayBuffer>
  certificateValidityMs: number
  accessWindowMs: number
}

export namespace GenesisDoc {
  let _codec: Codec<GenesisDoc>

  export const codec = (): Codec<GenesisDoc> => {
    if (_codec == null) {
      _codec = message<GenesisDoc>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.networkId != null && obj.networkId !== '')) {
          w.uint32(18)
          w.string(obj.networkId)
        }

        if ((obj.genesisTime != null && obj.genesisTime !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.genesisTime)
        }

        if ((obj.operatorKey != null && obj.operatorKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.operatorKey)
        }

        if (obj.validators != null && obj.validators.length > 0) {
          for (const value of obj.validators) {
            w.uint32(42)
            ValidatorInfo.codec().encode(value, w)
          }
        }

        if ((obj.redundancy != null && obj.redundancy !== 0)) {
          w.uint32(48)
          w.uint32(obj.redundancy)
        }

        if ((obj.hashChainLength != null && obj.hashChainLength !== 0)) {
          w.uint32(56)
          w.uint32(obj.hashChainLength)
        }

        if (obj.batching != null && obj.batching.length > 0) {
          for (const value of obj.batching) {
            w.uint32(66)
            GenesisParam.codec().encode(value, w)
          }
        }

        if (obj.timeouts != null && obj.timeouts.length > 0) {
          for (const value of obj.timeouts) {
            w.uint32(74)
            GenesisParam.codec().encode(value, w)
          }
        }

        if ((obj.vrfSeed != null && obj.vrfSeed.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.vrfSeed)
        }

        if ((obj.certificateValidityMs != null && obj.certificateValidityMs !== 0)) {
          w.uint32(88)
          w.uint64Number(obj.certificateValidityMs)
        }

        if ((obj.accessWindowMs != null && obj.accessWindowMs !== 0)) {
          w.uint32(96)
          w.uint64Number(obj.accessWindowMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          networkId: '',
          genesisTime: 0,
          operatorKey: uint8ArrayAlloc(0),
          validators: [],
          redundancy: 0,
          hashChainLength: 0,
          batching: [],
          timeouts: [],
          vrfSeed: uint8ArrayAlloc(0),
          certificateValidityMs: 0,
          accessWindowMs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.networkId = reader.string()
              break
            }
            case 3: {
              obj.genesisTime = reader.uint64Number()
              break
            }
            case 4: {
              obj.operatorKey = reader.bytes()
              break
            }
            case 5: {
              if (opts.limits?.validators != null && obj.validators.length === opts.limits.validators) {
                throw new MaxLengthError('Decode error - repeated field "validators" had too many elements')
              }

              obj.validators.push(ValidatorInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.validators$
              }))
              break
            }
            case 6: {
              obj.redundancy = reader.uint32()
              break
            }
            case 7: {
              obj.hashChainLength = reader.uint32()
              break
            }
            case 8: {
              if (opts.limits?.batching != null && obj.batching.length === opts.limits.batching) {
                throw new MaxLengthError('Decode error - repeated field "batching" had too many elements')
              }

              obj.batching.push(GenesisParam.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.batching$
              }))
              break
            }
            case 9: {
              if (opts.limits?.timeouts != null && obj.timeouts.length === opts.limits.timeouts) {
                throw new MaxLengthError('Decode error - repeated field "timeouts" had too many elements')
              }

              obj.timeouts.push(GenesisParam.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.timeouts$
              }))
              break
            }
            case 10: {
              obj.vrfSeed = reader.bytes()
              break
            }
            case 11: {
              obj.certificateValidityMs = reader.uint64Number()
              break
            }
            case 12: {
              obj.accessWindowMs = reader.uint64Number()
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
          validators: 0,
          batching: 0,
          timeouts: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.networkId`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.genesisTime`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.operatorKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              if (opts.limits?.validators != null && obj.validators === opts.limits.validators) {
                throw new MaxLengthError('Streaming decode error - repeated field "validators" had too many elements')
              }

              for (const evt of ValidatorInfo.codec().stream(reader, reader.uint32(), `${prefix}.validators[]`, {
                limits: opts.limits?.validators$
              })) {
                yield {
                  ...evt,
                  index: obj.validators
                }
              }

              obj.validators++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.redundancy`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.hashChainLength`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              if (opts.limits?.batching != null && obj.batching === opts.limits.batching) {
                throw new MaxLengthError('Streaming decode error - repeated field "batching" had too many elements')
              }

              for (const evt of GenesisParam.codec().stream(reader, reader.uint32(), `${prefix}.batching[]`, {
                limits: opts.limits?.batching$
              })) {
                yield {
                  ...evt,
                  index: obj.batching
                }
              }

              obj.batching++

              break
            }
            case 9: {
              if (opts.limits?.timeouts != null && obj.timeouts === opts.limits.timeouts) {
                throw new MaxLengthError('Streaming decode error - repeated field "timeouts" had too many elements')
              }

              for (const evt of GenesisParam.codec().stream(reader, reader.uint32(), `${prefix}.timeouts[]`, {
                limits: opts.limits?.timeouts$
              })) {
                yield {
                  ...evt,
                  index: obj.timeouts
                }
              }

              obj.timeouts++

              break
            }
            case 10: {
              yield {
                field: `${prefix}.vrfSeed`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.certificateValidityMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.accessWindowMs`,
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

  export interface GenesisDocVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GenesisDocNetworkIdFieldEvent {
    field: '$.networkId'
    value: string
  }

  export interface GenesisDocGenesisTimeFieldEvent {
    field: '$.genesisTime'
    value: number
  }

  export interface GenesisDocOperatorKeyFieldEvent {
    field: '$.operatorKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GenesisDocValidatorsPublicKeyFieldEvent {
    field: '$.validators[].publicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface GenesisDocValidatorsAddressFieldEvent {
    field: '$.validators[].address'
    value: string
    index: number
  }

  export interface GenesisDocRedundancyFieldEvent {
    field: '$.redundancy'
    value: number
  }

  export interface GenesisDocHashChainLengthFieldEvent {
    field: '$.hashChainLength'
    value: number
  }

  export interface GenesisDocBatchingNameFieldEvent {
    field: '$.batching[].name'
    value: string
    index: number
  }

  export interface GenesisDocBatchingValueFieldEvent {
    field: '$.batching[].value'
    value: number
    index: number
  }

  export interface GenesisDocTimeoutsNameFieldEvent {
    field: '$.timeouts[].name'
    value: string
    index: number
  }

  export interface GenesisDocTimeoutsValueFieldEvent {
    field: '$.timeouts[].value'
    value: number
    index: number
  }

  export interface GenesisDocVrfSeedFieldEvent {
    field: '$.vrfSeed'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GenesisDocCertificateValidityMsFieldEvent {
    field: '$.certificateValidityMs'
    value: number
  }

  export interface GenesisDocAccessWindowMsFieldEvent {
    field: '$.accessWindowMs'
    value: number
  }

  export function encode (obj: Partial<GenesisDoc>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GenesisDoc.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GenesisDoc>): GenesisDoc {
    return decodeMessage(buf, GenesisDoc.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GenesisDoc>): Generator<GenesisDocVersionFieldEvent | GenesisDocNetworkIdFieldEvent | GenesisDocGenesisTimeFieldEvent | GenesisDocOperatorKeyFieldEvent | GenesisDocValidatorsPublicKeyFieldEvent | GenesisDocValidatorsAddressFieldEvent | GenesisDocRedundancyFieldEvent | GenesisDocHashChainLengthFieldEvent | GenesisDocBatchingNameFieldEvent | GenesisDocBatchingValueFieldEvent | GenesisDocTimeoutsNameFieldEvent | GenesisDocTimeoutsValueFieldEvent | GenesisDocVrfSeedFieldEvent | GenesisDocCertificateValidityMsFieldEvent | GenesisDocAccessWindowMsFieldEvent> {
    return streamMessage(buf, GenesisDoc.codec(), opts)
  }
}
