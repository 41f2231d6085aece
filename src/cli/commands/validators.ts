// `gridauth validators`: the validator set with peer ids, this node's PBFT view, the current
// primary and the last commit, through the control API ('validators').
import type { Command } from 'commander'
import type { CommandGroup } from './index.js'
import { callNode } from '../control-client.js'
import { table, keyValues } from '../table.js'

interface Info {
  validator: boolean
  self?: number
  view?: number
  normal?: boolean
  primary?: number | null
  height?: number
  ledgerHeight?: number
  lastCommitTime?: string | null
  stableCheckpoint?: number
  pending?: number
  lastProposer?: number | null
  validators: Array<{ index: number, peerId?: string, publicKey: string, address: string, self?: boolean, connected?: boolean }>
}

export const validatorsCommands: CommandGroup = (program: Command, ctx) => {
  program.command('validators')
    .description('validator set (peer ids, addresses, connectivity), this node\'s PBFT view, the current primary, last commit height/time')
    .action(async () => {
      const info = await callNode<Info>(ctx.socketPath(), 'validators')
      ctx.out(info, () => [
        info.validator
          ? keyValues([
            ['this validator', info.self], ['view', `${info.view}${info.normal === true ? '' : ' (view change in progress)'}`],
            ['primary (next height)', info.primary ?? 'unknown'], ['committed height', info.height], ['ledger height', info.ledgerHeight],
            ['last commit', info.lastCommitTime ?? 'none since start'], ['stable checkpoint', info.stableCheckpoint], ['pending requests', info.pending]
          ])
          : keyValues([
            ['this validator', 'no (what the certified headers say)'], ['committed height', info.height ?? 'unknown'],
            ['last block view', info.view ?? 'unknown'], ['last block proposer', info.lastProposer ?? 'none'], ['last commit', info.lastCommitTime ?? 'none']
          ]),
        '',
        table(['#', 'PEER ID', 'ADDRESS', 'ROLE', 'CONNECTED'], info.validators.map((v) => [
          v.index, v.peerId ?? v.publicKey, v.address,
          v.self === true ? 'self' : (info.primary === v.index ? 'primary' : ''),
          v.connected === undefined ? null : v.connected ? 'yes' : 'no'
        ]))
      ].join('\n'))
    })
}
