// Extra CLI command groups, each in its own file, registered on the main program.
import type { Command } from 'commander'
import { skipgraphCommands } from './skipgraph.js'
import { validatorsCommands } from './validators.js'
import { networkCommands } from './network.js'

export interface CommandContext {
  /** The control socket of the node named by --data. */
  socketPath: () => string
  /** Prints `value` as JSON with --json, else the human text. */
  out: (value: unknown, human: () => string) => void
  /** Asks the node, showing `label` with a spinner meanwhile on a terminal (never with --json or piped). */
  call: <T>(method: string, params: Record<string, unknown>, label: string) => Promise<T>
}

export type CommandGroup = (program: Command, ctx: CommandContext) => void

export const commandGroups: CommandGroup[] = [skipgraphCommands, validatorsCommands, networkCommands]
