import type { Endpoint } from 'payload'

import type { DocumentedEndpointCustom, JsonSchema } from '../../lib/openapi/endpointDoc'
import { issueTokenPair, logoutTokenPair, refreshTokenPair } from '../../lib/auth/tokenPair'
import { jsonBody } from '../../lib/http'

const pairSchema: JsonSchema = {
  type: 'object',
  required: ['access', 'refresh', 'exp', 'refreshExp', 'tokenType', 'user'],
  properties: {
    access: {
      type: 'string',
      description: 'Payload JWT; send as `Authorization: Bearer <access>`.',
    },
    refresh: { type: 'string', description: 'Opaque refresh token, single use.' },
    exp: { type: 'integer', description: 'Access token expiry (seconds since the epoch).' },
    refreshExp: { type: 'integer', description: 'Refresh token expiry (seconds since the epoch).' },
    tokenType: { const: 'Bearer' },
    user: { $ref: '#/components/schemas/User' },
  },
}

const refreshBody: JsonSchema = {
  type: 'object',
  required: ['refresh'],
  properties: { refresh: { type: 'string' } },
}

/**
 * `POST /api/token` — `{ username | email, password }` → `{ access, refresh, exp, refreshExp,
 * tokenType, user }`. 400 missing fields; 401 wrong credentials or locked account (one message);
 * 403 account not activated.
 */
export const issueTokenEndpoint: Endpoint = {
  path: '/token',
  method: 'post',
  handler: async (req) => Response.json(await issueTokenPair(req, await jsonBody(req))),
  custom: {
    openapi: {
      summary: 'Sign in and get an access/refresh token pair',
      tags: ['auth'],
      auth: 'none',
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          required: ['password'],
          properties: {
            username: { type: 'string', description: 'Username or email.' },
            email: { type: 'string', format: 'email' },
            password: { type: 'string' },
          },
        },
        example: { username: 'alice', password: 'Correct-Horse-9' },
      },
      responses: {
        200: { description: 'A new token pair', schema: pairSchema },
        400: { description: 'username/email or password missing' },
        401: { description: 'Wrong credentials, unknown account or locked account' },
        403: { description: 'The account is not activated yet' },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/**
 * `POST /api/token/refresh` — `{ refresh }` → a new pair; the presented token is used up. 401 for
 * a missing, malformed, unknown, expired, revoked or reused token (reuse revokes the family).
 */
export const refreshTokenEndpoint: Endpoint = {
  path: '/token/refresh',
  method: 'post',
  handler: async (req) => Response.json(await refreshTokenPair(req, await jsonBody(req))),
  custom: {
    openapi: {
      summary: 'Exchange a refresh token for a new token pair (rotation)',
      tags: ['auth'],
      auth: 'none',
      requestBody: { required: true, schema: refreshBody },
      responses: {
        200: { description: 'A new token pair', schema: pairSchema },
        400: { description: 'The body is not a JSON object' },
        401: {
          description:
            'Missing, malformed, unknown, expired or revoked token; or a reused token (its whole family is revoked)',
        },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/**
 * `POST /api/token/logout` — `{ refresh, allSessions? }` and/or `Authorization: Bearer <access>`:
 * revokes the refresh token's family and ends the access token's session (every session of the
 * user with `allSessions: true`). 401 for a bad refresh token or when
 * neither is given.
 */
export const logoutTokenEndpoint: Endpoint = {
  path: '/token/logout',
  method: 'post',
  handler: async (req) => {
    await logoutTokenPair(req, await jsonBody(req))
    return Response.json({ message: 'Signed out.' })
  },
  custom: {
    openapi: {
      summary: 'Sign out: revoke the refresh token and end the access token session',
      tags: ['auth'],
      auth: 'optional',
      requestBody: {
        required: false,
        schema: {
          type: 'object',
          properties: {
            refresh: { type: 'string' },
            allSessions: { type: 'boolean', description: 'End every sign-in of the user' },
          },
        },
      },
      responses: {
        200: {
          description: 'Signed out',
          schema: { type: 'object', properties: { message: { type: 'string' } } },
        },
        400: { description: 'The body is not a JSON object' },
        401: {
          description:
            'Unknown, malformed, expired or revoked refresh token; or nothing to sign out',
        },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

export const tokenEndpoints: Endpoint[] = [
  issueTokenEndpoint,
  refreshTokenEndpoint,
  logoutTokenEndpoint,
]
