import type { Endpoint } from 'payload'

import { queueResetEmail } from '../../lib/auth/resetEmail'
import { jsonBody } from '../../lib/http'
import type { DocumentedEndpointCustom } from '../../lib/openapi/endpointDoc'

/**
 * `POST /api/users/forgot-password` — replaces Payload's endpoint so that the answer costs the
 * same whether or not the account exists: it only checks the body, queues the reset email and
 * answers; the lookup, the token and the email happen in the jobs queue (`queueResetEmail`;
 * Payload's endpoint did that work, email included, only for real accounts before answering).
 */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    await queueResetEmail(req, await jsonBody(req))
    return Response.json({ message: req.t('general:success') })
  },
  custom: {
    openapi: {
      summary: 'Send a password-reset email',
      description:
        'Answers at once and identically whether or not the account exists; the reset link is emailed afterwards by the jobs queue (at most one per account per 15 s). Rate limited as a credential endpoint.',
      tags: ['auth'],
      auth: 'none',
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          properties: { email: { type: 'string' }, username: { type: 'string' } },
        },
      },
      responses: {
        200: {
          description: 'Email sent if the account exists',
          schema: { type: 'object', properties: { message: { type: 'string' } } },
        },
        400: { description: 'Neither email nor username given, or the body is not JSON' },
        429: { description: 'Credential rate limit exceeded' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}
