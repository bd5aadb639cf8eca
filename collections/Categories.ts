import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { hiddenFromVendors } from '../src/admin/vendor/panelScope'
import { deriveCategorySlug } from '../hooks/categories/deriveCategorySlug'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import { refuseCategoryCycle } from '../hooks/categories/refuseCategoryCycle'
import { refuseDeletingUsedCategory } from '../hooks/categories/refuseDeletingUsedCategory'
import { SLUG_PATTERN } from '../src/lib/slugify'
import { validateRelationExists } from '../src/lib/validators'

/**
 * The catalog's category tree. Everyone reads; admins and staff write. A category that still has
 * products or subcategories cannot be deleted (409).
 */
export const Categories: CollectionConfig = {
  slug: 'categories',
  labels: { singular: 'Category', plural: 'Categories' },
  admin: {
    useAsTitle: 'name',
    group: 'Catalog',
    defaultColumns: ['name', 'slug', 'parent', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    description: 'Product categories, as a tree. Delete only empty categories.',
    // Vendors read categories (to pick one for a product) but never edit them.
    hidden: hiddenFromVendors,
  },
  access: {
    read: anyone,
    create: isAdminOrStaff,
    update: isAdminOrStaff,
    delete: isAdminOrStaff,
  },
  hooks: {
    beforeOperation: [lockDocumentForWrite],
    beforeValidate: [deriveCategorySlug],
    beforeChange: [refuseCategoryCycle],
    beforeDelete: [refuseDeletingUsedCategory],
  },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 100 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: (value: unknown) =>
        typeof value === 'string' && SLUG_PATTERN.test(value)
          ? true
          : 'A slug is lower-case letters and digits separated by hyphens.',
      admin: {
        position: 'sidebar',
        description: 'Derived from the name when left empty.',
      },
    },
    { name: 'description', type: 'textarea' },
    {
      name: 'parent',
      type: 'relationship',
      relationTo: 'categories',
      index: true,
      validate: validateRelationExists('categories'),
      admin: { position: 'sidebar', description: 'Leave empty for a top-level category.' },
    },
  ],
}
