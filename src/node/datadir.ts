// The data directory holds everything a node persists: its identity key, its LevelDB store
// and its control socket. It must belong to the user running the node and be private (0700):
// the control socket inside it is the CLI's only access control.
import { mkdirSync, statSync, chmodSync } from 'node:fs'
import { homedir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { UserError, errorCode } from '../util/errors.js'

export const KEY_FILE = 'identity.key'
export const STORE_DIR = 'store'
export const CONTROL_SOCKET = 'control.sock'

export function defaultDataDir(): string {
  return process.env.GRIDAUTH_DATA ?? join(homedir(), '.gridauth')
}

export interface DataDir {
  root: string
  keyFile: string
  storeDir: string
  controlSocket: string
}

export function dataDirPaths(dir: string): DataDir {
  const root = resolve(dir)
  return { root, keyFile: join(root, KEY_FILE), storeDir: join(root, STORE_DIR), controlSocket: join(root, CONTROL_SOCKET) }
}

/** Creates the directory if needed (mode 0700) and refuses one owned by another user. */
export function prepareDataDir(dir: string, create: boolean): DataDir {
  const paths = dataDirPaths(dir)
  let st
  try {
    st = statSync(paths.root)
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw new UserError(`cannot access data directory ${paths.root}: ${(err as Error).message}`)
    if (!create) throw new UserError(`data directory ${paths.root} does not exist; run \`gridauth init --data ${dir}\` first`)
    mkdirSync(paths.root, { recursive: true, mode: 0o700 })
    st = statSync(paths.root)
  }
  if (!st.isDirectory()) throw new UserError(`data directory ${paths.root} is not a directory`)
  const uid = process.getuid?.()
  if (uid !== undefined && st.uid !== uid) {
    throw new UserError(`data directory ${paths.root} is owned by uid ${st.uid}, not by ${userInfo().username} (uid ${uid}); refusing to use it`)
  }
  if ((st.mode & 0o077) !== 0) chmodSync(paths.root, 0o700)
  return paths
}
