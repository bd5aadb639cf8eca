import { APIError, type CollectionBeforeOperationHook } from 'payload'

/** Page size when a caller asks for none (or for `limit=0`). */
export const DEFAULT_LIMIT = 20
/** The largest page any caller acting through the API gets. */
export const MAX_LIMIT = 100
/** The deepest relationship population any caller acting through the API gets. */
export const MAX_DEPTH = 2
/**
 * The last page a caller may ask for: its offset, `(page - 1) × limit`, stays an exact integer
 * that Postgres' OFFSET takes. Beyond it the query itself would fail, a 500.
 */
export const MAX_PAGE = Math.floor(Number.MAX_SAFE_INTEGER / MAX_LIMIT)

/** Whether `page` (a number, or the text REST sends) is a page number a list can serve. */
const isPageNumber = (page: unknown): boolean => {
  const value = typeof page === 'string' && page.trim() !== '' ? Number(page) : page
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE
}

const PAGE_RULE = `page must be an integer from 1 to ${MAX_PAGE}`

type ReadArgs = {
  id?: number | string
  page?: unknown
  limit?: number
  depth?: number
  pagination?: boolean
}

/**
 * Clamps `limit` (default 20, max 100; `limit=0` means the default, never "everything") and
 * `depth` (max 2) on reads made for a caller (`overrideAccess` off: REST, GraphQL, the admin UI,
 * Local API calls acting for a user). `pagination=false` keeps its meaning (no count query) but
 * still returns at most one clamped page. A `page` that is no page number answers 400.
 * Internal reads (`overrideAccess` on) are left alone.
 */
export const clampQueryArgs: CollectionBeforeOperationHook = ({
  args,
  operation,
  overrideAccess,
}) => {
  if (operation !== 'read' || overrideAccess) return args
  const readArgs = args as ReadArgs
  const defaultDepth = (args as { req: { payload: { config: { defaultDepth: number } } } }).req
    .payload.config.defaultDepth
  const depth = Number(readArgs.depth ?? defaultDepth)
  readArgs.depth = Number.isFinite(depth) ? Math.min(Math.max(depth, 0), MAX_DEPTH) : MAX_DEPTH
  if (readArgs.id === undefined) {
    if (readArgs.page !== undefined && !isPageNumber(readArgs.page)) {
      throw new APIError(PAGE_RULE, 400)
    }
    const limit = Number(readArgs.limit)
    readArgs.limit =
      Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT
  }
  return args
}
