import type { CollectionBeforeOperationHook } from 'payload'

/** Page size when a caller asks for none (or for `limit=0`). */
export const DEFAULT_LIMIT = 20
/** The largest page any caller acting through the API gets. */
export const MAX_LIMIT = 100
/** The deepest relationship population any caller acting through the API gets. */
export const MAX_DEPTH = 2

type ReadArgs = {
  id?: number | string
  limit?: number
  depth?: number
  pagination?: boolean
}

/**
 * Clamps `limit` (default 20, max 100; `limit=0` means the default, never "everything") and
 * `depth` (max 2) on reads made for a caller (`overrideAccess` off: REST, GraphQL, the admin UI,
 * Local API calls acting for a user). `pagination=false` keeps its meaning (no count query) but
 * still returns at most one clamped page. Internal reads (`overrideAccess` on) are left alone.
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
    const limit = Number(readArgs.limit)
    readArgs.limit =
      Number.isFinite(limit) && limit > 0 ? Math.min(limit, MAX_LIMIT) : DEFAULT_LIMIT
  }
  return args
}
