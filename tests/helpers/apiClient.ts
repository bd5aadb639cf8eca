import { expectDocumentedResponse } from './openapiResponses'
import { uniqueWord } from './fixtures'

export type ApiResponse = { status: number; headers: Headers; body: unknown; text: string }

/**
 * A small fetch wrapper for tests: JSON in, JSON (or text) out. Fails the test when the response
 * is not what the served OpenAPI document says the route answers.
 */
export const api = async (
  baseUrl: string,
  path: string,
  {
    method = 'GET',
    body,
    token,
    headers = {},
  }: {
    method?: string
    body?: unknown
    token?: string
    headers?: Record<string, string>
  } = {},
): Promise<ApiResponse> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `JWT ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  await expectDocumentedResponse(`${baseUrl}${path}`, method, response, text)
  let parsed: unknown = undefined
  try {
    parsed = text ? JSON.parse(text) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, headers: response.headers, body: parsed, text }
}

/** Registers the first (admin) user of a fresh server and returns its JWT. */
export const registerAdmin = async (baseUrl: string): Promise<string> => {
  const name = uniqueWord('admin')
  const response = await api(baseUrl, '/api/users/first-register', {
    method: 'POST',
    body: { email: `${name}@example.test`, username: name, password: 'Correct-Horse-9' },
  })
  if (response.status !== 200) throw new Error(`first-register failed: ${response.text}`)
  return (response.body as { token: string }).token
}

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
    collection = 'media',
  }: {
    bytes: Buffer
    filename: string
    type: string
    data?: Record<string, unknown>
    token?: string
    collection?: string
  },
): Promise<ApiResponse> => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  form.append('_payload', JSON.stringify(data))
  const response = await fetch(`${baseUrl}/api/${collection}`, {
    method: 'POST',
    headers: token ? { Authorization: `JWT ${token}` } : {},
    body: form,
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: JSON.parse(text), text }
}
