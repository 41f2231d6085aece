// The one place that loads sodium-native (libsodium through N-API; prebuilt for linux-x64 and
// linux-arm64, nothing compiled at install). The package is CommonJS: Node hands an ES module
// its module.exports as the default export. The reference below brings the hand-written types
// into every tsconfig that compiles a file importing this one.
/// <reference path="./sodium-native.d.ts" />
import sodiumNative from 'sodium-native'

export const sodium = sodiumNative
