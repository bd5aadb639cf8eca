import type { Order } from '@/payload-types'

export type OrderStatus = NonNullable<Order['status']>

/** The order lifecycle: pending → paid → shipped → delivered; pending or paid → cancelled. */
export const ORDER_TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
}

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean =>
  ORDER_TRANSITIONS[from].includes(to)

/** Statuses in which an order holds stock taken from products (released on cancel/delete). */
export const HOLDS_STOCK: OrderStatus[] = ['pending', 'paid']
