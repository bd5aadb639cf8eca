import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'

/**
 * Refresh tokens of `POST /api/token` pairs. Only a SHA-256 hash of each token is stored. A
 * `family` is one sign-in: every rotation adds a token to it, and presenting a used token revokes
 * the whole family (reuse detection). Internal: no API access, written by the token operations.
 */
export const RefreshTokens: CollectionConfig = {
  slug: 'refresh-tokens',
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'tokenHash', type: 'text', required: true, unique: true, index: true },
    { name: 'family', type: 'text', required: true, index: true },
    /** The Payload session of the access token issued with this refresh token. */
    { name: 'sid', type: 'text', index: true },
    { name: 'expiresAt', type: 'date', required: true },
    { name: 'usedAt', type: 'date' },
    { name: 'revokedAt', type: 'date' },
  ],
}
