import { formatMoney } from './money'

/** What an order's title is made of. */
export type OrderTitleParts = {
  id: number | string
  username?: string | null
  total?: number | null
  currency?: string | null
}

/**
 * An order's title in the admin panel (list, edit view header, relationship selects):
 * `#123 · carol · €1,877.15`, the customer by username and the total in the order's own currency.
 * Stored in `orders.title` (Payload's `useAsTitle` needs a field) and kept right by
 * `src/lib/orderTitles.ts`; pure, so the browser may format one too.
 */
export const orderTitle = ({ id, username, total, currency }: OrderTitleParts): string =>
  [`#${id}`, username ?? '?', formatMoney(total ?? 0, currency ?? undefined)].join(' · ')
