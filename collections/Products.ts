import type { CollectionConfig } from 'payload'

export const Products: CollectionConfig = {
  slug: 'products',
  admin: { useAsTitle: 'model', group: 'Catalog' },
  access: { read: () => true },
  fields: [
    { name: 'brand', type: 'text', required: true, index: true },
    { name: 'model', type: 'text', required: true, index: true },
    { name: 'slug', type: 'text', required: true, unique: true, index: true },
    { name: 'description', type: 'richText' },
    { name: 'category', type: 'relationship', relationTo: 'categories', index: true },
    { name: 'price', type: 'number', required: true, min: 0, index: true },
    { name: 'stock', type: 'number', required: true, min: 0, defaultValue: 0 },
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
  ],
}
