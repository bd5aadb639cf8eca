import { type CollectionAfterErrorHook, ValidationError } from 'payload'

/**
 * The unique (product, author) index is the last line of defence against duplicate reviews (the
 * create hook already refuses them with 409 under a row lock). Should the database refuse one
 * anyway, report it as the same 409 conflict rather than a validation error.
 */
export const duplicateReviewConflict: CollectionAfterErrorHook = ({ error }) => {
  if (!(error instanceof ValidationError)) return
  // The adapter names the path after the index's columns, e.g. "product_id, author_id".
  const paths = error.data.errors.map((entry) => String(entry.path ?? ''))
  if (!paths.some((path) => /\bproduct(_id)?\b/.test(path) && /\bauthor(_id)?\b/.test(path))) {
    return
  }
  return {
    status: 409,
    response: { errors: [{ message: 'You have already reviewed this product' }] },
  }
}
