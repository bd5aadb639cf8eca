import type { CollectionConfig } from 'payload'

import { or } from '../access/compose'
import { ownerBy } from '../access/factories'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { nobody } from '../access/nobody'
import { PRODUCT_STATUS_OPTIONS } from '../src/lib/statuses'

/**
 * The moderation history of each product, append-only: one row per status change (submission,
 * approval, rejection, resubmission), written by `recordModerationEvent` in the same transaction
 * as the change. Staff read every row; a vendor the rows of their own products. Nobody writes
 * through the API. Shown in the product's edit view (`src/admin/products/ModerationHistory`).
 */
export const ProductModerationEvents: CollectionConfig = {
  slug: 'product-moderation-events',
  labels: { singular: 'Moderation event', plural: 'Moderation events' },
  admin: {
    hidden: true,
    defaultColumns: ['product', 'from', 'to', 'by', 'createdAt'],
  },
  access: {
    read: or(isAdminOrStaff, ownerBy('product.owner')),
    create: nobody,
    update: nobody,
    delete: nobody,
  },
  fields: [
    {
      name: 'product',
      type: 'relationship',
      relationTo: 'products',
      index: true,
      // Not required: a product deleted for good (from the trash) keeps its history, unlinked.
    },
    {
      name: 'from',
      type: 'select',
      options: PRODUCT_STATUS_OPTIONS,
      admin: { description: 'Empty when the product was created.' },
    },
    { name: 'to', type: 'select', required: true, options: PRODUCT_STATUS_OPTIONS },
    {
      name: 'by',
      type: 'relationship',
      relationTo: 'users',
      admin: { description: 'Empty for server code (the seed, scripts).' },
    },
    { name: 'reason', type: 'textarea', admin: { description: 'Why it was rejected.' } },
    {
      // Empty for events recorded with their change. The backfill migration
      // (20261204_180000_moderation_history_backfill) wrote the others for products older than
      // the history: `audit-log` for a status change the audit log had recorded (who and when
      // are the log's), `product` for the status a product had when the history began.
      name: 'backfilledFrom',
      type: 'select',
      options: [
        { label: 'The audit log', value: 'audit-log' },
        { label: "The product's last decision", value: 'product' },
      ],
      admin: { readOnly: true },
    },
  ],
}
