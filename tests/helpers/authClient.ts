import { randomBytes } from 'node:crypto'

import { type Json, request, type RequestOptions } from './apiClient'
import { PASSWORD } from './fixtures'
import { activationTokenIn, waitForEmails } from './outbox'

export { PASSWORD }

export const unique = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`

/**
 * `request` with the account flows' defaults: POST when there is a body, and a parsed body that
 * is always an object (`{}` when empty, `{ text }` when not JSON).
 */
export const call = async (
  url: string,
  init: Omit<RequestOptions, 'token'> = {},
): Promise<{ status: number; body: Json; headers: Headers }> => {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
  const { status, body, text, headers } = await request(url, { ...init, method })
  return { status, body: (text ? (body === undefined ? { text } : body) : {}) as Json, headers }
}

export type { Json }

export type Account = { id: number; username: string; email: string; password: string }

/** Registers the first user (an admin, active at once) of the server's empty database. */
export const registerFirstAdmin = async (baseUrl: string): Promise<Account & { token: string }> => {
  const username = unique('admin')
  const email = `${username}@example.com`
  const { status, body } = await call(`${baseUrl}/api/users/first-register`, {
    body: { username, email, password: PASSWORD },
  })
  if (status !== 200) throw new Error(`first-register failed: ${status} ${JSON.stringify(body)}`)
  return { id: body.user.id, username, email, password: PASSWORD, token: body.token }
}

/** Registers the first (admin) user of a fresh server and returns its JWT. */
export const registerAdmin = async (baseUrl: string): Promise<string> =>
  (await registerFirstAdmin(baseUrl)).token

/** A user with `roles` created by an admin over HTTP (so active at once), signed in. */
export const createAccount = async (
  baseUrl: string,
  adminToken: string,
  roles: string[],
): Promise<Account & { token: string }> => {
  const username = unique(roles[0] ?? 'user')
  const email = `${username}@example.com`
  const created = await call(`${baseUrl}/api/users`, {
    auth: `JWT ${adminToken}`,
    body: { email, username, password: PASSWORD, roles },
  })
  if (created.status !== 201) {
    throw new Error(`create user failed: ${created.status} ${JSON.stringify(created.body)}`)
  }
  const login = await call(`${baseUrl}/api/users/login`, { body: { email, password: PASSWORD } })
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`)
  return { id: created.body.doc.id, username, email, password: PASSWORD, token: login.body.token }
}

/** Signs up through the public endpoint; the account still needs activation. */
export const signUp = async (
  baseUrl: string,
  extra: Record<string, unknown> = {},
): Promise<Account> => {
  const username = unique('user')
  const email = `${username}@example.com`
  const { status, body } = await call(`${baseUrl}/api/users`, {
    body: { username, email, password: PASSWORD, ...extra },
  })
  if (status !== 201) throw new Error(`sign-up failed: ${status} ${JSON.stringify(body)}`)
  return { id: body.doc.id, username, email, password: PASSWORD }
}

/** Signs up and activates through the emailed link: a ready customer (or vendor). */
export const activeUser = async (
  baseUrl: string,
  extra: Record<string, unknown> = {},
): Promise<Account> => {
  const account = await signUp(baseUrl, extra)
  const [email] = await waitForEmails(account.email)
  const response = await fetch(`${baseUrl}/api/users/activate/${activationTokenIn(email)}`)
  if (response.status !== 200) throw new Error(`activation failed: ${response.status}`)
  return account
}

/** `POST /api/token` for an account. */
export const tokenPair = async (baseUrl: string, account: Account): Promise<Json> => {
  const { status, body } = await call(`${baseUrl}/api/token`, {
    body: { username: account.username, password: account.password },
  })
  if (status !== 200) throw new Error(`token failed: ${status} ${JSON.stringify(body)}`)
  return body
}

/** The user `GET /api/users/me` sees for an Authorization header (null when unauthenticated). */
export const me = async (baseUrl: string, auth: string): Promise<Json | null> => {
  const { body } = await call(`${baseUrl}/api/users/me`, { auth })
  return body.user ?? null
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
