import type { AfterErrorHook } from 'payload'

/** What busboy says about a body that is not the multipart form its header announces. */
const MULTIPART_ERROR = /^(Unexpected end of form|Malformed|Multipart: )/

/**
 * A multipart body Payload cannot read answers 400, not 500: a boundary that does not match the
 * body's (busboy's "Unexpected end of form"), none at all, or a `_payload` field that is not
 * JSON. Payload reads these bodies itself before any hook runs, so this maps its errors: only
 * while no data was read from a multipart request, and only these errors.
 */
export const answerMalformedMultipart: AfterErrorHook = ({ error, req }) => {
  const contentType = req.headers?.get('content-type') ?? ''
  if (!/^multipart\//i.test(contentType) || req.data !== undefined) return
  if (error instanceof SyntaxError) {
    return {
      status: 400,
      response: { errors: [{ message: 'The _payload field is not valid JSON.' }] },
    }
  }
  if (MULTIPART_ERROR.test(error.message)) {
    return {
      status: 400,
      response: { errors: [{ message: `The multipart body is malformed: ${error.message}` }] },
    }
  }
}
