import type { Endpoint } from 'payload'

import { jsonBody } from '../../lib/http'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../../lib/orderLimits'
import type { DocumentedEndpointCustom, JsonSchema } from '../../lib/openapi/endpointDoc'
import { CART_MODES, changeMyCart, readMyCart } from '../../operations/carts'

const lines: JsonSchema = {
  type: 'array',
  maxItems: MAX_ORDER_LINES,
  items: {
    type: 'object',
    required: ['product', 'quantity'],
    properties: {
      product: { type: 'integer', description: 'Product id' },
      quantity: { type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY },
    },
  },
}

const cartSchema: JsonSchema = {
  type: 'object',
  properties: {
    items: lines,
    adjusted: {
      type: 'array',
      description: 'Lines a merge kept smaller than asked (kept 0: dropped), for stock',
      items: {
        type: 'object',
        properties: {
          product: { type: 'integer' },
          wanted: { type: 'integer' },
          kept: { type: 'integer' },
        },
      },
    },
  },
}

/** `GET /api/carts/mine` — the signed-in user's saved cart: `{ items: [{ product, quantity }] }`. */
export const readMyCartEndpoint: Endpoint = {
  path: '/mine',
  method: 'get',
  handler: async (req) => Response.json(await readMyCart(req)),
  custom: {
    openapi: {
      summary: 'My saved cart',
      tags: ['carts'],
      auth: 'required',
      responses: {
        200: {
          description: 'The cart’s lines (empty when there is no cart yet)',
          schema: cartSchema,
        },
        401: { description: 'Not signed in' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

/**
 * `PATCH /api/carts/mine` — `{ mode: 'add' | 'set' | 'merge', items }` changes the signed-in
 * user's cart (see `changeMyCart`) and answers it. 400 for bad lines or a product that is not
 * listed, 409 naming the product when a line grows beyond its stock.
 */
export const changeMyCartEndpoint: Endpoint = {
  path: '/mine',
  method: 'patch',
  handler: async (req) => Response.json(await changeMyCart(req, await jsonBody(req))),
  custom: {
    openapi: {
      summary: 'Add to, replace, or merge a guest cart into my saved cart',
      tags: ['carts'],
      auth: 'required',
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          required: ['mode', 'items'],
          properties: { mode: { type: 'string', enum: [...CART_MODES] }, items: lines },
        },
        example: { mode: 'add', items: [{ product: 12, quantity: 1 }] },
      },
      responses: {
        200: { description: 'The cart after the change', schema: cartSchema },
        400: { description: 'Bad mode or lines; a product that is not listed' },
        401: { description: 'Not signed in' },
        409: { description: 'A line grew beyond its product’s stock (the message names it)' },
      },
    },
  } satisfies DocumentedEndpointCustom,
}

export const myCartEndpoints: Endpoint[] = [readMyCartEndpoint, changeMyCartEndpoint]
