/**
 * An error meant for an operator: its message is one clear line, printed as is by the CLI,
 * which then exits with `exitCode`. Anything else that reaches the top is a bug and prints a stack.
 */
export class UserError extends Error {
  readonly exitCode: number
  constructor(message: string, exitCode = 1) {
    super(message)
    this.name = 'UserError'
    this.exitCode = exitCode
  }
}

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined
}
