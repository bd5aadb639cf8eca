import { expectDocumentedResponse } from './openapiResponses'

export type ApiResponse = { status: number; headers: Headers; body: unknown; text: string }

export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON bodies in tests

export type RequestOptions = {
  method?: string
  /** Sent as JSON. */
  body?: unknown
  /** A JWT, sent as `Authorization: JWT <token>`. */
  token?: string
  /** A whole Authorization header (an API key, `Bearer …`); wins over `token`. */
  auth?: string
  headers?: Record<string, string>
}

/**
 * The tests' HTTP client: JSON in, JSON (or text) out, `body` undefined when the answer is not
 * JSON. Fails the test when the response is not what the served OpenAPI document says the route
 * answers. Every JSON helper below and in authClient goes through it.
 */
export const request = async (
  url: string,
  { method = 'GET', body, token, auth, headers = {} }: RequestOptions = {},
): Promise<ApiResponse> => {
  const authorization = auth ?? (token ? `JWT ${token}` : undefined)
  const response = await fetch(url, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(authorization ? { Authorization: authorization } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  await expectDocumentedResponse(url, method, response, text)
  let parsed: unknown = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** `request` to a path of a server. */
export const api = (
  baseUrl: string,
  path: string,
  options: Omit<RequestOptions, 'auth'> = {},
): Promise<ApiResponse> => request(`${baseUrl}${path}`, options)

/** GraphQL over HTTP. */
export const graphql = async (
  baseUrl: string,
  query: string,
  token?: string,
): Promise<ApiResponse> => api(baseUrl, '/api/graphql', { method: 'POST', body: { query }, token })

/** Uploads `bytes` to an upload collection as multipart form data, as a browser would. */
export const uploadFile = async (
  baseUrl: string,
  {
    bytes,
    filename,
    type,
    data = {},
    token,
    headers,
    collection = 'media',
  }: {
    bytes: Buffer
    filename: string
    type: string
    data?: Record<string, unknown>
    token?: string
    /** Instead of `token`: the request's headers (e.g. a session's Authorization). */
    headers?: Record<string, string>
    collection?: string
  },
): Promise<ApiResponse> => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  form.append('_payload', JSON.stringify(data))
  const response = await fetch(`${baseUrl}/api/${collection}`, {
    method: 'POST',
    headers: headers ?? (token ? { Authorization: `JWT ${token}` } : {}),
    body: form,
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text }
}
