import type { CollectionConfig } from 'payload'

import { ownerBy } from '../access/factories'
import { nobody } from '../access/nobody'

/**
 * Personal API tokens. The secret is shown once at creation; only its SHA-256 hash is stored.
 * Created through `POST /api/users/me/api-tokens` (never through the collection's own create),
 * listed and revoked by their owner. Requests made with a token act with customer/vendor powers
 * only (see src/lib/roles.ts).
 */
export const ApiTokens: CollectionConfig = {
  slug: 'api-tokens',
  admin: { hidden: true, useAsTitle: 'name' },
  // A user sees and revokes only their own API tokens.
  access: { read: ownerBy('user'), create: nobody, update: nobody, delete: ownerBy('user') },
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'name', type: 'text', required: true, maxLength: 100 },
    // Never readable through the API; the strategy looks it up with overrideAccess.
    {
      name: 'tokenHash',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      access: { read: nobody, update: nobody },
      admin: { hidden: true },
    },
    /** The token's first characters, to tell tokens apart in a list. */
    { name: 'preview', type: 'text', required: true },
    { name: 'expiresAt', type: 'date' },
    { name: 'lastUsedAt', type: 'date' },
  ],
}
