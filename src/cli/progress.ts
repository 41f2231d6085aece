// Progress for long operations (consensus, skip-graph fetches, audit scans): a spinner with the
// elapsed time on stderr, only when both stdout and stderr are terminals and --json is off, so
// scripts, pipes and logs never see it. It appears after a short delay (fast answers do not
// flicker) and erases itself before the result is printed.
const FRAMES = ['|', '/', '-', '\\']
const DELAY_MS = 300
const EVERY_MS = 100

export interface Progress { stop: () => void }

export function progressEnabled(json: boolean, stdout: { isTTY?: boolean } = process.stdout, stderr: { isTTY?: boolean } = process.stderr): boolean {
  return !json && stdout.isTTY === true && stderr.isTTY === true
}

export function startProgress(label: string, enabled: boolean, write: (s: string) => void = (s) => { process.stderr.write(s) }): Progress {
  if (!enabled) return { stop: () => {} }
  const t0 = Date.now()
  let frame = 0
  let shown = false
  const draw = (): void => {
    shown = true
    write(`\r${FRAMES[frame++ % FRAMES.length]} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)\x1b[K`)
  }
  let timer: NodeJS.Timeout | undefined
  const delay = setTimeout(() => {
    draw()
    timer = setInterval(draw, EVERY_MS)
  }, DELAY_MS)
  return {
    stop: () => {
      clearTimeout(delay)
      clearInterval(timer)
      if (shown) write('\r\x1b[K')
    }
  }
}
