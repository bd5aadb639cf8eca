import { APIError, type Endpoint, type PayloadRequest } from 'payload'

import { activateAccount, RESEND_RESPONSE, resendActivation } from '../../lib/auth/activation'
import { htmlResponse, jsonBody } from '../../lib/http'
import type { DocumentedEndpointCustom } from '../../lib/openapi/endpointDoc'

const messageSchema = { type: 'object', properties: { message: { type: 'string' } } }

/** Where browsers land after an activation link, when `ACTIVATION_REDIRECT_URL` is set. */
const redirectTo = (outcome: 'activated' | 'expired' | 'invalid'): Response | null => {
  const target = process.env.ACTIVATION_REDIRECT_URL
  if (!target) return null
  const url = new URL(target)
  url.searchParams.set('activation', outcome)
  return new Response(null, { status: 303, headers: { Location: url.toString() } })
}

const tokenParam = (req: PayloadRequest, name: string): unknown => req.routeParams?.[name]

/**
 * `GET /api/users/activate/:token` — the link in the activation email. Activates the account and
 * answers with a short HTML page (or a 303 to `ACTIVATION_REDIRECT_URL?activation=…`). 400 for an
 * invalid or used link, 410 for an expired one.
 */
export const activateByLinkEndpoint: Endpoint = {
  path: '/activate/:token',
  method: 'get',
  handler: async (req) => {
    try {
      await activateAccount(req, tokenParam(req, 'token'))
      return (
        redirectTo('activated') ??
        htmlResponse(200, 'Account activated', 'Your account is active. You can sign in now.')
      )
    } catch (error) {
      if (!(error instanceof APIError)) throw error
      const expired = error.status === 410
      return (
        redirectTo(expired ? 'expired' : 'invalid') ??
        htmlResponse(error.status, expired ? 'Link expired' : 'Invalid link', error.message)
      )
    }
  },
  custom: {
    openapi: {
      summary: 'Activate an account from the emailed link (browser)',
      tags: ['auth'],
      auth: 'none',
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: { description: 'HTML confirmation page' },
        303: {
          description: 'Redirect to ACTIVATION_REDIRECT_URL?activation=activated|expired|invalid',
        },
        400: { description: 'HTML page: the link is invalid or was already used' },
        410: { description: 'HTML page: the link has expired' },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

const activateDoc = (summary: string, fromPath: boolean): DocumentedEndpointCustom => ({
  openapi: {
    summary,
    tags: ['auth'],
    auth: 'none',
    ...(fromPath
      ? { parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] }
      : {
          requestBody: {
            required: true,
            schema: {
              type: 'object',
              required: ['token'],
              properties: { token: { type: 'string' } },
            },
          },
        }),
    responses: {
      200: { description: 'Account activated', schema: messageSchema },
      400: { description: 'The token is missing, invalid or already used' },
      410: { description: 'The token has expired' },
      429: { description: 'Credential rate limit exceeded' },
    },
  },
})

/** `POST /api/users/activate` — `{ token }`: the JSON form of the activation link, for apps. */
export const activateEndpoint: Endpoint = {
  path: '/activate',
  method: 'post',
  handler: async (req) => {
    const { token } = await jsonBody(req)
    await activateAccount(req, token)
    return Response.json({ message: 'Account activated.' })
  },
  custom: activateDoc('Activate an account with the emailed token (apps)', false),
}

/**
 * `POST /api/users/verify/:id` — replaces Payload's verify endpoint so that route, too, honours
 * the activation tokens' expiry and single use.
 */
export const verifyEndpoint: Endpoint = {
  path: '/verify/:id',
  method: 'post',
  handler: async (req) => {
    await activateAccount(req, tokenParam(req, 'id'))
    return Response.json({ message: 'Email verified successfully.' })
  },
  custom: activateDoc('Activate an account (Payload verify route, same rules)', true),
}

/**
 * `POST /api/users/resend-activation` — `{ email }`: sends a new link (the old one stops working)
 * when the account awaits activation and the cooldown has passed. Always the same 200 answer.
 */
export const resendActivationEndpoint: Endpoint = {
  path: '/resend-activation',
  method: 'post',
  handler: async (req) => {
    const { email } = await jsonBody(req)
    await resendActivation(req, email)
    return Response.json({ message: RESEND_RESPONSE })
  },
  custom: {
    openapi: {
      summary: 'Send a new activation link',
      description:
        'Answers identically whether or not the account exists. At most one email per account per ACTIVATION_RESEND_COOLDOWN seconds.',
      tags: ['auth'],
      auth: 'none',
      requestBody: {
        required: true,
        schema: { type: 'object', required: ['email'], properties: { email: { type: 'string' } } },
      },
      responses: {
        200: { description: 'Accepted (whatever the account state)', schema: messageSchema },
        400: { description: 'email missing' },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

export const activationEndpoints: Endpoint[] = [
  activateByLinkEndpoint,
  activateEndpoint,
  verifyEndpoint,
  resendActivationEndpoint,
]
