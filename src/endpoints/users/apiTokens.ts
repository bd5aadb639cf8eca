import type { Endpoint } from 'payload'

import { createApiToken, listApiTokens, revokeApiToken } from '../../lib/auth/apiTokens'
import { jsonBody } from '../../lib/http'
import type { DocumentedEndpointCustom, JsonSchema } from '../../lib/openapi/endpointDoc'

const tokenSchema: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    preview: { type: 'string', description: 'First characters of the token, e.g. `mkt_AbCd…`' },
    expiresAt: { type: ['string', 'null'], format: 'date-time' },
    lastUsedAt: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
}

/** `GET /api/users/me/api-tokens` — the caller's tokens, newest first, never the secrets. */
export const listApiTokensEndpoint: Endpoint = {
  path: '/me/api-tokens',
  method: 'get',
  handler: async (req) => Response.json({ docs: await listApiTokens(req) }),
  custom: {
    openapi: {
      summary: 'List my personal API tokens',
      tags: ['auth'],
      auth: 'required',
      responses: {
        200: {
          description: 'The tokens (without secrets)',
          schema: { type: 'object', properties: { docs: { type: 'array', items: tokenSchema } } },
        },
        401: { description: 'Not signed in' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/**
 * `POST /api/users/me/api-tokens` — `{ name, expiresAt? }` → 201 with the token's `token` secret,
 * shown this once. Needs a session (403 with an API token); 400 for a bad name or expiry.
 */
export const createApiTokenEndpoint: Endpoint = {
  path: '/me/api-tokens',
  method: 'post',
  handler: async (req) =>
    Response.json(await createApiToken(req, await jsonBody(req)), { status: 201 }),
  custom: {
    openapi: {
      summary: 'Create a personal API token (the secret is shown once)',
      tags: ['auth'],
      auth: 'required',
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 100 },
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        example: { name: 'CI script', expiresAt: '2027-01-01T00:00:00Z' },
      },
      responses: {
        201: {
          description: 'The new token, with its secret',
          schema: {
            ...tokenSchema,
            properties: { ...(tokenSchema.properties as object), token: { type: 'string' } },
          },
        },
        400: { description: 'Missing or too long name; invalid or past expiresAt' },
        401: { description: 'Not signed in' },
        403: { description: 'Called with an API token: creating tokens needs a session' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/** `DELETE /api/users/me/api-tokens/:id` — revokes one of the caller's tokens (404 otherwise). */
export const revokeApiTokenEndpoint: Endpoint = {
  path: '/me/api-tokens/:id',
  method: 'delete',
  handler: async (req) => {
    await revokeApiToken(req, String(req.routeParams?.id ?? ''))
    return Response.json({ message: 'API token revoked.' })
  },
  custom: {
    openapi: {
      summary: 'Revoke one of my personal API tokens',
      tags: ['auth'],
      auth: 'required',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: {
        200: {
          description: 'Revoked',
          schema: { type: 'object', properties: { message: { type: 'string' } } },
        },
        401: { description: 'Not signed in' },
        404: { description: 'No such token among the caller’s' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

export const apiTokenEndpoints: Endpoint[] = [
  listApiTokensEndpoint,
  createApiTokenEndpoint,
  revokeApiTokenEndpoint,
]
