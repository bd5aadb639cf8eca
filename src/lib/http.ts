import { addDataAndFileToRequest, APIError, type PayloadRequest, ValidationError } from 'payload'

import { htmlPage } from './email/templates'
import { findNul } from './limits/inputProblems'

/** A short, uncached HTML page: the answer of endpoints opened from emailed links. */
export const htmlResponse = (status: number, title: string, message: string): Response =>
  new Response(htmlPage(title, message), {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })

/**
 * The request's JSON object body (`{}` when empty); 400 when it is not a JSON object, or when it
 * holds a NUL character or nests too deep (see `findNul`), naming the field.
 */
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
  const nul = findNul(data)
  if (nul) throw new ValidationError({ errors: [nul] }, req.t)
  return data as Record<string, unknown>
}
