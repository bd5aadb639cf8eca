import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'
import { APIError } from 'payload'

const answerGraphQL = GRAPHQL_POST(config)

/**
 * Payload's GraphQL handler reads the body before its own error handling starts, so a body that is
 * no JSON (its `APIError('Invalid JSON', 400)`) escaped as an empty 500. Such client errors are
 * answered here, in GraphQL's error shape; anything else is left to fail as before.
 */
export const POST = async (request: Request): Promise<Response> => {
  try {
    return await answerGraphQL(request)
  } catch (error) {
    if (error instanceof APIError && error.status >= 400 && error.status < 500) {
      return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
    }
    throw error
  }
}
export const OPTIONS = REST_OPTIONS(config)
