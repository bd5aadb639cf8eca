import {
  addDataAndFileToRequest,
  APIError,
  type Endpoint,
  type PayloadHandler,
  type PayloadRequest,
} from 'payload'

import type { EndpointDoc } from '../../lib/openapi/endpointDoc'
import {
  moderateProduct,
  type ModerationDecision,
  resubmitProduct,
} from '../../operations/productModeration'

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

/** The path's product id, or a 400. */
const productId = (req: PayloadRequest): number | string => {
  const id = req.routeParams?.id
  if (typeof id !== 'string' && typeof id !== 'number') throw new APIError('Missing id.', 400)
  return id
}

/** Parses the id and the optional reason, then calls `moderateProduct` with `decision`. */
const moderationHandler =
  (decision: ModerationDecision): PayloadHandler =>
  async (req) => {
    await addDataAndFileToRequest(req)
    const id = productId(req)
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

/**
 * `POST /api/products/:id/resubmit` (no body) — the owning vendor sends their rejected product
 * back to `pending` for moderation, unchanged. Responds `{ doc, message }`.
 */
export const resubmitProductEndpoint: Endpoint = {
  path: '/:id/resubmit',
  method: 'post',
  handler: async (req) => {
    const doc = await resubmitProduct(req, { id: productId(req) })
    return Response.json({ doc, message: `Product ${doc.status}.` })
  },
  custom: {
    openapi: {
      summary: 'Resubmit a rejected product',
      description:
        'Moderation: the vendor who owns a rejected product sends it back to pending, as it is (editing its content does the same). The last decision stays recorded until the next one.',
      auth: 'required',
      parameters: [idParameter],
      responses: {
        200: { description: 'The product, now pending.' },
        401: { description: 'Not signed in.' },
        403: { description: "Signed in, but not the product's vendor." },
        404: { description: 'No such product, or not one the caller may read.' },
        409: { description: 'The product is not rejected (already pending, or approved).' },
      },
    } satisfies EndpointDoc,
  },
}
