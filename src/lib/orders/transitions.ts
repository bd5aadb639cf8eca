import type { Order } from '@/payload-types'
import { type RequestedLine, sameQuantities } from '../orderLines'
import { isStaffUser } from '../roles'

/**
 * The order lifecycle as data: what each status means, which moves between statuses are legal,
 * who may make them and what they do to the stock. `src/lib/orders/operations.ts` applies it;
 * everything here is pure.
 */

export type OrderStatus = NonNullable<Order['status']>

/**
 * Who acts on an order: its customer, or staff. Admin and staff are staff; so is a request
 * without a user, which is the system itself (overrideAccess).
 */
export type OrderActor = 'customer' | 'staff'

/** A refused change: the HTTP status and message the client gets. */
export type Refusal = { status: 403 | 409; message: string }

/** The status of every new order, whatever the client sends. */
export const INITIAL_ORDER_STATUS: OrderStatus = 'pending'

type StatusRules = {
  /** The order holds the stock taken for its lines (returned when it is cancelled or deleted). */
  holdsStock: boolean
  /** Its lines may change (for everyone), and its customer may change its address and notes. */
  open: boolean
  /** Its customer may delete it (staff may delete an order in any status). */
  customerMayDelete: boolean
}

/** What each status means. */
export const ORDER_STATUSES: Record<OrderStatus, StatusRules> = {
  pending: { holdsStock: true, open: true, customerMayDelete: true },
  paid: { holdsStock: true, open: false, customerMayDelete: false },
  shipped: { holdsStock: false, open: false, customerMayDelete: false },
  delivered: { holdsStock: false, open: false, customerMayDelete: false },
  cancelled: { holdsStock: false, open: false, customerMayDelete: true },
}

type Transition = {
  from: OrderStatus
  to: OrderStatus
  /** What the move does to the order's stock: keep it taken, or return it to the products. */
  stock: 'keep' | 'release'
  /** Staff may make every move; whether the order's customer may too, or the answer they get. */
  customer: 'allowed' | Refusal
}

const STAFF_ONLY: Refusal = { status: 403, message: 'Only staff can move an order forward' }

/**
 * The legal moves: pending → paid → shipped → delivered, and pending or paid → cancelled. Staff
 * move orders along; a customer may only cancel their own order while it is pending.
 */
export const ORDER_TRANSITIONS: Transition[] = [
  { from: 'pending', to: 'paid', stock: 'keep', customer: STAFF_ONLY },
  { from: 'pending', to: 'cancelled', stock: 'release', customer: 'allowed' },
  { from: 'paid', to: 'shipped', stock: 'keep', customer: STAFF_ONLY },
  {
    from: 'paid',
    to: 'cancelled',
    stock: 'release',
    customer: { status: 409, message: 'Only a pending order can be cancelled by its customer' },
  },
  { from: 'shipped', to: 'delivered', stock: 'keep', customer: STAFF_ONLY },
]

/** Who `user` acts as on an order. */
export const orderActor = (user: Parameters<typeof isStaffUser>[0]): OrderActor =>
  user && !isStaffUser(user) ? 'customer' : 'staff'

/**
 * The move `actor` asks for from `from` to `to`: the table's row, or why it is refused (409 for a
 * move the table does not have, the row's own answer for a move the actor may not make).
 */
export const findTransition = (
  from: OrderStatus,
  to: OrderStatus,
  actor: OrderActor,
): { move: Transition } | { refusal: Refusal } => {
  const move = ORDER_TRANSITIONS.find((row) => row.from === from && row.to === to)
  if (!move)
    return { refusal: { status: 409, message: `An order cannot go from ${from} to ${to}` } }
  if (actor === 'customer' && move.customer !== 'allowed') return { refusal: move.customer }
  return { move }
}

/** Why `actor` may not delete an order in `status`, or undefined when they may. */
export const deleteRefusal = (status: OrderStatus, actor: OrderActor): Refusal | undefined =>
  actor === 'customer' && !ORDER_STATUSES[status].customerMayDelete
    ? { status: 409, message: `A ${status} order cannot be deleted by its customer` }
    : undefined

/**
 * True when `requested` (undefined: the change does not send lines) orders other quantities than
 * the stored lines, however each product's units are split over lines.
 */
export const linesChanged = (
  requested: RequestedLine[] | undefined,
  stored: RequestedLine[],
): boolean => requested !== undefined && !sameQuantities(requested, stored)

/** Why a change of lines from `from` to `to` is refused: lines change only while pending. */
export const lineChangeRefusal = (from: OrderStatus, to: OrderStatus): Refusal | undefined =>
  ORDER_STATUSES[from].open && ORDER_STATUSES[to].open
    ? undefined
    : { status: 409, message: 'The items of an order can only change while it is pending' }
