// `npm run load [-- --terminals 20 --auths 10000 --concurrency 4 --validators 4 --mutual --json]`:
// many terminal processes authenticating at once against a mesh of separate processes, every
// request accounted for (committed / refused with a reason / lost). Exit code 1 when any is lost.
import { parseArgs } from 'node:util'
import { writeFileSync } from 'node:fs'
import { DEFAULT_LOAD, formatLoad, runLoad } from './run.js'

const HELP = `usage: npm run load -- [options]
  --validators N   validator processes (default ${DEFAULT_LOAD.validators})
  --terminals N    terminal processes (default ${DEFAULT_LOAD.terminals})
  --auths N        authentications in total (default ${DEFAULT_LOAD.auths})
  --concurrency C  authentications in flight per terminal (default ${DEFAULT_LOAD.concurrency})
  --mutual         mutual authentications (default one-way)
  --timeout-s S    a request unanswered this long is lost (default ${DEFAULT_LOAD.requestTimeoutMs / 1000})
  --genesis-arg A  extra gridauth genesis flag (repeatable), e.g. --genesis-arg=--batch-window-ms --genesis-arg=5
  --keep           keep the mesh's data directories
  --out FILE       write the result as JSON
  --json           print the result as JSON`

const { values } = parseArgs({
  options: {
    validators: { type: 'string' }, terminals: { type: 'string' }, auths: { type: 'string' }, concurrency: { type: 'string' },
    mutual: { type: 'boolean' }, 'timeout-s': { type: 'string' }, 'genesis-arg': { type: 'string', multiple: true }, keep: { type: 'boolean' },
    out: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }
  }
})
if (values.help === true) {
  process.stdout.write(HELP + '\n')
} else {
  const n = (v: string | undefined, d: number): number => {
    if (v === undefined) return d
    const x = Number(v)
    if (!Number.isFinite(x) || x <= 0) throw new Error(`bad number ${v}`)
    return x
  }
  const r = await runLoad({
    validators: n(values.validators, DEFAULT_LOAD.validators),
    terminals: n(values.terminals, DEFAULT_LOAD.terminals),
    auths: n(values.auths, DEFAULT_LOAD.auths),
    concurrency: n(values.concurrency, DEFAULT_LOAD.concurrency),
    mutual: values.mutual === true,
    requestTimeoutMs: n(values['timeout-s'], DEFAULT_LOAD.requestTimeoutMs / 1000) * 1000,
    genesisArgs: values['genesis-arg'] ?? [],
    keep: values.keep === true
  })
  process.stdout.write(formatLoad(r) + '\n')
  if (values.json === true) process.stdout.write(JSON.stringify(r, null, 2) + '\n')
  if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(r, null, 2) + '\n')
  process.exitCode = r.lost > 0 ? 1 : 0
}
