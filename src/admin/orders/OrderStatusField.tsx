import type { SelectFieldServerComponent } from 'payload'

import { relationId } from '../../lib/relationId'
import { type OrderStatus, ORDER_STATUS_OPTIONS } from '../../lib/statuses'
import { findTransition, ORDER_TRANSITIONS, orderActor } from '../../operations/orderTransitions'
import { OrderStatusActions, type StatusMove } from './OrderStatusActions'

const MOVE_LABELS: Record<OrderStatus, string> = {
  pending: 'Back to pending',
  paid: 'Mark paid',
  shipped: 'Mark shipped',
  delivered: 'Mark delivered',
  cancelled: 'Cancel order',
}

const statusLabel = (status: OrderStatus): string =>
  ORDER_STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status

/**
 * The order's status in the edit view: shown, not edited, with the moves the signed-in user may
 * make from it (the table in src/operations/orderTransitions.ts) as buttons. A customer acts only
 * on their own order; anyone else who is not staff (a vendor) gets no buttons. The API is
 * unchanged: the buttons PATCH the status, so the order process checks and applies every move.
 */
export const OrderStatusField: SelectFieldServerComponent = ({ data, id, path, req }) => {
  const status = (data?.status ?? 'pending') as OrderStatus
  const actor = orderActor(req.user)
  const ownOrder = req.user && relationId(data?.customer) === req.user.id
  const mayAct = id !== undefined && (actor === 'staff' || ownOrder)
  const moves: StatusMove[] = mayAct
    ? ORDER_TRANSITIONS.filter((row) => row.from === status)
        .filter((row) => 'move' in findTransition(status, row.to, actor))
        .map((row) => ({
          to: row.to,
          label: MOVE_LABELS[row.to],
          statusLabel: statusLabel(row.to),
        }))
    : []
  return (
    <OrderStatusActions
      id={id}
      moves={moves}
      path={path}
      status={status}
      statusLabel={statusLabel(status)}
    />
  )
}
