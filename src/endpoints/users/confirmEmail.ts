import { APIError, type Endpoint } from 'payload'

import { confirmEmailChange } from '../../lib/auth/emailChange'
import { htmlResponse, jsonBody } from '../../lib/http'
import type { DocumentedEndpointCustom } from '../../lib/openapi/endpointDoc'

const CONFIRMED = 'Email address changed.'

/** The link's answers are HTML pages, errors too. */
const HTML = { contentType: 'text/html', schema: { type: 'string' } }

/**
 * `POST /api/users/confirm-email` — `{ token }` from the link emailed to the new address of an
 * email change. 200 `{ message }` when applied; 400 for a missing, invalid, used, superseded or
 * expired token; 409 when the address was registered by another account meanwhile (nothing
 * changed). Needs no sign-in: holding the token proves control of the new address.
 */
export const confirmEmailEndpoint: Endpoint = {
  path: '/confirm-email',
  method: 'post',
  handler: async (req) => {
    const { token } = await jsonBody(req)
    await confirmEmailChange(req, token)
    return Response.json({ message: CONFIRMED })
  },
  custom: {
    openapi: {
      summary: 'Confirm an email change with the token sent to the new address',
      description:
        'A user changing their own email (PATCH /api/users/{id}) only stores it as `pendingEmail`; this applies it: the email becomes the pending one, the token is used up and a pending password-reset link stops working. Sign-in uses the old address until then. Sessions are kept.',
      tags: ['auth'],
      auth: 'none',
      requestBody: {
        required: true,
        schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
      },
      responses: {
        200: {
          description: 'The email address was changed',
          schema: { type: 'object', properties: { message: { type: 'string' } } },
        },
        400: { description: 'The token is missing, invalid, already used, replaced or expired' },
        409: {
          description:
            'The address now belongs to another account; nothing was changed (the link keeps working should it become free)',
        },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/**
 * `GET /api/users/confirm-email/:token` — the link in the email: the same as the POST form,
 * answered with a short HTML page (200, or the error's status: 400, 409).
 */
export const confirmEmailByLinkEndpoint: Endpoint = {
  path: '/confirm-email/:token',
  method: 'get',
  handler: async (req) => {
    try {
      await confirmEmailChange(req, req.routeParams?.token)
      return htmlResponse(200, 'Email address changed', 'Sign in with your new email address now.')
    } catch (error) {
      if (!(error instanceof APIError)) throw error
      return htmlResponse(error.status, 'Email address not changed', error.message)
    }
  },
  custom: {
    openapi: {
      summary: 'Confirm an email change from the emailed link (browser)',
      tags: ['auth'],
      auth: 'none',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'HTML page: the email address was changed', ...HTML },
        400: {
          description: 'HTML page: the link is invalid, already used, replaced or expired',
          ...HTML,
        },
        409: {
          description: 'HTML page: the address now belongs to another account; nothing changed',
          ...HTML,
        },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

export const confirmEmailEndpoints: Endpoint[] = [confirmEmailEndpoint, confirmEmailByLinkEndpoint]
