import { type CollectionBeforeOperationHook, NotFound } from 'payload'

import { isSerialId } from '../../src/lib/serialId'

/**
 * Ids are Postgres serials. A path id that is not one (`/api/products/abc`, or beyond the serial
 * range) names no document: 404, rather than a database type error surfacing as a 500.
 */
export const refuseMalformedId: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (id !== undefined && id !== null && !isSerialId(String(id))) {
    throw new NotFound(req.t)
  }
  return args
}
