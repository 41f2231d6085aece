// Progress for long operations (consensus, skip-graph fetches, audit scans): a spinner with the
// elapsed time on stderr, only when both stdout and stderr are terminals and --json is off, so
// scripts, pipes and logs never see it. Its first frame is drawn at once; it erases itself
// before the result is printed.
const FRAMES = ['|', '/', '-', '\\']
const EVERY_MS = 100

export interface Progress { stop: () => void }

export function progressEnabled(json: boolean, stdout: { isTTY?: boolean } = process.stdout, stderr: { isTTY?: boolean } = process.stderr): boolean {
  return !json && stdout.isTTY === true && stderr.isTTY === true
}

export function startProgress(label: string, enabled: boolean, write: (s: string) => void = (s) => { process.stderr.write(s) }): Progress {
  if (!enabled) return { stop: () => {} }
  const t0 = Date.now()
  let frame = 0
  const draw = (): void => {
    write(`\r${FRAMES[frame++ % FRAMES.length]} ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)\x1b[K`)
  }
  draw()
  const timer = setInterval(draw, EVERY_MS)
  return {
    stop: () => {
      clearInterval(timer)
      write('\r\x1b[K')
    }
  }
}
