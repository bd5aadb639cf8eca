import type { UIFieldServerProps } from 'payload'
import React from 'react'

import type { User } from '@/payload-types'
import { PRODUCT_STATUS_LABELS } from '../../lib/statuses'

const when = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

const who = (by: number | User | null | undefined): string => {
  if (!by) return 'the system'
  // An id left unpopulated is an account the viewer may not read: for a vendor, the staff member
  // who moderated their product.
  return typeof by === 'object' ? by.username : "the store's staff"
}

/**
 * The product's moderation history in the edit view's sidebar, newest first: who moved it, when,
 * from which status to which, and why for a rejection. Read as the signed-in user
 * (`overrideAccess: false`), so it shows exactly what the `product-moderation-events` read access
 * allows them. Products older than the history have the events the backfill migration could
 * rebuild (`backfilledFrom`): the audit log's status changes, or the status they had then.
 */
export const ModerationHistory = async ({ id, req }: UIFieldServerProps) => {
  if (!id) return null
  const { docs, totalDocs } = await req.payload.find({
    collection: 'product-moderation-events',
    where: { product: { equals: id } },
    sort: ['-createdAt', '-id'],
    limit: 20,
    depth: 1,
    overrideAccess: false,
    req,
  })
  return (
    <section
      className="moderation-history"
      aria-labelledby="moderation-history-heading"
      style={{ marginBottom: 'var(--spacing-field, 24px)' }}
    >
      <h3 id="moderation-history-heading" style={{ margin: '0 0 8px', fontSize: '1rem' }}>
        Moderation history
      </h3>
      {docs.length === 0 ? (
        <p>No moderation recorded yet.</p>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
          {docs.map((event) => (
            <li
              key={event.id}
              className="moderation-history__event"
              style={{ borderLeft: '3px solid var(--theme-elevation-150)', paddingLeft: 8 }}
            >
              <strong>
                {event.backfilledFrom === 'product'
                  ? `${PRODUCT_STATUS_LABELS[event.to]} when the history began`
                  : `${event.from ? `${PRODUCT_STATUS_LABELS[event.from]} → ` : 'Created as '}${PRODUCT_STATUS_LABELS[event.to]}`}
              </strong>
              <div>
                {event.backfilledFrom === 'product'
                  ? event.by
                    ? `last decided by ${who(event.by)}, `
                    : 'since '
                  : `by ${who(event.by)}, `}
                <time dateTime={event.createdAt}>{when.format(new Date(event.createdAt))} UTC</time>
              </div>
              {event.reason && <div>Reason: {event.reason}</div>}
              {event.backfilledFrom === 'audit-log' && (
                <div style={{ opacity: 0.75 }}>From the audit log</div>
              )}
            </li>
          ))}
        </ol>
      )}
      {totalDocs > docs.length && <p>{totalDocs - docs.length} earlier entries not shown.</p>}
    </section>
  )
}
