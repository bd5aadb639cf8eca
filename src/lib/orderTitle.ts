import { formatMoney } from './money'

/** What an order's title is made of. */
export type OrderTitleParts = {
  id: number | string
  username?: string | null
  total?: number | null
  currency?: string | null
}

/** An order's title without its customer: the text before and after the username. */
export const orderTitleAround = ({ id, total, currency }: Omit<OrderTitleParts, 'username'>) => ({
  before: `#${id} · `,
  after: ` · ${formatMoney(total ?? 0, currency ?? undefined)}`,
})

/**
 * An order's title in the admin panel (list, edit view header, relationship selects):
 * `#123 · carol · €1,877.15`, the customer by username and the total in the order's own currency.
 * Stored in `orders.title` (Payload's `useAsTitle` needs a field) and kept right by
 * `src/lib/orderTitles.ts`; pure, so the browser may format one too.
 */
export const orderTitle = (parts: OrderTitleParts): string => {
  const { before, after } = orderTitleAround(parts)
  return `${before}${parts.username ?? '?'}${after}`
}
