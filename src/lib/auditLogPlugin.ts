import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { recordAuditChange } from '../../hooks/shared/recordAuditChange'
import { recordAuditDelete } from '../../hooks/shared/recordAuditDelete'
import { isAuditedCollection } from './audit'

/** The edit view's sidebar list of the document's audit entries (admins only). */
const auditTrailField: Field = {
  name: 'auditTrail',
  type: 'ui',
  admin: {
    position: 'sidebar',
    components: { Field: '/src/admin/audit/AuditTrail#AuditTrail' },
  },
}

/**
 * The audit hooks run first among the collection's `afterChange` hooks: whatever a later hook
 * throws (an order short of stock, say) rolls the entry back with the change.
 */
const withAuditHooks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [recordAuditChange, ...(collection.hooks?.afterChange ?? [])],
    afterDelete: [recordAuditDelete, ...(collection.hooks?.afterDelete ?? [])],
  },
  fields: [...collection.fields, auditTrailField],
})

/**
 * The audit log (collections/AuditLog.ts) attached to the audited collections (products, orders,
 * categories, users; `src/lib/audit.ts` says what is recorded of each): hooks that write an entry
 * in the transaction of every create, update, trash, restore and delete, and the document's
 * entries in its edit view.
 */
export const auditLogPlugin: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) =>
    isAuditedCollection(collection.slug) ? withAuditHooks(collection) : collection,
  ),
})
