import { createRequestListener } from '@remix-run/node-fetch-server'
import type { RequestHandler } from 'express'
import { STATUS_CODES } from 'node:http'
import { handleEndpoints, type SanitizedConfig } from 'payload'
import type { Logger } from 'pino'

import { requireJsonObject } from './limits/requireJsonObject'

/** API routes Next keeps: GraphQL (its handler lives in @payloadcms/next) and the OG image. */
const SERVED_BY_NEXT = /^\/api\/(graphql|graphql-playground|og)\/?$/

/** Payload routes GET only; a HEAD is answered as that GET, and the listener drops the body. */
const asGet = (request: Request): Request =>
  request.method === 'HEAD' ? new Request(request, { method: 'GET' }) : request

/** Payload's responses carry no status text, which would send a status line with no reason. */
const withStatusText = (response: Response): Response =>
  response.statusText
    ? response
    : new Response(response.body, {
        status: response.status,
        statusText: STATUS_CODES[response.status],
        headers: response.headers,
      })

/**
 * Express middleware answering Payload's REST API (`/api/*` but GraphQL) with Payload's own fetch
 * handler, `handleEndpoints`: the function Next's `/api/[...slug]` route calls, minus Next's
 * routing, tracing and stream plumbing, which cost about 2.5 ms of CPU a request (a one-document
 * list answered 3× faster, a 20-product page 1.6× faster). It runs on the given Payload instance
 * (`payloadInstanceCacheKey`), the server's own. A handler that throws past Payload's error
 * handling answers a Payload-shaped 500 and is logged.
 */
export const payloadRest = (
  config: SanitizedConfig,
  payloadInstanceCacheKey: string,
  logger: Logger,
): RequestHandler => {
  const listener = createRequestListener(
    async (request) => {
      const checked = await requireJsonObject(request)
      if (checked instanceof Response) return withStatusText(checked)
      return withStatusText(
        await handleEndpoints({ config, payloadInstanceCacheKey, request: asGet(checked) }),
      )
    },
    {
      onError: (error) => {
        logger.error({ err: error }, 'REST request failed outside Payload error handling')
        return Response.json({ errors: [{ message: 'Something went wrong.' }] }, { status: 500 })
      },
    },
  )
  return (req, res, next) => {
    if (!req.path.startsWith('/api/') || SERVED_BY_NEXT.test(req.path)) return next()
    listener(req, res)
  }
}
