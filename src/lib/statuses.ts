/**
 * Every status an order, a product or a review can be in, and the groups of statuses that rules depend on:
 * the one home for these lists. Collections build their `select` options from them, hooks test
 * membership with them, and SQL renders them with `sqlText` / `sqlTextList` (`./sqlText`). No
 * database or Payload import here, so anything (config, hooks, storefront) may import it.
 */
import type { Order, Product, Review } from '@/payload-types'

// Orders

export type OrderStatus = NonNullable<Order['status']>

/** Admin labels, in lifecycle order: pending → paid → shipped → delivered; or cancelled. */
const ORDER_STATUS_LABELS = {
  pending: 'Pending',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
} as const satisfies Record<OrderStatus, string>

/** Every order status, in lifecycle order. */
export const ORDER_STATUSES = Object.keys(ORDER_STATUS_LABELS) as OrderStatus[]

/** The `select` options of `orders.status`. */
export const ORDER_STATUS_OPTIONS = ORDER_STATUSES.map((value) => ({
  label: ORDER_STATUS_LABELS[value],
  value,
}))

/** The status every new order starts in. */
export const NEW_ORDER_STATUS = 'pending' as const satisfies OrderStatus
/** The status of a cancelled order (its stock returned). */
export const CANCELLED_ORDER_STATUS = 'cancelled' as const satisfies OrderStatus
/** Statuses in which an order holds stock taken from products (released on cancel or delete). */
export const STOCK_HOLDING_STATUSES: readonly OrderStatus[] = ['pending', 'paid']
/** Statuses that count as a purchase: the buyer's reviews of the order's products are verified. */
export const PURCHASED_STATUSES: readonly OrderStatus[] = ['paid', 'shipped', 'delivered']
/** Statuses in which the customer who placed an order may delete it (staff may in any). */
export const CUSTOMER_DELETABLE_STATUSES: readonly OrderStatus[] = ['pending', 'cancelled']
/**
 * Statuses in which an order is open: its lines may change (for everyone), and its customer may
 * change its address and notes.
 */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = ['pending']

// Products (moderation)

export type ProductStatus = Product['status']

/** Admin labels of the moderation statuses. */
export const PRODUCT_STATUS_LABELS = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
} as const satisfies Record<ProductStatus, string>

/** Every product status. */
export const PRODUCT_STATUSES = Object.keys(PRODUCT_STATUS_LABELS) as ProductStatus[]

/** The `select` options of `products.status`. */
export const PRODUCT_STATUS_OPTIONS = PRODUCT_STATUSES.map((value) => ({
  label: PRODUCT_STATUS_LABELS[value],
  value,
}))

/** A product waiting for moderation: new vendor products, and approved ones a vendor edited. */
export const PENDING_PRODUCT_STATUS = 'pending' as const satisfies ProductStatus
/**
 * The one status in which a product is public: listed in the catalog, orderable and reviewable
 * while it is not in the trash (`./availability` holds the whole rule).
 */
export const APPROVED_PRODUCT_STATUS = 'approved' as const satisfies ProductStatus
/** A product moderation turned down (with a reason). */
export const REJECTED_PRODUCT_STATUS = 'rejected' as const satisfies ProductStatus

// Customer reviews

export type ReviewStatus = NonNullable<Review['status']>

/** Admin labels of review statuses: staff hide a review rather than delete it. */
const REVIEW_STATUS_LABELS = {
  published: 'Published',
  hidden: 'Hidden',
} as const satisfies Record<ReviewStatus, string>

/** Every review status. */
export const REVIEW_STATUSES = Object.keys(REVIEW_STATUS_LABELS) as ReviewStatus[]

/** The `select` options of `reviews.status`. */
export const REVIEW_STATUS_OPTIONS = REVIEW_STATUSES.map((value) => ({
  label: REVIEW_STATUS_LABELS[value],
  value,
}))

/** A review everyone reads and the product's rating counts; new reviews start published. */
export const PUBLISHED_REVIEW_STATUS = 'published' as const satisfies ReviewStatus
