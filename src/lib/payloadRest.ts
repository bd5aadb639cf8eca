import { createRequestListener } from '@remix-run/node-fetch-server'
import type { RequestHandler } from 'express'
import { STATUS_CODES } from 'node:http'
import { handleEndpoints, type SanitizedConfig } from 'payload'
import type { Logger } from 'pino'

import { requireJsonObject } from './limits/requireJsonObject'

/** API routes Next keeps: GraphQL (its handler lives in @payloadcms/next) and the OG image. */
const SERVED_BY_NEXT = /^\/api\/(graphql|graphql-playground|og)\/?$/

/** A Payload-shaped error response. */
const errorResponse = (status: number, message: string): Response =>
  Response.json({ errors: [{ message }] }, { status })

/**
 * The request Payload answers: a HEAD as its GET (the listener drops the body), and
 * `PUT /api/<collection>/<id>` as that PATCH. PUT merges like PATCH (fields left out keep their
 * values; it never clears what the body omits), for clients written to the original spec's paths.
 */
const asPayloadRequest = (request: Request, putUpdate: RegExp): Request => {
  if (request.method === 'HEAD') return new Request(request, { method: 'GET' })
  if (request.method === 'PUT' && putUpdate.test(new URL(request.url).pathname)) {
    // A streamed body can only be handed on half-duplex (undici's rule; not yet in RequestInit).
    return new Request(request, { method: 'PATCH', duplex: 'half' } as RequestInit)
  }
  return request
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Query parameters Payload reads as JSON when they come as one plain value. */
const JSON_PARAMS = ['where', 'data']

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * Requests Payload would answer with a 500, answered here: a path that is not validly
 * percent-encoded (400), `where=…` or `data=…` as a plain value that is no JSON (400), and version
 * routes of collections without versions (404; Payload's own REST SDK calls them).
 */
const refusal = (url: URL, config: SanitizedConfig): Response | undefined => {
  const path = url.pathname
  try {
    decodeURIComponent(path)
  } catch {
    return errorResponse(400, 'The URL is not validly percent-encoded')
  }
  for (const name of JSON_PARAMS) {
    const value = url.searchParams.get(name)
    if (value && !isJson(value)) {
      return errorResponse(400, `${name} must be JSON or bracketed parameters (${name}[…]=…)`)
    }
  }
  const versions = new RegExp(`^${escapeRegExp(config.routes.api)}/([^/]+)/versions(/|$)`).exec(
    path,
  )
  const collection = versions && config.collections.find(({ slug }) => slug === versions[1])
  if (collection && !collection.versions) {
    return errorResponse(404, `The ${collection.slug} collection keeps no versions`)
  }
  return undefined
}

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
 * list answered 3× faster, a 20-product page 1.6× faster). It runs on the process's one Payload
 * instance (getPayload's default key, see bootPayload). A handler that throws past Payload's error
 * handling answers a Payload-shaped 500 and is logged.
 */
export const payloadRest = (config: SanitizedConfig, logger: Logger): RequestHandler => {
  const slugs = config.collections.map(({ slug }) => escapeRegExp(slug)).join('|')
  const putUpdate = new RegExp(`^${escapeRegExp(config.routes.api)}/(${slugs})/[^/]+/?$`)
  const listener = createRequestListener(
    async (request) => {
      const refused = refusal(new URL(request.url), config)
      if (refused) return withStatusText(refused)
      const checked = await requireJsonObject(request)
      if (checked instanceof Response) return withStatusText(checked)
      return withStatusText(
        await handleEndpoints({ config, request: asPayloadRequest(checked, putUpdate) }),
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
