import type { CollectionConfig } from 'payload'

import { assignFirstUserAdmin } from '../hooks/assignFirstUserAdmin'

export const Users: CollectionConfig = {
  slug: 'users',
  admin: {
    useAsTitle: 'username',
    defaultColumns: ['username', 'email', 'roles', 'createdAt'],
    group: 'Accounts',
  },
  auth: true,
  hooks: { beforeChange: [assignFirstUserAdmin] },
  fields: [
    {
      name: 'username',
      type: 'text',
      required: true,
      unique: true,
      index: true,
    },
    { name: 'name', type: 'text' },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['customer'],
      options: [
        { label: 'Admin', value: 'admin' },
        { label: 'Staff', value: 'staff' },
        { label: 'Vendor', value: 'vendor' },
        { label: 'Customer', value: 'customer' },
      ],
    },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
  ],
}
