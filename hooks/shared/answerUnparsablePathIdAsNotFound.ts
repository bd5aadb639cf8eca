import type { AfterErrorHook } from 'payload'

/** Postgres: `invalid input syntax for type integer` and `value "…" is out of range for type integer`. */
const BAD_INTEGER_CODES = new Set(['22P02', '22003'])

const quotedValue = (message: string): string | undefined => /"([^"]*)"/.exec(message)?.[1]

/**
 * A path id Postgres cannot read as a serial (`/api/payload-preferences/access/1.5`) names no
 * document: 404 rather than a 500. `refuseMalformedId` answers this before the query for the
 * app's collections; this catches the routes no collection hook runs for (Payload's internal
 * collections, added after plugins; `access/:id`; `duplicate`). Only when the value Postgres
 * refused is a segment of the request's path: any other database error stays a 500.
 */
export const answerUnparsablePathIdAsNotFound: AfterErrorHook = ({ error, req }) => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  if (!cause || !BAD_INTEGER_CODES.has(String(cause.code))) return
  const value = quotedValue(String(cause.message))
  if (value === undefined || !req.url) return
  const segments = new URL(req.url).pathname
    .split('/')
    .map((segment) => decodeURIComponent(segment))
  if (!segments.includes(value)) return
  return { status: 404, response: { errors: [{ message: req.t('general:notFound') }] } }
}
