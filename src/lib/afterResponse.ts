/** Work still running after its response went out (REST and GraphQL alike: one Payload instance). */
const pending = new Set<Promise<void>>()

/**
 * Runs `task` once the current response has been answered (on the next turn of the event loop),
 * so its cost never shows in the answer. Failures are handed to `onError`; shutdown waits for it
 * (`settleAfterResponseWork`).
 */
export const runAfterResponse = (
  task: () => Promise<unknown>,
  onError: (error: unknown) => void,
): void => {
  const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(task)
    .then(
      () => undefined,
      (error: unknown) => onError(error),
    )
    .finally(() => pending.delete(running))
  pending.add(running)
}

/**
 * Waits until every task of `runAfterResponse` has finished, also those they start, or until
 * `timeoutMs` passed. Resolves with how many were still running then (0 when all finished).
 */
export const settleAfterResponseWork = async (timeoutMs: number): Promise<number> => {
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  try {
    while (pending.size) {
      if ((await Promise.race([Promise.all(pending), timedOut])) === 'timeout') break
    }
  } finally {
    clearTimeout(timer)
  }
  return pending.size
}

/** How many `runAfterResponse` tasks are still running. */
export const afterResponseWorkPending = (): number => pending.size
