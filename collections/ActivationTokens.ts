import type { CollectionConfig } from 'payload'

import { nobody } from '../access/nobody'

/**
 * Single-use emailed links: account activation (Payload's own verification token never expires)
 * and the confirmation of an email change by the new address. Single-use (deleted when used or
 * replaced), expiring, stored as SHA-256 hashes; `purpose` keeps one kind from being used as the
 * other. `createdAt` of the newest activation link drives the resend cooldown. Internal: no API
 * access.
 */
export const ActivationTokens: CollectionConfig = {
  slug: 'activation-tokens',
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true },
    {
      name: 'purpose',
      type: 'select',
      required: true,
      defaultValue: 'activation',
      options: [
        { label: 'Account activation', value: 'activation' },
        { label: 'Email change', value: 'email-change' },
      ],
    },
    { name: 'tokenHash', type: 'text', required: true, unique: true, index: true },
    // The address an email-change link confirms (the one it was sent to).
    { name: 'email', type: 'text' },
    { name: 'expiresAt', type: 'date', required: true },
  ],
}
