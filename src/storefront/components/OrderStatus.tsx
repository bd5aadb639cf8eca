import { ORDER_STATUS_OPTIONS } from '@/lib/statuses'

/** An order's status as a labelled badge. */
export const OrderStatus = ({ status }: { status: string }) => (
  <span className={`badge badge-status status-${status}`}>
    {ORDER_STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status}
  </span>
)
