/** Worker exits counted for the backoff: those of the last minute. */
export const CRASH_WINDOW_MS = 60_000
const MAX_BACKOFF_MS = 30_000

/**
 * How long to wait before replacing a worker, given how many exits happened in the last minute
 * (this one included): the first at once, then 0.5 s, 1 s, 2 s, … up to 30 s, so a crash loop
 * does not spin.
 */
export const replacementDelayMs = (recentExits: number): number =>
  recentExits <= 1 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** (recentExits - 2))
