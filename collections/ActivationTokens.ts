import type { CollectionConfig } from 'payload'

const nobody = () => false

/**
 * Account activation links. Payload's own verification token never expires, so activation uses
 * these instead: single-use (deleted when used or replaced), expiring, stored as SHA-256 hashes.
 * `createdAt` of the newest one drives the resend cooldown. Internal: no API access.
 */
export const ActivationTokens: CollectionConfig = {
  slug: 'activation-tokens',
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'tokenHash', type: 'text', required: true, unique: true, index: true },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
