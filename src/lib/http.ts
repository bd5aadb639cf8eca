import { addDataAndFileToRequest, APIError, type PayloadRequest } from 'payload'

/** The request's JSON object body (`{}` when empty); 400 when it is not a JSON object. */
export const jsonBody = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  try {
    await addDataAndFileToRequest(req)
  } catch {
    throw new APIError('The request body must be a JSON object.', 400)
  }
  const data = req.data ?? {}
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new APIError('The request body must be a JSON object.', 400)
  }
  return data as Record<string, unknown>
}
