import { randomBytes } from 'node:crypto'

import { expectDocumentedResponse } from './openapiResponses'
import { activationTokenIn, waitForEmails } from './outbox'

export const PASSWORD = 'Correct-Horse-9'

export const unique = (prefix: string): string => `${prefix}${randomBytes(4).toString('hex')}`

export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON bodies in tests

/**
 * JSON request helper: resolves with the status and parsed body. Fails the test when the response
 * is not what the served OpenAPI document says the route answers.
 */
export const call = async (
  url: string,
  init: { method?: string; body?: unknown; auth?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json; headers: Headers }> => {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST')
  const response = await fetch(url, {
    method,
    headers: {
      ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(init.auth ? { Authorization: init.auth } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  await expectDocumentedResponse(url, method, response, text)
  let body: Json = {}
  try {
    body = text ? JSON.parse(text) : {}
  } catch {
    body = { text }
  }
  return { status: response.status, body, headers: response.headers }
}

export type Account = { id: number; username: string; email: string; password: string }

/** Registers the first user (an admin, active at once) of the server's empty database. */
export const registerFirstAdmin = async (baseUrl: string): Promise<Account> => {
  const username = unique('admin')
  const email = `${username}@example.com`
  const { status, body } = await call(`${baseUrl}/api/users/first-register`, {
    body: { username, email, password: PASSWORD },
  })
  if (status !== 200) throw new Error(`first-register failed: ${status} ${JSON.stringify(body)}`)
  return { id: body.user.id, username, email, password: PASSWORD }
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
