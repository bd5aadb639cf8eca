import type { CollectionConfig, Field, Plugin } from 'payload'

import { nobody } from '../../access/nobody'

// In the order Payload adds them, so generated types and schema stay as they were.
const TIMESTAMPS = ['updatedAt', 'createdAt'] as const

/**
 * The field Payload itself adds for a timestamp (same type, index and admin settings, so the
 * schema is unchanged), with no API write access: only trusted server code sets it.
 */
const serverTimestamp = (name: (typeof TIMESTAMPS)[number]): Field => ({
  name,
  type: 'date',
  index: true,
  access: { create: nobody, update: nobody },
  admin: { disableBulkEdit: true, hidden: true },
  label: ({ t }) => t(name === 'createdAt' ? 'general:createdAt' : 'general:updatedAt'),
})

const withServerTimestamps = (collection: CollectionConfig): CollectionConfig => {
  if (collection.timestamps === false) return collection
  const declared = new Set(
    collection.fields.flatMap((field) => ('name' in field ? [field.name] : [])),
  )
  const missing = TIMESTAMPS.filter((name) => !declared.has(name))
  return { ...collection, fields: [...collection.fields, ...missing.map(serverTimestamp)] }
}

/**
 * `createdAt` and `updatedAt` are the server's: no caller acting through the API (any role,
 * admins included) sets them, so a review dated 2099 cannot stay first. Seeds and scripts using
 * the Local API with access overridden still may (imports keep their dates).
 */
export const serverTimestamps: Plugin = (config) => ({
  ...config,
  collections: (config.collections ?? []).map(withServerTimestamps),
})
