// Commands for the chain and the authentication flows: chain, view, audit, identity, register,
// access, auth, revoke. All of them ask the running node over its control socket.
import type { Command } from 'commander'
import { callNode } from '../control-client.js'
import { table, keyValues } from '../table.js'
import type { CommandContext } from './index.js'
import type { HeaderSummary, AuditEntry } from '../../chain/ledger-component.js'
import type { AuthOutcome } from '../../auth/auth-service.js'
import { UserError } from '../../util/errors.js'
import { toPositiveInt } from '../args.js'

const short = (h: string, n = 16): string => (h.length > n ? h.slice(0, n) + '…' : h)
const time = (ms: number): string => (ms > 0 ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-')

function terminalArg(t: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(t)) throw new UserError(`'${t}' is not a terminal id (64 hex digits; see \`gridauth view\`)`)
  return t.toLowerCase()
}

export function networkCommands(program: Command, ctx: CommandContext): void {
  program.command('chain')
    .description('committed height and the most recent block headers')
    .option('-n, --count <n>', 'how many recent headers', toPositiveInt, 10)
    .action(async (cmd: { count: number }) => {
      const r = await callNode<{ networkId: string, height: number, headHash: string, headers: HeaderSummary[], integrity?: { corrupt?: { height: number, reason: string } } | null }>(ctx.socketPath(), 'chain', { count: cmd.count })
      const damage = r.integrity?.corrupt
      ctx.out(r, () => `network ${r.networkId}, height ${r.height}, head ${r.headHash}\n` +
        (damage === undefined ? '' : `STORED CHAIN CORRUPT at height ${damage.height}: ${damage.reason}\n`) + '\n' + table(
        ['HEIGHT', 'HASH', 'VIEW', 'TXS', 'TIME', 'PROPOSER'],
        r.headers.map((h) => [h.height, short(h.hash), h.view, h.txCount, time(h.timestamp), short(h.proposer, 12)])))
    })

  program.command('view [terminal]')
    .description('the blockchain view: per terminal, the block of its latest data, chain height and latest identity hash')
    .option('--fresh', 'on a follower: read the record again (skip graph, else validators) instead of using the cache')
    .action(async (terminal: string | undefined, cmd: { fresh?: boolean }) => {
      const r = await callNode<Array<{ terminal: string, headerHash: string, height: number, chainHeight: number, latestIdentityHash: string, revoked: boolean, source?: string, provenAt?: number }>>(ctx.socketPath(), 'view', terminal === undefined ? {} : { terminal: terminalArg(terminal), ...(cmd.fresh === true ? { fresh: true } : {}) })
      // A follower's answer says where the record came from (cache, skip graph, validator) and
      // the head it is current at; a validator reads its own ledger.
      const from = r.some((v) => v.source !== undefined)
      ctx.out(r, () => r.length === 0 ? 'no terminals registered' : table(
        ['TERMINAL', 'BLOCK', 'HEIGHT', 'CHAIN LEFT', 'LATEST IDENTITY HASH', 'REVOKED', ...(from ? ['FROM', 'CURRENT AT'] : [])],
        r.map((v) => [terminal === undefined ? short(v.terminal) : v.terminal, short(v.headerHash), v.height, v.chainHeight, short(v.latestIdentityHash, 24), v.revoked ? 'yes' : 'no', ...(from ? [v.source ?? null, v.provenAt ?? null] : [])])))
    })

  program.command('audit <terminal>')
    .description('every authentication, access, update and refusal of a terminal on the chain, with block heights')
    .action(async (terminal: string) => {
      const id = terminalArg(terminal)
      const r = await ctx.call<AuditEntry[]>('audit', { terminal: id }, 'scanning the chain')
      // Nothing at all: say whether the terminal is on the chain (exit 3 if not).
      if (r.length === 0) await callNode(ctx.socketPath(), 'view', { terminal: id })
      ctx.out(r, () => r.length === 0 ? 'nothing on the chain for this terminal' : table(
        ['HEIGHT', 'TIME', 'TYPE', 'RESULT', 'DETAIL'],
        r.map((e) => [e.height, time(e.time), e.type, e.result, Object.entries(e.detail).map(([k, v]) => `${k}=${typeof v === 'string' ? short(v) : String(v)}`).join(' ')])))
    })

  program.command('identity')
    .description('this terminal\'s enrollment and hash-chain state')
    .action(async () => {
      const r = await callNode<Record<string, unknown>>(ctx.socketPath(), 'identity')
      ctx.out(r, () => r.enrolled === true
        ? keyValues([['terminal', String(r.terminal)], ['serial', String(r.serial)], ['chain values left', Number(r.chainRemaining)], ['chain length', Number(r.chainLength)], ['chain generation', Number(r.chainGeneration)]])
        : 'not enrolled (start the node with --enrollment <file>)')
    })

  program.command('register')
    .description('register this enrolled terminal with the validators (safe to retry)')
    .action(async () => {
      const r = await ctx.call<Record<string, unknown>>('register', {}, 'registering: waiting for the validators to agree')
      const cert = r.certificate as { notBefore: number, notAfter: number, hash: string } | null
      ctx.out(r, () => keyValues([
        ['registered', r.registered === true ? 'yes' : `no (${String(r.reason)})`], ['terminal', String(r.terminal)], ['block', Number(r.height)],
        ['certificate', cert === null ? '-' : `${short(cert.hash)} valid ${time(cert.notBefore)} to ${time(cert.notAfter)}`], ['latency', `${String(r.latencyMs)} ms`]
      ]))
      if (r.registered !== true) process.exitCode = 4
    })

  program.command('access')
    .description('access authentication (paper A): a signed request agreed by the validators')
    .option('--resource <name>', 'what the terminal asks access to', '')
    .action(async (cmd: { resource: string }) => {
      const r = await ctx.call<Record<string, unknown>>('access', { resource: cmd.resource }, 'access request: waiting for the validators to agree')
      ctx.out(r, () => keyValues([['access', r.granted === true ? 'granted' : `denied (${String(r.reason)})`], ['block', Number(r.height)], ['latency', `${String(r.latencyMs)} ms`]]))
      if (r.granted !== true) process.exitCode = 4
    })

  program.command('auth <peer>')
    .description('authenticate this terminal to another (paper B hash chain); <peer> is a peer id or multiaddr')
    .option('--mutual', 'the other terminal proves itself too')
    .action(async (peer: string, cmd: { mutual?: boolean }) => {
      const r = await ctx.call<AuthOutcome>('auth', { peer, mutual: cmd.mutual === true }, `authenticating to ${peer.length > 40 ? '…' + peer.slice(-16) : peer}`)
      ctx.out(r, () => keyValues([['result', r.accepted ? 'accepted' : `refused (${r.reasonName}${r.detail === '' ? '' : ': ' + r.detail})`], ['latency', `${r.latencyMs} ms`], ...(r.peerTerminal === undefined ? [] : [['peer terminal', r.peerTerminal] as [string, string]])]))
      if (!r.accepted) process.exitCode = 4
    })

  program.command('revoke <terminal>')
    .description('revoke a terminal (operator): every authentication fails afterwards')
    .requiredOption('--operator-key <file>', 'operator key')
    .requiredOption('--genesis <file>', 'genesis file of the network')
    .option('--reason <text>', 'why', '')
    .action(async (terminal: string, cmd: { operatorKey: string, genesis: string, reason: string }) => {
      const id = terminalArg(terminal)
      // An unknown terminal is an error (exit 3), not a transaction the validators refuse.
      await callNode(ctx.socketPath(), 'view', { terminal: id }).catch((err: UserError) => { if (err.exitCode === 3) throw err })
      const { loadOperatorKey, readGenesis } = await import('../operator-tools.js')
      const { makeRevocationTx, fromHex, toHex } = await import('../../ledger/index.js')
      const op = loadOperatorKey(cmd.operatorKey)
      const g = readGenesis(cmd.genesis)
      // Operator transactions need an increasing sequence number; the clock in ms is one for a
      // single operator console.
      const tx = makeRevocationTx(op, g.networkId, { terminalId: fromHex(id), reason: cmd.reason, opSeq: Date.now() })
      const r = await ctx.call<{ code: number, reason: string, height: number }>('submit', { tx: toHex(tx) }, 'revocation: waiting for the validators to agree')
      ctx.out(r, () => r.code === 0 ? `terminal ${id} revoked at height ${r.height}` : `revocation refused: ${r.reason} (height ${r.height})`)
      if (r.code !== 0) process.exitCode = 4
    })
}
