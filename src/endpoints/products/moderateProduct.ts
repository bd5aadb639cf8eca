import { addDataAndFileToRequest, APIError, type Endpoint, type PayloadHandler } from 'payload'

import type { EndpointDoc } from '../../lib/openapi/endpointDoc'
import { moderateProduct, type ModerationDecision } from '../../operations/productModeration'

const errorResponses: EndpointDoc['responses'] = {
  400: { description: 'Rejection without a reason, or a malformed body.' },
  401: { description: 'Not signed in.' },
  403: { description: 'Signed in, but not admin or staff (API tokens never carry these roles).' },
  404: { description: 'No such product.' },
  409: { description: 'Illegal moderation move (e.g. approving an approved product).' },
}

const idParameter: NonNullable<EndpointDoc['parameters']>[number] = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'Product id',
  schema: { type: 'integer' },
}

/** Parses the id and the optional reason, then calls `moderateProduct` with `decision`. */
const moderationHandler =
  (decision: ModerationDecision): PayloadHandler =>
  async (req) => {
    await addDataAndFileToRequest(req)
    const id = req.routeParams?.id
    if (typeof id !== 'string' && typeof id !== 'number') throw new APIError('Missing id.', 400)
    const body = (req.data ?? {}) as { reason?: unknown }
    if (body.reason !== undefined && typeof body.reason !== 'string') {
      throw new APIError('"reason" must be a string.', 400)
    }
    const doc = await moderateProduct(req, { id, decision, reason: body.reason })
    return Response.json({ doc, message: `Product ${doc.status}.` })
  }

/**
 * `POST /api/products/:id/approve` — a moderator (admin/staff) approves a pending or rejected
 * product. Responds `{ doc, message }`; 401/403/404/409 as documented.
 */
export const approveProductEndpoint: Endpoint = {
  path: '/:id/approve',
  method: 'post',
  handler: moderationHandler('approve'),
  custom: {
    openapi: {
      summary: 'Approve a product',
      description:
        'Moderation: records who approved it and when. Only admins and staff (with a session).',
      auth: 'required',
      parameters: [idParameter],
      responses: {
        200: { description: 'The approved product.' },
        ...errorResponses,
      },
    } satisfies EndpointDoc,
  },
}

/**
 * `POST /api/products/:id/reject` with body `{ "reason": "…" }` (required) — a moderator
 * (admin/staff) rejects a pending or approved product. Responds `{ doc, message }`; 400 without
 * a reason.
 */
export const rejectProductEndpoint: Endpoint = {
  path: '/:id/reject',
  method: 'post',
  handler: moderationHandler('reject'),
  custom: {
    openapi: {
      summary: 'Reject a product',
      description:
        'Moderation: records who rejected it, when and why. Only admins and staff (with a session). The reason is shown to the vendor.',
      auth: 'required',
      parameters: [idParameter],
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          required: ['reason'],
          properties: { reason: { type: 'string', minLength: 1 } },
        },
        example: { reason: 'The photos show a different model.' },
      },
      responses: {
        200: { description: 'The rejected product.' },
        ...errorResponses,
      },
    } satisfies EndpointDoc,
  },
}
