import type { RequestHandler } from 'express'
import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'

const REQUEST_ID = /^[\w.-]{1,128}$/

/**
 * One structured line per request (method, path, status, ms, request id), written when the
 * response finishes. A well-formed incoming `X-Request-Id` is kept so ids follow a request across
 * proxies; otherwise one is generated. The id is echoed in the response.
 */
export const requestLogger =
  (logger: Logger): RequestHandler =>
  (req, res, next) => {
    const incoming = req.get('x-request-id')
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    res.setHeader('X-Request-Id', requestId)
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        'request',
      )
    })
    next()
  }
