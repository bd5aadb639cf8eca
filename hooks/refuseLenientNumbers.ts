import { type CollectionBeforeOperationHook, ValidationError } from 'payload'

import { lenientNumberPaths } from '../src/lib/strictNumbers'

/**
 * Refuses number fields sent as text that is not a plain number ("5abc", "1e3", "5 units") with
 * a 400 naming each field, on create and update, before Payload's own parsing would read "5abc"
 * as 5. Plain numeric text ("5", "12.50") stays accepted, as form posts send it.
 */
export const refuseLenientNumbers: CollectionBeforeOperationHook = ({
  args,
  collection,
  operation,
  req,
}) => {
  if (operation !== 'create' && operation !== 'update') return args
  const paths = lenientNumberPaths(collection.flattenedFields, (args as { data?: unknown }).data)
  if (paths.length > 0) {
    throw new ValidationError(
      {
        collection: collection.slug,
        errors: paths.map((path) => ({ path, message: 'This field must be a number.' })),
      },
      req.t,
    )
  }
  return args
}
