import { randomUUID } from 'node:crypto'
import {
  APIError,
  AuthenticationError,
  getFieldsToSign,
  jwtSign,
  LockedAuth,
  type PayloadRequest,
  type Where,
} from 'payload'

import type { RefreshToken, User } from '@/payload-types'
import { transactionSql } from '../transactionSql'
import { withTransaction } from '../withTransaction'
import { INVALID_CREDENTIALS } from './messages'
import { closeSessions, openSession } from './sessions'
import { hashSecret, randomSecret } from './secrets'
import { lockUserTokens } from './userTokenLock'
import { authSettings } from './settings'

export type TokenPair = {
  /** A Payload JWT: `Authorization: Bearer <access>` or `JWT <access>`. */
  access: string
  refresh: string
  /** Expiry of `access`, in seconds since the epoch. */
  exp: number
  /** Expiry of `refresh`, in seconds since the epoch. */
  refreshExp: number
  tokenType: 'Bearer'
  user: User
}

const unauthorized = (message: string) => new APIError(message, 401)

const refreshMessages = {
  missing: 'A refresh token is required.',
  unknown: 'The refresh token is invalid.',
  revoked: 'The refresh token has been revoked. Sign in again.',
  expired: 'The refresh token has expired. Sign in again.',
  reused:
    'The refresh token was already used. Every token of this sign-in has been revoked; sign in again.',
} as const

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000)

const decodeClaims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))

const signAccess = async (req: PayloadRequest, user: User, sid: string) => {
  const fieldsToSign = getFieldsToSign({
    collectionConfig: req.payload.collections.users.config,
    email: user.email,
    sid,
    user: { ...user, collection: 'users' },
  })
  return jwtSign({
    fieldsToSign,
    secret: req.payload.secret,
    tokenExpiration: authSettings().accessTokenTtl,
  })
}

const storeRefresh = async (
  req: PayloadRequest,
  userId: number,
  family: string,
  sid: string,
): Promise<{ refresh: string; refreshExp: number }> => {
  const refresh = randomSecret(32)
  const expiresAt = new Date(Date.now() + authSettings().refreshTokenTtl * 1000)
  await req.payload.create({
    collection: 'refresh-tokens',
    data: {
      user: userId,
      tokenHash: hashSecret(refresh),
      family,
      sid,
      expiresAt: expiresAt.toISOString(),
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return { refresh, refreshExp: epochSeconds(expiresAt) }
}

/**
 * `POST /api/token`: signs in through Payload's login operation (so failed-attempt counting and
 * lockout apply) and returns a short-lived access JWT plus a rotating refresh token.
 */
export const issueTokenPair = async (
  req: PayloadRequest,
  body: Record<string, unknown>,
): Promise<TokenPair> => {
  const login = typeof body.username === 'string' ? body.username : body.email
  const password = body.password
  if (typeof login !== 'string' || !login.trim() || typeof password !== 'string' || !password) {
    throw new APIError('username (or email) and password are required.', 400)
  }
  let result: { token?: string; user: User }
  try {
    result = (await req.payload.login({
      collection: 'users',
      data: { username: login, password },
      overrideAccess: false,
      depth: 0,
      req,
    })) as { token?: string; user: User }
  } catch (error) {
    if (error instanceof AuthenticationError || error instanceof LockedAuth) {
      throw unauthorized(INVALID_CREDENTIALS)
    }
    throw error
  }
  const sid = result.token ? decodeClaims(result.token).sid : undefined
  if (typeof sid !== 'string') throw new APIError('Sessions are required for token pairs.', 500)
  const { exp, token: access } = await signAccess(req, result.user, sid)
  const { refresh, refreshExp } = await storeRefresh(req, result.user.id, randomUUID(), sid)
  return { access, refresh, exp, refreshExp, tokenType: 'Bearer', user: result.user }
}

const findRefresh = async (req: PayloadRequest, refresh: unknown): Promise<RefreshToken> => {
  if (typeof refresh !== 'string' || !refresh) throw unauthorized(refreshMessages.missing)
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(refresh)) throw unauthorized(refreshMessages.unknown)
  const { docs } = await req.payload.find({
    collection: 'refresh-tokens',
    where: { tokenHash: { equals: hashSecret(refresh) } },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  if (!docs[0]) throw unauthorized(refreshMessages.unknown)
  return docs[0]
}

const ownerId = (token: RefreshToken): number =>
  typeof token.user === 'object' ? token.user.id : token.user

/**
 * Takes the user's refresh-token lock until the transaction ends: a rotation (check, mark used,
 * issue, store) and a revocation of the same user never interleave, so a revocation always sees
 * every token a concurrent rotation issued.
 */
const lockTokensOf = async (req: PayloadRequest, userId: number): Promise<void> =>
  lockUserTokens(await transactionSql(req), userId)

/** Revokes every token of `family` and ends their sessions. */
export const revokeFamily = async (req: PayloadRequest, token: RefreshToken): Promise<void> => {
  const { docs } = await req.payload.update({
    collection: 'refresh-tokens',
    where: { family: { equals: token.family } },
    data: { revokedAt: new Date().toISOString() },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await closeSessions(
    req,
    ownerId(token),
    docs.map((doc) => doc.sid),
  )
}

/**
 * Revokes refresh tokens of `userId` (all, or those whose session is in `sids`), except the
 * families listed in `keepSids`. Their sessions are left to the caller.
 */
export const revokeUserRefreshTokens = async (
  req: PayloadRequest,
  userId: number,
  options: { sids?: string[]; keepSid?: string } = {},
): Promise<void> => {
  const where: Where = {
    and: [
      { user: { equals: userId } },
      { revokedAt: { exists: false } },
      ...(options.sids ? [{ sid: { in: options.sids } } as Where] : []),
      ...(options.keepSid ? [{ sid: { not_equals: options.keepSid } } as Where] : []),
    ],
  }
  await withTransaction(req, async () => {
    await lockTokensOf(req, userId)
    const { docs } = await req.payload.find({
      collection: 'refresh-tokens',
      where,
      depth: 0,
      pagination: false,
      overrideAccess: true,
      req,
      select: { family: true },
    })
    const families = [...new Set(docs.map((doc) => doc.family))]
    if (families.length === 0) return
    await req.payload.update({
      collection: 'refresh-tokens',
      where: { family: { in: families } },
      data: { revokedAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
      req,
    })
  })
}

/**
 * `POST /api/token/refresh`: exchanges a refresh token for a new pair. The old token is used up
 * (rotation) and its access token's session ends; presenting a used token revokes its family.
 * One transaction under the user's token lock: of concurrent refreshes with one token the first
 * wins, and the others, seeing it used, revoke the family including the winner's new pair.
 */
export const refreshTokenPair = async (
  req: PayloadRequest,
  body: Record<string, unknown>,
): Promise<TokenPair> => {
  const userId = ownerId(await findRefresh(req, body.refresh))
  // A refusal that revoked tokens must still commit: it is thrown after the transaction.
  let refusal: APIError | undefined
  const pair = await withTransaction(req, async (): Promise<TokenPair | undefined> => {
    await lockTokensOf(req, userId)
    const token = await findRefresh(req, body.refresh)
    if (token.revokedAt) {
      refusal = unauthorized(refreshMessages.revoked)
      return
    }
    if (token.usedAt) {
      await revokeFamily(req, token)
      refusal = unauthorized(refreshMessages.reused)
      return
    }
    if (new Date(token.expiresAt).getTime() <= Date.now()) {
      refusal = unauthorized(refreshMessages.expired)
      return
    }
    const user = await req.payload.findByID({
      collection: 'users',
      id: userId,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!user || user._verified === false) {
      await revokeFamily(req, token)
      refusal = unauthorized(refreshMessages.revoked)
      return
    }
    await req.payload.db.updateOne({
      collection: 'refresh-tokens',
      id: token.id,
      data: { usedAt: new Date().toISOString() },
      req,
      returning: false,
    })
    await closeSessions(req, userId, [token.sid])
    const sid = await openSession(req, userId, authSettings().accessTokenTtl)
    const { exp, token: access } = await signAccess(req, user, sid)
    const { refresh, refreshExp } = await storeRefresh(req, userId, token.family, sid)
    // Read the user as the new session would, so the response holds what the user may see.
    req.user = {
      ...user,
      collection: 'users',
      _strategy: 'local-jwt',
      _sid: sid,
    } as typeof req.user
    const visible = await req.payload.findByID({
      collection: 'users',
      id: userId,
      depth: 0,
      overrideAccess: false,
      req,
    })
    return { access, refresh, exp, refreshExp, tokenType: 'Bearer', user: visible }
  })
  if (refusal || !pair) throw refusal ?? unauthorized(refreshMessages.unknown)
  return pair
}

/**
 * `POST /api/token/logout`: revokes the refresh token's family and the sessions of its access
 * tokens, and/or the caller's own session when called with an access token. With
 * `allSessions: true`, every session and refresh token of the user ends.
 */
export const logoutTokenPair = async (
  req: PayloadRequest,
  body: Record<string, unknown>,
): Promise<void> => {
  const user = req.user as (User & { _sid?: string; _strategy?: string }) | null
  const session = user?._strategy === 'local-jwt' ? user._sid : undefined
  if (body.refresh === undefined && !session) {
    throw unauthorized('Send the refresh token, or call with the access token to sign out.')
  }
  await withTransaction(req, async () => {
    let owner: number | undefined = session ? user?.id : undefined
    if (body.refresh !== undefined) {
      owner = ownerId(await findRefresh(req, body.refresh))
      await lockTokensOf(req, owner)
      const token = await findRefresh(req, body.refresh)
      if (token.revokedAt) throw unauthorized(refreshMessages.revoked)
      if (new Date(token.expiresAt).getTime() <= Date.now()) {
        throw unauthorized(refreshMessages.expired)
      }
      await revokeFamily(req, token)
    }
    if (body.allSessions === true && owner !== undefined) {
      await revokeUserRefreshTokens(req, owner)
      await closeSessions(req, owner, 'all')
      return
    }
    if (user && session) {
      await revokeUserRefreshTokens(req, user.id, { sids: [session] })
      await closeSessions(req, user.id, [session])
    }
  })
}
