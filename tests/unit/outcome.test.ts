import { APIError, Forbidden, NotFound, ValidationError } from 'payload'

import {
  apiError,
  DONE,
  expectOutcome,
  FORBIDDEN,
  NO_EFFECT,
  NOT_FOUND,
  settle,
} from '../helpers/outcome'

/** The access matrices' checker must never let a crash pass for a refusal. */
describe('expectOutcome', () => {
  const refusedWith = (error: unknown) => settle(Promise.reject(error))

  it('accepts the exact Payload error a cell expects', () => {
    expect(() => expectOutcome({ error: new Forbidden() }, FORBIDDEN)).not.toThrow()
    expect(() => expectOutcome({ error: new NotFound() }, NOT_FOUND)).not.toThrow()
    const staffOnly = apiError(403, 'Only staff can move an order forward')
    expect(() =>
      expectOutcome(
        { error: new APIError('Only staff can move an order forward', 403) },
        staffOnly,
      ),
    ).not.toThrow()
  })

  it('fails a refusal cell on a plain Error, a 500 or another class or status', () => {
    for (const error of [
      new Error('access crashed'),
      new APIError('boom', 500),
      new APIError('You are not allowed to perform this action.', 403),
      new NotFound(),
      new ValidationError({ errors: [{ message: 'bad', path: 'x' }] }),
    ]) {
      expect(() => expectOutcome({ error }, FORBIDDEN)).toThrow()
    }
    expect(() =>
      expectOutcome({ error: new APIError('Another message', 403) }, apiError(403, 'Expected')),
    ).toThrow()
  })

  it('fails a refusal cell whose call succeeded', () => {
    expect(() => expectOutcome({ value: {} }, FORBIDDEN)).toThrow('but the call succeeded')
  })

  it('rethrows the error of a call expected to succeed, so a crash shows its own stack', async () => {
    const crash = new Error('access crashed')
    const settled = await refusedWith(crash)
    for (const expected of [DONE, NO_EFFECT]) {
      expect(() => expectOutcome({ value: 1 }, expected)).not.toThrow()
      expect(() => expectOutcome(settled, expected)).toThrow(crash)
    }
  })
})
