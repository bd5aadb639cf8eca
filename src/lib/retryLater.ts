import type { AfterErrorHookArgs, AfterErrorResult } from 'payload'

/**
 * An `afterError` answer for a failure the client should simply retry: 503 with `Retry-After`
 * and `{"errors":[{"message":…}]}` (REST), or the GraphQL error with that message and status 503.
 */
export const retryLater = (
  { graphqlResult, req }: Pick<AfterErrorHookArgs, 'graphqlResult' | 'req'>,
  message: string,
  retryAfterSeconds: number,
): AfterErrorResult => {
  req.responseHeaders ??= new Headers()
  req.responseHeaders.set('Retry-After', String(retryAfterSeconds))
  if (graphqlResult) {
    return {
      graphqlResult: {
        ...graphqlResult,
        message,
        extensions: { ...graphqlResult.extensions, statusCode: 503 },
      },
    }
  }
  return { status: 503, response: { errors: [{ message }] } }
}
