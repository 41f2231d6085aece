// The node's persistent Ed25519 identity: one key is both its libp2p PeerId and its terminal
// key. Stored as the libp2p protobuf encoding in <data>/identity.key, mode 0600; like ssh, a
// key file readable by others is refused.
import { readFileSync, writeFileSync, statSync, openSync, fsyncSync, closeSync, renameSync } from 'node:fs'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { UserError, errorCode } from '../util/errors.js'
import { signingKeyFromSeed, type SigningKey } from '../crypto/ed25519.js'

export function loadIdentity(keyFile: string): PrivateKey {
  let st
  try {
    st = statSync(keyFile)
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new UserError(`no identity key at ${keyFile}; run \`gridauth init\` first`)
    throw new UserError(`cannot read key file ${keyFile}: ${(err as Error).message}`)
  }
  if (!st.isFile()) throw new UserError(`cannot read key file ${keyFile}: not a regular file`)
  if ((st.mode & 0o077) !== 0) {
    throw new UserError(`key file ${keyFile} has mode 0${(st.mode & 0o777).toString(8)}; it must be readable by its owner only (chmod 600)`)
  }
  let bytes: Buffer
  try {
    bytes = readFileSync(keyFile)
  } catch (err) {
    throw new UserError(`cannot read key file ${keyFile}: ${(err as Error).message}`)
  }
  let key: PrivateKey
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new UserError(`key file ${keyFile} is corrupt: ${(err as Error).message}`)
  }
  if (key.type !== 'Ed25519') throw new UserError(`key file ${keyFile} holds a ${key.type} key; gridauth needs Ed25519`)
  return key
}

/** Creates a new identity; refuses to overwrite an existing one. Written atomically (tmp + fsync + rename). */
export async function createIdentity(keyFile: string): Promise<PrivateKey> {
  try {
    statSync(keyFile)
    throw new UserError(`an identity already exists at ${keyFile}; refusing to overwrite it`)
  } catch (err) {
    if (err instanceof UserError) throw err
    if (errorCode(err) !== 'ENOENT') throw new UserError(`cannot access ${keyFile}: ${(err as Error).message}`)
  }
  const key = await generateKeyPair('Ed25519')
  const tmp = `${keyFile}.tmp`
  writeFileSync(tmp, privateKeyToProtobuf(key), { mode: 0o600 })
  const fd = openSync(tmp, 'r')
  fsyncSync(fd)
  closeSync(fd)
  renameSync(tmp, keyFile)
  return key
}

/** The SigningKey (libsodium, with a node:crypto KeyObject) for the same Ed25519 identity (raw = seed || public key). */
export function signingKeyOf(key: PrivateKey): SigningKey {
  return signingKeyFromSeed(key.raw.subarray(0, 32))
}
