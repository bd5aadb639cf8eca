import type { CollectionConfig } from 'payload'

import { productSearchEndpoint } from '../src/endpoints/productSearch'

/**
 * Field set agreed across issues. Access rules, hooks (finalPrice/available derivation, approval
 * workflow) and endpoints are added by the Domain work.
 */
export const Products: CollectionConfig = {
  slug: 'products',
  admin: {
    useAsTitle: 'model',
    group: 'Catalog',
    defaultColumns: ['model', 'brand', 'finalPrice', 'stock', 'status', 'owner'],
  },
  access: { read: () => true },
  trash: true,
  endpoints: [productSearchEndpoint],
  fields: [
    { name: 'brand', type: 'text', required: true, index: true },
    { name: 'model', type: 'text', required: true, index: true },
    { name: 'slug', type: 'text', required: true, unique: true, index: true },
    { name: 'description', type: 'richText' },
    { name: 'category', type: 'relationship', relationTo: 'categories', index: true },
    { name: 'price', type: 'number', required: true, min: 0, index: true },
    { name: 'discount', type: 'number', min: 0, max: 90, defaultValue: 0 },
    { name: 'finalPrice', type: 'number', index: true, admin: { readOnly: true } },
    { name: 'stock', type: 'number', required: true, min: 0, defaultValue: 0 },
    {
      name: 'available',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'images', type: 'upload', relationTo: 'media', hasMany: true },
    { name: 'video', type: 'upload', relationTo: 'media' },
    { name: 'owner', type: 'relationship', relationTo: 'users', index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: [
        { label: 'Pending', value: 'pending' },
        { label: 'Approved', value: 'approved' },
        { label: 'Rejected', value: 'rejected' },
      ],
    },
    { name: 'reviewedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'reviewedAt', type: 'date', admin: { readOnly: true } },
    { name: 'rejectionReason', type: 'textarea', admin: { readOnly: true } },
    {
      name: 'ratingAverage',
      type: 'number',
      defaultValue: 0,
      index: true,
      admin: { readOnly: true },
    },
    { name: 'ratingCount', type: 'number', defaultValue: 0, admin: { readOnly: true } },
  ],
}
