// Argument parsers shared by the commands: a bad value is a UserError (exit 1) naming it.
import { UserError } from '../util/errors.js'

export function toInt(v: string): number {
  const n = Number(v)
  if (v.trim() === '' || !Number.isSafeInteger(n) || n < 0) throw new UserError(`'${v}' is not a non-negative integer`)
  return n
}

export function toPositiveInt(v: string): number {
  const n = toInt(v)
  if (n === 0) throw new UserError(`'${v}' must be at least 1`)
  return n
}

export function toPositive(v: string): number {
  const n = Number(v)
  if (!Number.isFinite(n) || n <= 0) throw new UserError(`'${v}' is not a positive number`)
  return n
}
