import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { APIError, getPayload } from 'payload'

let answerGraphQL: ((request: Request) => Promise<Response>) | undefined

/**
 * Payload's GraphQL handler, on the config of the process's one Payload instance (the server's,
 * see bootPayload) rather than Next's bundled copy of it: the schema's resolvers then run that
 * config's hooks, the same module instances REST runs. Built on the first request, once the
 * instance exists.
 */
const graphQL = (): ((request: Request) => Promise<Response>) =>
  (answerGraphQL ??= GRAPHQL_POST(getPayload({ config }).then((payload) => payload.config)))

/**
 * Payload's GraphQL handler reads the body before its own error handling starts, so a body that is
 * no JSON (its `APIError('Invalid JSON', 400)`) escaped as an empty 500. Such client errors are
 * answered here, in GraphQL's error shape; anything else is left to fail as before.
 */
export const POST = async (request: Request): Promise<Response> => {
  try {
    return await graphQL()(request)
  } catch (error) {
    if (error instanceof APIError && error.status >= 400 && error.status < 500) {
      return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
    }
    throw error
  }
}
export const OPTIONS = REST_OPTIONS(config)
