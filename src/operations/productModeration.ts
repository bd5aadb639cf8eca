/**
 * Product moderation, the whole process in one file. A product's `status` is its moderation
 * status; admins and staff (with a session) are its moderators.
 *
 * 1. **Submit** — a product created by a vendor starts `pending`; one created by a moderator is
 *    `approved` unless it says otherwise (`submitProduct`).
 * 2. **Approve / reject** — a moderator moves it along `MODERATION_MOVES`; a rejection needs a
 *    reason (`moderateProduct` for the REST routes and the seed, `changeModeration` for a plain
 *    status change through any API).
 * 3. **Resubmit** — when its vendor edits the content of an approved or rejected product, it goes
 *    back to `pending` (`resubmitsForModeration`); price, discount and stock edits do not. The
 *    vendor may also send a rejected product back as it is (`resubmitProduct`,
 *    `POST /api/products/:id/resubmit`).
 * 4. **Record** — each decision stores who made it, when, and why for a rejection
 *    (`moderationRecord`). Those columns keep their original names, `reviewedBy` and `reviewedAt`:
 *    clients read them and renaming them would need a migration. Every status change is also
 *    appended to the product's history (`moderationEvent`, the `product-moderation-events`
 *    collection).
 *
 * The hooks `recordProductModeration` and `resubmitOnContentEdit` and the endpoints in
 * `src/endpoints/products/moderateProduct.ts` are thin adapters over these functions.
 */
import { APIError, Forbidden, NotFound, type PayloadRequest, type RequestContext } from 'payload'

import type { Product, ProductModerationEvent, User } from '@/payload-types'
import { relationId, relationIds } from '../lib/relationId'
import { isStaffUser } from '../lib/roles'
import {
  APPROVED_PRODUCT_STATUS,
  PENDING_PRODUCT_STATUS,
  type ProductStatus,
  REJECTED_PRODUCT_STATUS,
} from '../lib/statuses'

/** What a moderator decides through `POST /api/products/:id/approve` or `/:id/reject`. */
export type ModerationDecision = 'approve' | 'reject'

/** The status each decision moves a product to. */
export const DECISION_STATUS: Record<ModerationDecision, ProductStatus> = {
  approve: APPROVED_PRODUCT_STATUS,
  reject: REJECTED_PRODUCT_STATUS,
}

/**
 * The moves a moderator may make. No moderator sends a product back to `pending`: only its
 * vendor does, by editing its content or resubmitting it (step 3).
 */
export const MODERATION_MOVES: Record<ProductStatus, readonly ProductStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['rejected'],
  rejected: ['approved'],
}

/** Fields whose edit by the vendor sends a product back to pending (not price, discount, stock). */
export const MODERATED_CONTENT_FIELDS = [
  'brand',
  'model',
  'description',
  'category',
  'images',
  'video',
] as const

/** The fields moderation owns on a product. */
export type ModerationFields = Pick<
  Product,
  'status' | 'reviewedBy' | 'reviewedAt' | 'rejectionReason'
>

/** The user a write acts as (the request's user), or none for trusted server code. */
type Actor = (Partial<User> & { _strategy?: string }) | null | undefined

/**
 * Who is writing: a `moderator` (admin or staff with a session), the product's `vendor` (any
 * other signed-in user: moderation fields they send are ignored), or the `server` itself (no
 * user: seeds and scripts, trusted like a moderator but recorded as nobody).
 */
export const moderationActor = (user: Actor): 'moderator' | 'vendor' | 'server' => {
  if (isStaffUser(user)) return 'moderator'
  return user ? 'vendor' : 'server'
}

/** The status a new product gets when it names none: approved for moderators, else pending. */
export const submittedStatus = (user: Actor): ProductStatus =>
  isStaffUser(user) ? APPROVED_PRODUCT_STATUS : PENDING_PRODUCT_STATUS

/**
 * Throws unless moving a product from `from` to `to` is a legal moderation step: 409 for an
 * illegal move (approving an approved product, sending one back to pending by hand), 400 when a
 * rejection comes without a reason.
 */
export const assertModerationMove = (
  from: ProductStatus,
  to: ProductStatus,
  reason?: string | null,
): void => {
  if (from === to) throw new APIError(`The product is already ${to}.`, 409)
  if (!MODERATION_MOVES[from].includes(to)) {
    throw new APIError(`A ${from} product cannot be moved to ${to}.`, 409)
  }
  if (to === REJECTED_PRODUCT_STATUS && !reason?.trim()) {
    throw new APIError('A reason is required to reject a product.', 400)
  }
}

/** The record of a moderation decision: the new status, who made it, when, and why (rejections). */
export const moderationRecord = (
  user: Actor,
  to: ProductStatus,
  reason?: string | null,
  at: Date = new Date(),
): ModerationFields => ({
  status: to,
  reviewedBy: user ? (user.id as number) : null,
  reviewedAt: at.toISOString(),
  rejectionReason: to === REJECTED_PRODUCT_STATUS ? (reason ?? '').trim() : null,
})

/** A pending product carries no decision. */
export const PENDING_RECORD: Readonly<ModerationFields> = {
  status: PENDING_PRODUCT_STATUS,
  reviewedBy: null,
  reviewedAt: null,
  rejectionReason: null,
}

/** The stored record, unchanged (a write that makes no moderation decision). */
const storedRecord = (doc: ModerationFields): ModerationFields => ({
  status: doc.status,
  reviewedBy: doc.reviewedBy ?? null,
  reviewedAt: doc.reviewedAt ?? null,
  rejectionReason: doc.rejectionReason ?? null,
})

/**
 * Step 1, submit: the moderation fields a new product is stored with. A vendor's product is
 * pending whatever they send; a moderator's (or the server's) may be created approved or
 * rejected, validated and recorded as a decision from `pending`.
 */
export const submitProduct = (
  user: Actor,
  data: Partial<ModerationFields>,
  at?: Date,
): ModerationFields => {
  if (moderationActor(user) === 'vendor') return { ...PENDING_RECORD }
  const status = data.status ?? submittedStatus(user)
  if (status === PENDING_PRODUCT_STATUS) return { ...PENDING_RECORD }
  assertModerationMove(PENDING_PRODUCT_STATUS, status, data.rejectionReason)
  return moderationRecord(user, status, data.rejectionReason, at)
}

/**
 * Step 2 through any API (REST, GraphQL, admin UI, Local API): the moderation fields an update
 * stores. A moderator's status change is validated and recorded; anyone else's attempt, a write
 * that keeps the status, and direct writes to the record leave the stored record as it is.
 */
export const changeModeration = (
  user: Actor,
  data: Partial<ModerationFields>,
  stored: ModerationFields,
  at?: Date,
): ModerationFields => {
  const to = data.status ?? stored.status
  if (moderationActor(user) === 'vendor' || to === stored.status) return storedRecord(stored)
  assertModerationMove(stored.status, to, data.rejectionReason)
  return moderationRecord(user, to, data.rejectionReason, at)
}

const comparable = (field: (typeof MODERATED_CONTENT_FIELDS)[number], value: unknown): string => {
  if (field === 'category' || field === 'video') return JSON.stringify(relationId(value))
  if (field === 'images') return JSON.stringify(relationIds(value).map(String))
  return JSON.stringify(value ?? null)
}

/**
 * Step 3, resubmit: true when this update is the vendor (a signed-in non-moderator) changing the
 * moderated content of an approved or rejected product, which then goes back to `pending`. Only
 * the status changes: the record of the last decision stays until the next one.
 */
export const resubmitsForModeration = (
  user: Actor,
  data: Partial<Product>,
  stored: Partial<Product> & Pick<Product, 'status'>,
): boolean => {
  if (moderationActor(user) !== 'vendor' || stored.status === PENDING_PRODUCT_STATUS) return false
  return MODERATED_CONTENT_FIELDS.some(
    (field) =>
      field in data &&
      data[field] !== undefined &&
      comparable(field, data[field]) !== comparable(field, stored[field]),
  )
}

/**
 * Step 2 as an operation: approves or rejects a product as the request's user (admin or staff
 * with a session), through the same update path and hooks as any other API, so the
 * `recordProductModeration` hook validates it again under the row lock and records it. Throws
 * 401 anonymous, 403 non-staff, 404 unknown product, 409 illegal move (also when a concurrent
 * decision got there first), 400 rejection without a reason.
 */
export const moderateProduct = async (
  req: PayloadRequest,
  { id, decision, reason }: { id: number | string; decision: ModerationDecision; reason?: string },
): Promise<Product> => {
  // The message's wording is part of the API's answers: kept as it was.
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
  const to = DECISION_STATUS[decision]
  assertModerationMove(product.status, to, reason)
  return req.payload.update({
    collection: 'products',
    id,
    data: { status: to, rejectionReason: to === REJECTED_PRODUCT_STATUS ? reason : null },
    depth: 0,
    overrideAccess: false,
    context: requestMove(product.id, to),
    req,
  })
}

/**
 * The `req.context` key of the move an operation asked for (`moderateProduct`,
 * `resubmitProduct`): the hooks check it again against the product as it is once the update holds
 * its row lock, so of two racing decisions the second sees the first's result (and gets its 409)
 * instead of acting on what it read before.
 */
const REQUESTED_MOVE = 'productModerationMove'

type RequestedMove = { id: number | string; to: ProductStatus }

const requestMove = (id: number | string, to: ProductStatus): RequestContext => ({
  [REQUESTED_MOVE]: { id, to } satisfies RequestedMove,
})

/** The status an operation asked this write to move product `id` to, if any. */
export const requestedMove = (
  context: RequestContext,
  id: number | string,
): ProductStatus | undefined => {
  const move = context[REQUESTED_MOVE] as RequestedMove | undefined
  return move && String(move.id) === String(id) ? move.to : undefined
}

/**
 * Throws unless `user` may resubmit `stored` now: 403 unless they own it, 409 unless it is
 * rejected (a pending product is already waiting; an approved one goes back by a content edit).
 */
export const assertResubmission = (
  user: Actor,
  stored: Pick<Product, 'owner' | 'status'>,
): void => {
  if (!user || relationId(stored.owner) !== user.id) {
    throw new APIError("Only the product's vendor may resubmit it.", 403)
  }
  if (stored.status !== REJECTED_PRODUCT_STATUS) {
    throw new APIError(
      `Only a rejected product can be resubmitted; this one is ${stored.status}.`,
      409,
    )
  }
}

/**
 * Step 3 as an operation: the owning vendor sends their rejected product back to `pending` as it
 * is, through the same update path and hooks as any other API (`resubmitOnContentEdit` checks
 * again under the row lock, so concurrent resubmissions make one move). Throws 401 anonymous, 404
 * when the caller cannot read the product, 403 when they do not own it, 409 unless it is rejected.
 */
export const resubmitProduct = async (
  req: PayloadRequest,
  { id }: { id: number | string },
): Promise<Product> => {
  if (!req.user) throw new APIError('You must be logged in to resubmit products.', 401)
  const product = await req.payload.findByID({
    collection: 'products',
    id,
    depth: 0,
    select: { status: true, owner: true },
    overrideAccess: false,
    disableErrors: true,
    req,
  })
  if (!product) throw new NotFound(req.t)
  assertResubmission(req.user, product)
  return req.payload.update({
    collection: 'products',
    id,
    data: {},
    depth: 0,
    overrideAccess: false,
    context: requestMove(product.id, PENDING_PRODUCT_STATUS),
    req,
  })
}

/** A row of a product's moderation history, as `recordModerationEvent` stores it. */
export type ModerationEventData = Pick<ProductModerationEvent, 'from' | 'to' | 'by' | 'reason'> & {
  product: number
}

/**
 * Step 4, the history: the event a write appends, or null when it left the status as it was.
 * `previous` is the product before the write (null on creation, whose event has no `from`).
 */
export const moderationEvent = (
  user: Actor,
  doc: Pick<Product, 'id' | 'status' | 'rejectionReason'>,
  previous: Pick<Product, 'status'> | null | undefined,
): ModerationEventData | null => {
  if (previous && previous.status === doc.status) return null
  return {
    product: doc.id,
    from: previous?.status ?? null,
    to: doc.status,
    by: user?.id ?? null,
    reason: doc.status === REJECTED_PRODUCT_STATUS ? (doc.rejectionReason ?? null) : null,
  }
}
