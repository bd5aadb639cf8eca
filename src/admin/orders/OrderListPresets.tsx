import type { BeforeListTableServerProps } from 'payload'

import type { OrderStatus } from '../../lib/statuses'

/** The list presets: what a shop owner looks for first. */
const PRESETS: { label: string; status?: OrderStatus }[] = [
  { label: 'All orders' },
  { label: 'To ship', status: 'paid' },
  { label: 'Pending payment', status: 'pending' },
]

/** The status the list is filtered on by a preset's link, if any. */
const activeStatus = (
  searchParams: BeforeListTableServerProps['searchParams'],
): string | undefined => {
  const value = searchParams?.['where[status][equals]']
  return typeof value === 'string' ? value : undefined
}

/**
 * Links above the orders list to the lists staff work through: "To ship" (paid) and "Pending
 * payment" (pending), each with its count under the viewer's own access. Plain links to
 * `?where[status][equals]=…` (the list's own filter, shareable, nothing stored).
 */
export const OrderListPresets = async ({
  payload,
  searchParams,
  user,
}: BeforeListTableServerProps) => {
  const admin = payload.config.routes.admin
  const active = activeStatus(searchParams)
  const counts = await Promise.all(
    PRESETS.map(async ({ status }) =>
      status
        ? (
            await payload.count({
              collection: 'orders',
              where: { status: { equals: status } },
              overrideAccess: false,
              user,
            })
          ).totalDocs
        : undefined,
    ),
  )
  return (
    <nav aria-label="Order presets" style={{ display: 'flex', gap: 8, margin: '0 0 16px' }}>
      {PRESETS.map(({ label, status }, index) => {
        const current = status === active || (!status && !active)
        const href = `${admin}/collections/orders${status ? `?where[status][equals]=${status}` : ''}`
        return (
          <a
            key={label}
            href={href}
            aria-current={current ? 'page' : undefined}
            className={`pill pill--style-${current ? 'dark' : 'light'}`}
            data-preset={status ?? 'all'}
            style={{ padding: '4px 12px', textDecoration: 'none' }}
          >
            {label}
            {counts[index] === undefined ? '' : ` (${counts[index]})`}
          </a>
        )
      })}
    </nav>
  )
}
