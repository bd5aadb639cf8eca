import { type RequestedLine, sameQuantities } from '../lib/orderLines'
import { isStaffUser } from '../lib/roles'
import {
  CUSTOMER_DELETABLE_STATUSES,
  OPEN_ORDER_STATUSES,
  type OrderStatus,
  STOCK_HOLDING_STATUSES,
} from '../lib/statuses'

/**
 * The order lifecycle as data: which moves between statuses are legal, who may make them and
 * what they do to the stock. The statuses and their groups (which hold stock, which are open,
 * which a customer may delete) are in `../statuses`. `src/operations/orders.ts` applies it;
 * everything here is pure.
 */

/**
 * Who acts on an order: its customer, or staff. Admin and staff are staff; so is a request
 * without a user, which is the system itself (overrideAccess).
 */
export type OrderActor = 'customer' | 'staff'

/** A refused change: the HTTP status and message the client gets. */
export type Refusal = { status: 403 | 409; message: string }

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

/** Whether an order in `status` holds the stock taken for its lines (returned on cancel/delete). */
export const holdsStock = (status: OrderStatus): boolean => STOCK_HOLDING_STATUSES.includes(status)

/** Whether an order in `status` is open: its lines, its customer's address and notes may change. */
export const isOpen = (status: OrderStatus): boolean => OPEN_ORDER_STATUSES.includes(status)

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
  actor === 'customer' && !CUSTOMER_DELETABLE_STATUSES.includes(status)
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
  isOpen(from) && isOpen(to)
    ? undefined
    : { status: 409, message: 'The items of an order can only change while it is pending' }
