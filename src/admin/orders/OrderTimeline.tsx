import type { ArrayFieldServerComponent } from 'payload'

import type { Order } from '@/payload-types'
import { relationId } from '../../lib/relationId'
import { type OrderStatus, ORDER_STATUS_OPTIONS } from '../../lib/statuses'

type Entry = NonNullable<Order['statusHistory']>[number]

const statusLabel = (status: OrderStatus | null | undefined): string =>
  ORDER_STATUS_OPTIONS.find((option) => option.value === status)?.label ?? '—'

const when = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/**
 * The order's status timeline (stored by the order process, never edited) in the edit view: each
 * move with when, who and from which status. Who is looked up under the viewer's own access.
 */
export const OrderTimeline: ArrayFieldServerComponent = async ({ data, req }) => {
  const entries = ((data?.statusHistory ?? []) as Entry[]).slice().reverse()
  const ids = [...new Set(entries.map((entry) => relationId(entry.by)).filter(Boolean))]
  const users = ids.length
    ? await req.payload.find({
        collection: 'users',
        where: { id: { in: ids } },
        select: { username: true },
        depth: 0,
        limit: ids.length,
        pagination: false,
        overrideAccess: false,
        user: req.user,
        req,
      })
    : { docs: [] }
  const names = new Map(users.docs.map((user) => [user.id, user.username]))
  return (
    <div className="field-type" data-order-timeline>
      <h3 style={{ margin: '0 0 8px', fontSize: 16 }}>Status timeline</h3>
      {entries.length === 0 && <p>No status changes recorded.</p>}
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {entries.map((entry, index) => {
          const by = relationId(entry.by)
          return (
            <li
              key={entry.id ?? index}
              data-timeline-to={entry.to}
              style={{
                borderLeft: '3px solid var(--theme-elevation-250)',
                padding: '4px 0 8px 10px',
              }}
            >
              <strong>
                {entry.from ? `${statusLabel(entry.from)} → ` : 'Placed: '}
                {statusLabel(entry.to)}
              </strong>
              <br />
              <time dateTime={entry.at}>{when.format(new Date(entry.at))} UTC</time>
              {' · '}
              {by === undefined ? 'by the system' : `by ${names.get(by) ?? `user ${by}`}`}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
