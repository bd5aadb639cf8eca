import { APIError, Forbidden, NotFound, type PayloadRequest } from 'payload'

import type { Product } from '@/payload-types'
import { isStaffUser } from './roles'

export type ProductStatus = Product['status']
export type ReviewDecision = 'approve' | 'reject'

/** Moderation moves a product may make (a vendor's content edit also sends it back to pending). */
const LEGAL_TRANSITIONS: Record<ProductStatus, ProductStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['rejected'],
  rejected: ['approved'],
}

/**
 * Throws unless moving a product from `from` to `to` is a legal moderation step: 409 for an
 * illegal transition (approving an approved product, sending one back to pending by hand), 400
 * when a rejection comes without a reason.
 */
export const assertReviewTransition = (
  from: ProductStatus,
  to: ProductStatus,
  reason?: string | null,
): void => {
  if (from === to) throw new APIError(`The product is already ${to}.`, 409)
  if (!LEGAL_TRANSITIONS[from].includes(to)) {
    throw new APIError(`A ${from} product cannot be moved to ${to}.`, 409)
  }
  if (to === 'rejected' && !reason?.trim()) {
    throw new APIError('A reason is required to reject a product.', 400)
  }
}

/** The fields a moderation decision records: who, when, and why (for a rejection). */
export const reviewRecord = (
  req: PayloadRequest,
  to: ProductStatus,
  reason?: string | null,
): Pick<Product, 'status' | 'reviewedBy' | 'reviewedAt' | 'rejectionReason'> => ({
  status: to,
  reviewedBy: req.user ? (req.user.id as number) : null,
  reviewedAt: new Date().toISOString(),
  rejectionReason: to === 'rejected' ? (reason ?? '').trim() : null,
})

/**
 * Approves or rejects a product as the request's user (admin or staff), through the same update
 * path and hooks as any other API: the `recordProductReview` hook validates and records it.
 * Throws 401 anonymous, 403 non-staff, 404 unknown product, 409 illegal transition, 400 rejection
 * without a reason.
 */
export const reviewProduct = async (
  req: PayloadRequest,
  { id, decision, reason }: { id: number | string; decision: ReviewDecision; reason?: string },
): Promise<Product> => {
  if (!req.user) throw new APIError('You must be logged in to review products.', 401)
  if (!isStaffUser(req.user)) throw new Forbidden(req.t)
  const product = await req.payload.findByID({
    collection: 'products',
    id,
    depth: 0,
    select: { status: true },
    overrideAccess: false,
    disableErrors: true,
    req,
  })
  if (!product) throw new NotFound(req.t)
  const to: ProductStatus = decision === 'approve' ? 'approved' : 'rejected'
  assertReviewTransition(product.status, to, reason)
  return req.payload.update({
    collection: 'products',
    id,
    data: { status: to, rejectionReason: to === 'rejected' ? reason : null },
    depth: 0,
    overrideAccess: false,
    req,
  })
}
