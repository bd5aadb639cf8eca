import { APIError, type AuthStrategy, type PayloadRequest } from 'payload'

import type { ApiToken, User } from '@/payload-types'
import { viaApiToken } from '../roles'
import { API_TOKEN_PREFIX, hashSecret, randomSecret } from './secrets'

/** Name of the auth strategy, also set as `_strategy` on the user it authenticates. */
export const API_TOKEN_STRATEGY = 'api-token'

/** `lastUsedAt` is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000

/** Reads `Authorization: Bearer mkt_…` or `Authorization: API-Token mkt_…`. */
const tokenFromHeaders = (headers: Headers): string | null => {
  const header = headers.get('authorization')
  const match = header?.match(/^(?:Bearer|API-Token)\s+(\S+)$/i)
  return match && match[1].startsWith(API_TOKEN_PREFIX) ? match[1] : null
}

const isExpired = (token: Pick<ApiToken, 'expiresAt'>): boolean =>
  Boolean(token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now())

/**
 * Authenticates personal API tokens. Runs before Payload's JWT strategy; a request that carries
 * no `mkt_` token is left to the others. The user comes back with `_strategy: 'api-token'`, so
 * every role check (src/lib/roles.ts) grants it customer/vendor powers only.
 */
export const apiTokenStrategy: AuthStrategy = {
  name: API_TOKEN_STRATEGY,
  authenticate: async ({ headers, payload, isGraphQL }) => {
    const secret = tokenFromHeaders(headers)
    if (!secret) return { user: null }
    const { docs } = await payload.find({
      collection: 'api-tokens',
      where: { tokenHash: { equals: hashSecret(secret) } },
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: true,
    })
    const token = docs[0]
    if (!token || isExpired(token)) return { user: null }
    const userId = typeof token.user === 'object' ? token.user.id : token.user
    const user = await payload
      .findByID({
        collection: 'users',
        id: userId,
        depth: isGraphQL ? 0 : payload.collections.users.config.auth.depth,
        overrideAccess: true,
        disableErrors: true,
      })
      .catch(() => null)
    if (!user || user._verified === false) return { user: null }
    const lastUsed = token.lastUsedAt ? new Date(token.lastUsedAt).getTime() : 0
    if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
      await payload.db.updateOne({
        id: token.id,
        collection: 'api-tokens',
        data: { lastUsedAt: new Date().toISOString() },
        returning: false,
      })
    }
    const exp = token.expiresAt ? Math.floor(new Date(token.expiresAt).getTime() / 1000) : undefined
    return {
      user: { ...user, collection: 'users', _strategy: API_TOKEN_STRATEGY, _apiTokenExp: exp },
    }
  },
}

/** The signed-in user, or 401. */
export const requireUser = (req: PayloadRequest): User => {
  if (!req.user) throw new APIError('Sign in to use this endpoint.', 401)
  return req.user as User
}

export type ApiTokenSummary = Pick<
  ApiToken,
  'id' | 'name' | 'preview' | 'expiresAt' | 'lastUsedAt' | 'createdAt'
>

const summary = (token: ApiToken): ApiTokenSummary => ({
  id: token.id,
  name: token.name,
  preview: token.preview,
  expiresAt: token.expiresAt ?? null,
  lastUsedAt: token.lastUsedAt ?? null,
  createdAt: token.createdAt,
})

/**
 * Creates a personal API token for the signed-in user and returns it with its secret, which is
 * never shown again. Needs a session: an API token cannot mint further tokens.
 */
export const createApiToken = async (
  req: PayloadRequest,
  input: { name?: unknown; expiresAt?: unknown },
): Promise<ApiTokenSummary & { token: string }> => {
  const user = requireUser(req)
  if (viaApiToken(req.user)) {
    throw new APIError('Creating API tokens needs a signed-in session, not an API token.', 403)
  }
  const name = typeof input.name === 'string' ? input.name.trim() : ''
  if (!name || name.length > 100) {
    throw new APIError('name is required (1–100 characters).', 400)
  }
  let expiresAt: string | null = null
  if (input.expiresAt !== undefined && input.expiresAt !== null) {
    const date = typeof input.expiresAt === 'string' ? new Date(input.expiresAt) : null
    if (!date || Number.isNaN(date.getTime())) {
      throw new APIError('expiresAt must be an ISO 8601 date-time.', 400)
    }
    if (date.getTime() <= Date.now()) throw new APIError('expiresAt must be in the future.', 400)
    expiresAt = date.toISOString()
  }
  const secret = `${API_TOKEN_PREFIX}${randomSecret(32)}`
  // The owner is always the caller; the collection refuses creates from outside (access: false).
  const token = await req.payload.create({
    collection: 'api-tokens',
    data: {
      user: user.id,
      name,
      tokenHash: hashSecret(secret),
      preview: `${secret.slice(0, API_TOKEN_PREFIX.length + 4)}…`,
      expiresAt,
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return { ...summary(token), token: secret }
}

/** The signed-in user's API tokens, newest first, without secrets. */
export const listApiTokens = async (req: PayloadRequest): Promise<ApiTokenSummary[]> => {
  requireUser(req)
  const { docs } = await req.payload.find({
    collection: 'api-tokens',
    overrideAccess: false,
    req,
    depth: 0,
    pagination: false,
    sort: '-createdAt',
  })
  return docs.map(summary)
}

/** Revokes (deletes) one of the signed-in user's API tokens; another user's token is a 404. */
export const revokeApiToken = async (req: PayloadRequest, id: string): Promise<void> => {
  requireUser(req)
  const numericId = Number(id)
  if (!Number.isInteger(numericId) || numericId <= 0) throw new APIError('Not Found', 404)
  const { docs } = await req.payload.delete({
    collection: 'api-tokens',
    where: { id: { equals: numericId } },
    overrideAccess: false,
    req,
    depth: 0,
  })
  if (docs.length === 0) throw new APIError('Not Found', 404)
}
