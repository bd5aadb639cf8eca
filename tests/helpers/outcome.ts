/**
 * What a Local API call did, for tables of expected outcomes (the access matrices): it succeeded,
 * or it threw one exact Payload error. Anything else — a plain `Error`, a 5xx, another class or
 * status than the one expected — fails the test, so a crash can never pass for a refusal.
 */

/** An error a call is expected to throw: its class name and status (and message when given). */
export type Refusal = { name: string; status: number; message?: string }

/**
 * `done`: the call succeeded and the test then finds its effect stored (or the document read);
 * `no effect`: the call succeeded but changed or returned nothing (a `Where` filtered the
 * document out, field access dropped the change); otherwise the exact error it threw.
 */
export type Outcome = 'done' | 'no effect' | Refusal

export const DONE = 'done' as const
export const NO_EFFECT = 'no effect' as const
/** Payload's `Forbidden`: access returned false. */
export const FORBIDDEN: Refusal = { name: 'Forbidden', status: 403 }
/** Payload's `NotFound`: access returned a `Where` that excludes the document. */
export const NOT_FOUND: Refusal = { name: 'NotFound', status: 404 }
/** An `APIError` thrown by one of our hooks, with its status and message. */
export const apiError = (status: number, message: string): Refusal => ({
  name: 'APIError',
  status,
  message,
})

export type Settled<T = unknown> = { value: T } | { error: unknown }

/** Awaits a call and keeps what it resolved with or threw, to be checked by `expectOutcome`. */
export const settle = async <T>(promise: Promise<T>): Promise<Settled<T>> => {
  try {
    return { value: await promise }
  } catch (error) {
    return { error }
  }
}

/** A short label for test names: `done`, `no effect`, `403 Forbidden`. */
export const describeOutcome = (outcome: Outcome): string =>
  typeof outcome === 'string' ? outcome : `${outcome.status} ${outcome.name}`

/**
 * Fails unless the call settled as expected: a success outcome rethrows any error (so a crash
 * shows its own stack); a refusal must be that exact class and status (and message, if given).
 */
export const expectOutcome = (settled: Settled, expected: Outcome): void => {
  if (typeof expected === 'string') {
    if ('error' in settled) throw settled.error
    return
  }
  if (!('error' in settled)) {
    throw new Error(`expected ${describeOutcome(expected)}, but the call succeeded`)
  }
  const { name, status, message } = settled.error as Partial<Refusal>
  expect({ name, status, ...(expected.message === undefined ? {} : { message }) }).toEqual(expected)
}

/**
 * The status and message of what a call threw, with the paths and messages of a validation
 * error's fields (fails the test if it did not throw).
 */
export const failureOf = async (
  promise: Promise<unknown>,
): Promise<{ status: number; message: string; paths: string[]; messages: string[] }> => {
  try {
    await promise
  } catch (error) {
    const { status, message, data } = error as {
      status?: number
      message: string
      data?: { errors?: { path: string; message: string }[] }
    }
    const problems = data?.errors ?? []
    return {
      status: status ?? 500,
      message,
      paths: problems.map((problem) => problem.path),
      messages: problems.map((problem) => problem.message),
    }
  }
  throw new Error('expected the call to fail, but it succeeded')
}
