import type { CollectionConfig } from 'payload'

import { isAdminOrStaff } from '../access/isAdminOrStaff'

export const Categories: CollectionConfig = {
  slug: 'categories',
  admin: { useAsTitle: 'name', group: 'Catalog' },
  access: { read: () => true, create: isAdminOrStaff },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true },
    { name: 'slug', type: 'text', required: true, unique: true, index: true },
    { name: 'description', type: 'textarea' },
    { name: 'parent', type: 'relationship', relationTo: 'categories' },
  ],
}
