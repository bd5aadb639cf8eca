import type { UIFieldServerProps } from 'payload'

import { AUDIT_LOG_SLUG, isAuditedCollection } from '../../lib/audit'
import { isAdminUser } from '../../lib/roles'

const SHOWN = 10

const formatValue = (value: unknown): string =>
  value === null || value === undefined
    ? '—'
    : Array.isArray(value)
      ? value.join(', ')
      : String(value)

/**
 * The document's audit entries, newest first, in the edit view's sidebar: for admins only (the
 * audit log's own read access is checked again by the query). Nothing for a new document.
 */
export const AuditTrail = async ({ collectionSlug, id, req }: UIFieldServerProps) => {
  if (!id || !isAdminUser(req.user) || !isAuditedCollection(collectionSlug)) return null
  const { docs, totalDocs } = await req.payload.find({
    collection: AUDIT_LOG_SLUG,
    where: {
      and: [{ targetCollection: { equals: collectionSlug } }, { documentId: { equals: id } }],
    },
    sort: '-createdAt',
    limit: SHOWN,
    depth: 0,
    overrideAccess: false,
    user: req.user,
  })
  const listUrl = `${req.payload.config.routes.admin}/collections/${AUDIT_LOG_SLUG}?where[targetCollection][equals]=${collectionSlug}&where[documentId][equals]=${id}`
  return (
    <section
      aria-labelledby="audit-trail-heading"
      style={{ margin: 'calc(var(--base) * 1.5) 0 var(--base)' }}
    >
      <h3 id="audit-trail-heading" style={{ margin: '0 0 calc(var(--base) / 2)' }}>
        Audit log
      </h3>
      {docs.length === 0 ? (
        <p>No recorded changes.</p>
      ) : (
        <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {docs.map((entry) => {
            const changes = (entry.changes ?? {}) as Record<
              string,
              { before?: unknown; after?: unknown }
            >
            return (
              <li
                key={entry.id}
                style={{
                  borderTop: '1px solid var(--theme-elevation-150)',
                  padding: 'calc(var(--base) / 3) 0',
                }}
              >
                <div>
                  <strong>{entry.operation}</strong> by {entry.actorName ?? 'the system'}
                  {entry.actorRoles ? ` (${entry.actorRoles}, ${entry.actorStrategy})` : ''}
                </div>
                <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>
                {entry.changedFields ? (
                  <ul style={{ margin: '4px 0 0', paddingLeft: 'var(--base)' }}>
                    {entry.changedFields.split(', ').map((field) => (
                      <li key={field}>
                        {field}
                        {changes[field]
                          ? `: ${formatValue(changes[field].before)} → ${formatValue(changes[field].after)}`
                          : ''}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            )
          })}
        </ol>
      )}
      {totalDocs > SHOWN ? <a href={listUrl}>All {totalDocs} entries</a> : null}
    </section>
  )
}
