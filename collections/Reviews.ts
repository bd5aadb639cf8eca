import type { CollectionConfig } from 'payload'

import { fieldLevel, or } from '../access/compose'
import { ownerBy, staffOrOwnerBy, statusIs } from '../access/factories'
import { isAdmin } from '../access/isAdmin'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { isAuthenticated } from '../access/isAuthenticated'
import { nobody } from '../access/nobody'
import { assignReviewAuthor } from '../hooks/reviews/assignReviewAuthor'
import { attachAuthorProfile } from '../hooks/reviews/attachAuthorProfile'
import { deriveVerifiedPurchase } from '../hooks/reviews/deriveVerifiedPurchase'
import { duplicateReviewConflict } from '../hooks/reviews/duplicateReviewConflict'
import { refuseInvalidReviewTarget } from '../hooks/reviews/refuseInvalidReviewTarget'
import { hiddenFromVendors } from '../src/admin/vendor/panelScope'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import {
  lockEachDocumentBeforeChange,
  lockEachDocumentBeforeDelete,
} from '../hooks/shared/lockEachDocumentForWrite'
import { refreshRatingAfterChange } from '../hooks/reviews/refreshRatingAfterChange'
import { refreshRatingAfterDelete } from '../hooks/reviews/refreshRatingAfterDelete'
import { PUBLISHED_REVIEW_STATUS, REVIEW_STATUS_OPTIONS } from '../src/lib/statuses'

/**
 * Product reviews: one per user and product, by signed-in users, of approved products only.
 * Authors edit and delete their own; admin/staff hide (status) or delete any. Every write
 * recomputes the product's ratingAverage/ratingCount in the same transaction.
 */
export const Reviews: CollectionConfig = {
  slug: 'reviews',
  admin: {
    useAsTitle: 'title',
    group: 'Shop',
    defaultColumns: ['title', 'product', 'author', 'rating', 'status', 'verifiedPurchase'],
    listSearchableFields: ['title'],
    hidden: hiddenFromVendors,
  },
  defaultSort: '-createdAt',
  // Everyone reads published reviews, authors also their own hidden ones; admin/staff all.
  access: {
    read: or(isAdminOrStaff, statusIs(PUBLISHED_REVIEW_STATUS), ownerBy('author')),
    create: isAuthenticated,
    update: staffOrOwnerBy('author'),
    delete: staffOrOwnerBy('author'),
  },
  hooks: {
    // Parallel edits and deletes of one review queue on its row (a vanished one is 404), taken
    // after its product's (the lock order; writes by `where` lock each review before writing it).
    beforeOperation: [lockDocumentForWrite],
    beforeChange: [
      lockEachDocumentBeforeChange,
      assignReviewAuthor,
      refuseInvalidReviewTarget,
      deriveVerifiedPurchase,
    ],
    afterChange: [refreshRatingAfterChange],
    beforeDelete: [lockEachDocumentBeforeDelete],
    afterDelete: [refreshRatingAfterDelete],
    afterRead: [attachAuthorProfile],
    afterError: [duplicateReviewConflict],
  },
  // One review per user and product; the create hook answers 409 before this would trip.
  indexes: [{ fields: ['product', 'author'], unique: true }],
  fields: [
    {
      name: 'product',
      type: 'relationship',
      relationTo: 'products',
      required: true,
      index: true,
      access: { update: nobody },
    },
    {
      name: 'author',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      admin: { readOnly: true, description: 'Set from the signed-in user; never changes.' },
      access: { update: nobody },
    },
    {
      name: 'authorProfile',
      type: 'group',
      virtual: true,
      admin: { readOnly: true, description: 'Public profile of the author.' },
      fields: [
        { name: 'username', type: 'text' },
        { name: 'avatarUrl', type: 'text' },
      ],
    },
    {
      name: 'rating',
      type: 'number',
      required: true,
      min: 1,
      max: 5,
      index: true,
      access: { update: fieldLevel(or(isAdmin, ownerBy('author'))) },
      validate: (value: number | null | undefined) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
          ? true
          : 'Rating must be a whole number from 1 to 5',
    },
    {
      name: 'title',
      type: 'text',
      maxLength: 200,
      access: { update: fieldLevel(or(isAdmin, ownerBy('author'))) },
    },
    {
      name: 'body',
      type: 'textarea',
      maxLength: 5000,
      access: { update: fieldLevel(or(isAdmin, ownerBy('author'))) },
    },
    {
      name: 'verifiedPurchase',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'The author has a paid, shipped or delivered order of this product.',
      },
      access: { create: nobody, update: nobody },
    },
    {
      name: 'status',
      type: 'select',
      // Not `required`: that would make GraphQL clients send a status the server ignores or
      // defaults anyway. The default and this validation keep it set.
      validate: (value: unknown) => (value ? true : 'A review needs a status'),
      defaultValue: PUBLISHED_REVIEW_STATUS,
      index: true,
      options: REVIEW_STATUS_OPTIONS,
      admin: { position: 'sidebar' },
      access: { create: isAdminOrStaff, update: isAdminOrStaff },
    },
  ],
  timestamps: true,
}
