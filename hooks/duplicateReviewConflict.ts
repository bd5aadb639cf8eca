import { type CollectionAfterErrorHook, ValidationError } from 'payload'

/**
 * The unique (product, author) index is the last line of defence against duplicate reviews (the
 * create hook already refuses them with 409 under a row lock). Should the database refuse one
 * anyway, report it as the same 409 conflict rather than a validation error.
 */
export const duplicateReviewConflict: CollectionAfterErrorHook = ({ error }) => {
  if (!(error instanceof ValidationError)) return
  const paths = error.data.errors.map((entry) => entry.path)
  if (!paths.some((path) => path === 'product' || path === 'author' || path === 'product_id')) {
    return
  }
  return {
    status: 409,
    response: { errors: [{ message: 'You have already reviewed this product' }] },
  }
}
