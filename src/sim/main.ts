// `npm run sim -- --suite <name> ...`: dispatches to a simulator suite. Each suite module exports
// `main(args): Promise<number>` (the exit code). Add a suite by adding a line to SUITES.
type SuiteMain = (args: readonly string[]) => Promise<number>

const SUITES: Record<string, () => Promise<{ main: SuiteMain }>> = {
  pbft: () => import('../pbft/sim/cli.js'),
  skipgraph: async () => await import('../skipgraph/sim/cli.js').then((m) => ({ main: async (args: readonly string[]) => await m.main([...args]) })),
}

async function run(): Promise<void> {
  const args = process.argv.slice(2)
  const i = args.indexOf('--suite')
  const suite = i >= 0 ? args[i + 1] : (args.find(a => a.startsWith('--suite='))?.slice(8) ?? 'pbft')
  const load = SUITES[suite]
  if (load === undefined) {
    console.error(`unknown suite '${suite}'; known: ${Object.keys(SUITES).join(', ')}`)
    process.exit(2)
  }
  const mod = await load()
  process.exitCode = await mod.main(args)
}

await run()
