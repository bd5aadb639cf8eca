const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT'])

const refusal = (message: string): Response =>
  Response.json({ errors: [{ message }] }, { status: 400 })

/**
 * A JSON write whose body is no JSON object (`null`, `"x"`, `[]`, `42`) answers 400: Payload
 * would hand such a body to its operations as `data` and fail on it (a 500). Returns the request
 * to pass on, its body read once (it is bounded by `bodyLimits`) and given back as text, or the
 * 400 response. Requests that are not JSON writes pass untouched.
 */
export const requireJsonObject = async (request: Request): Promise<Request | Response> => {
  if (!WRITE_METHODS.has(request.method) || !request.body) return request
  const [contentType] = (request.headers.get('content-type') ?? '').split(';', 1)
  if (contentType.trim().toLowerCase() !== 'application/json') return request
  const text = await request.text()
  let data: unknown = {}
  try {
    if (text) data = JSON.parse(text)
  } catch {
    return refusal('Invalid JSON')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refusal('The request body must be a JSON object.')
  }
  return new Request(request, { body: text })
}
