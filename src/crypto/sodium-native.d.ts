// Hand-written types for the parts of sodium-native 5.1.0 (CommonJS, no bundled types; the
// DefinitelyTyped @types/sodium-native is for the 2.x API) that gridauth uses. Every function
// validates its buffer lengths and throws on a non-zero libsodium status (for the
// crypto_scalarmult_ed25519_* and crypto_core_ed25519_add/sub functions that includes the
// refusals described in src/crypto/sodium.ts); crypto_sign_verify_detached returns a boolean.
declare module 'sodium-native' {
  interface SodiumNative {
    readonly crypto_sign_SEEDBYTES: number
    readonly crypto_sign_PUBLICKEYBYTES: number
    readonly crypto_sign_SECRETKEYBYTES: number
    readonly crypto_sign_BYTES: number
    crypto_sign_seed_keypair(pk: Uint8Array, sk: Uint8Array, seed: Uint8Array): void
    crypto_sign_detached(sig: Uint8Array, m: Uint8Array, sk: Uint8Array): void
    crypto_sign_verify_detached(sig: Uint8Array, m: Uint8Array, pk: Uint8Array): boolean
    crypto_hash_sha512(out: Uint8Array, input: Uint8Array): void
    crypto_scalarmult_ed25519_noclamp(q: Uint8Array, n: Uint8Array, p: Uint8Array): void
    crypto_scalarmult_ed25519_base_noclamp(q: Uint8Array, n: Uint8Array): void
    crypto_core_ed25519_add(r: Uint8Array, p: Uint8Array, q: Uint8Array): void
    crypto_core_ed25519_sub(r: Uint8Array, p: Uint8Array, q: Uint8Array): void
    crypto_core_ed25519_scalar_reduce(r: Uint8Array, s: Uint8Array): void
  }
  const sodium: SodiumNative
  export = sodium
}
