import type { IncomingMessage } from 'node:http'
import { Readable } from 'node:stream'

/**
 * Reads a request body of declared length (at most `maxBytes`) and gives the request a fresh,
 * unread stream state holding the same bytes, so whoever handles the request next (Next, then
 * Payload) reads it whole, as if nobody had. Next does the same when it clones bodies
 * (`replaceRequestBody`): a stream once read counts as "disturbed" and cannot become a fetch
 * body. Resolves undefined, reading nothing, when the length is undeclared or over `maxBytes`
 * (and when the client went away mid-body).
 */
export const peekBody = (req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> => {
  const expected = Number(req.headers['content-length'])
  if (!Number.isSafeInteger(expected) || expected > maxBytes) return Promise.resolve(undefined)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    const onData = (chunk: Buffer) => chunks.push(chunk)
    req.on('data', onData)
    // 'close', not 'end': a request destroys its stream state after 'end'; the fresh one must be
    // put in place after that.
    req.once('close', () => {
      req.off('data', onData)
      if (!req.complete) return resolve(undefined)
      const body = Buffer.concat(chunks)
      const unread = new Readable({ read() {} })
      unread.push(body)
      unread.push(null)
      // The state is where a stream keeps its buffer and flags; the request's methods use it.
      ;(req as unknown as { _readableState: unknown })._readableState = (
        unread as unknown as { _readableState: unknown }
      )._readableState
      resolve(body)
    })
  })
}
