import { lexicalEditor } from '@payloadcms/richtext-lexical'
import type { CollectionConfig } from 'payload'

import { canDeleteProducts } from '../access/canDeleteProducts'
import { canUpdateProducts } from '../access/canUpdateProducts'
import { and, or } from '../access/compose'
import { ownerBy } from '../access/factories'
import { isAdmin } from '../access/isAdmin'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { isVendor } from '../access/isVendor'
import { nobody } from '../access/nobody'
import { assignProductOwner } from '../hooks/products/assignProductOwner'
import { deriveProductSlug } from '../hooks/products/deriveProductSlug'
import { limitTrashToManagers } from '../hooks/products/limitTrashToManagers'
import { derivePriceAndAvailability } from '../hooks/products/derivePriceAndAvailability'
import { keepCommittedStock } from '../hooks/products/keepCommittedStock'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import { recordProductModeration } from '../hooks/products/recordProductModeration'
import { refuseRestoreByNonStaff } from '../hooks/products/refuseRestoreByNonStaff'
import { resubmitOnContentEdit } from '../hooks/products/resubmitOnContentEdit'
import { recordModerationEvent } from '../hooks/products/recordModerationEvent'
import {
  approveProductEndpoint,
  rejectProductEndpoint,
  resubmitProductEndpoint,
} from '../src/endpoints/products/moderateProduct'
import { productHistoryEndpoint } from '../src/endpoints/products/productHistory'
import { listedWhere } from '../src/lib/availability'
import { isStaffUser } from '../src/lib/roles'
import { PRODUCT_STATUS_OPTIONS, REJECTED_PRODUCT_STATUS } from '../src/lib/statuses'
import {
  validateDiscount,
  validateMediaKind,
  validatePrice,
  validateRelationExists,
  validateStock,
} from '../src/lib/validators'
import { uploadFieldAdmin } from '../src/admin/media/uploadFieldAdmin'
import { ownedInPanel } from '../src/admin/vendor/panelScope'
import { submittedStatus } from '../src/operations/productModeration'

/** Written by admin/staff only (moderation); nobody else's value is ever stored. */
const moderatedAccess = { create: isAdminOrStaff, update: isAdminOrStaff }
/** Derived on the server (hooks, rating and stock updates); never written through the API. */
const derivedAccess = { create: nobody, update: nobody }
import { productSearchEndpoint } from '../src/endpoints/products/productSearch'

/** An amount's list cell and edit-view preview, as money in the store's currency. */
const moneyComponents = {
  Cell: '/src/admin/money/MoneyCell#MoneyCell',
  afterInput: ['/src/admin/money/MoneyAfterInput#MoneyAfterInput'],
}

/**
 * Products listed by vendors and moderated by staff. Vendors create pending products; admins and
 * staff approve or reject them (`/:id/approve`, `/:id/reject`, or a status change). The whole
 * moderation process is `src/operations/productModeration.ts`. Soft-deleted through the trash so
 * order history keeps resolving.
 */
export const Products: CollectionConfig = {
  slug: 'products',
  labels: { singular: 'Product', plural: 'Products' },
  admin: {
    useAsTitle: 'model',
    group: 'Catalog',
    defaultColumns: [
      'model',
      'images',
      'brand',
      'category',
      'finalPrice',
      'stock',
      'status',
      'owner',
    ],
    listSearchableFields: ['brand', 'model', 'slug'],
    // A vendor's panel lists their own products only (others' approved ones are public anyway).
    baseFilter: ownedInPanel('owner'),
    description:
      'Vendors list products; staff moderate them (approve or reject). Only approved products in stock are available.',
    components: {
      edit: { beforeDocumentControls: ['/src/admin/products/ModerationActions#ModerationActions'] },
    },
  },
  // A product populated into an order line or a review is its card: what a line shows and links
  // to. It keeps those documents small (no description) and their population cheap.
  defaultPopulate: {
    brand: true,
    model: true,
    slug: true,
    price: true,
    discount: true,
    finalPrice: true,
    available: true,
    images: true,
  },
  // Shoppers read listed (approved) products; vendors also their own, in any status.
  access: {
    read: or(isAdminOrStaff, listedWhere, and(isVendor, ownerBy('owner'))),
    create: or(isAdminOrStaff, isVendor),
    update: canUpdateProducts,
    delete: canDeleteProducts,
  },
  trash: true,
  hooks: {
    // Edits and deletes by id queue on the product's row, as orders taking its stock do.
    beforeOperation: [limitTrashToManagers, lockDocumentForWrite],
    beforeValidate: [deriveProductSlug],
    // Order matters: owner, restore, then moderation, then resubmission, then the derived fields.
    beforeChange: [
      assignProductOwner,
      refuseRestoreByNonStaff,
      recordProductModeration,
      resubmitOnContentEdit,
      keepCommittedStock,
      derivePriceAndAvailability,
    ],
    afterChange: [recordModerationEvent],
  },
  // Kept an array: other features add their endpoints (e.g. search) next to these.
  endpoints: [
    productSearchEndpoint,
    productHistoryEndpoint,
    approveProductEndpoint,
    rejectProductEndpoint,
    resubmitProductEndpoint,
  ],
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'brand', type: 'text', required: true, index: true, maxLength: 100 },
        { name: 'model', type: 'text', required: true, index: true, maxLength: 200 },
      ],
    },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      admin: {
        position: 'sidebar',
        description: 'Unique; used in product URLs. Derived from brand and model when empty.',
      },
    },
    {
      name: 'description',
      type: 'richText',
      // Without the upload feature: a file pasted or dropped into the text would go through
      // Payload's bulk-upload drawer, which shows no progress; pictures belong in `images`.
      editor: lexicalEditor({
        features: ({ defaultFeatures }) =>
          defaultFeatures.filter((feature) => feature.key !== 'upload'),
      }),
    },
    {
      name: 'category',
      type: 'relationship',
      relationTo: 'categories',
      index: true,
      validate: validateRelationExists('categories'),
      admin: { position: 'sidebar' },
    },
    {
      type: 'collapsible',
      label: 'Pricing and stock',
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'price',
              type: 'number',
              required: true,
              min: 0,
              index: true,
              validate: validatePrice,
              admin: {
                step: 0.01,
                description: 'At most 2 decimals.',
                components: moneyComponents,
              },
            },
            {
              name: 'discount',
              type: 'number',
              min: 0,
              max: 90,
              defaultValue: 0,
              validate: validateDiscount,
              admin: { step: 1, description: 'Percent, 0–90.' },
            },
            {
              name: 'finalPrice',
              type: 'number',
              index: true,
              access: derivedAccess,
              admin: {
                readOnly: true,
                description: 'price × (1 − discount/100), to the cent.',
                components: moneyComponents,
              },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            {
              name: 'stock',
              type: 'number',
              required: true,
              min: 0,
              defaultValue: 0,
              index: true,
              validate: validateStock,
            },
            {
              name: 'available',
              type: 'checkbox',
              defaultValue: false,
              index: true,
              access: derivedAccess,
              admin: { readOnly: true, description: 'Approved and in stock.' },
            },
          ],
        },
      ],
    },
    {
      type: 'collapsible',
      label: 'Pictures and video',
      fields: [
        {
          name: 'images',
          type: 'upload',
          relationTo: 'media',
          hasMany: true,
          filterOptions: { mimeType: { contains: 'image/' } },
          validate: validateMediaKind('image'),
          admin: uploadFieldAdmin({
            components: { Cell: '/src/admin/products/ThumbnailCell#ThumbnailCell' },
          }),
        },
        {
          name: 'video',
          type: 'upload',
          relationTo: 'media',
          filterOptions: { mimeType: { contains: 'video/' } },
          validate: validateMediaKind('video'),
          admin: uploadFieldAdmin(),
        },
      ],
    },
    {
      name: 'owner',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { create: isAdmin, update: isAdmin },
      validate: validateRelationExists('users'),
      admin: { position: 'sidebar', description: 'The vendor; set from the creator.' },
    },
    {
      name: 'status',
      type: 'select',
      label: 'Moderation status',
      required: true,
      // Admin/staff-created products are approved; everybody else's start pending.
      defaultValue: ({ user }) => submittedStatus(user),
      index: true,
      access: moderatedAccess,
      options: PRODUCT_STATUS_OPTIONS,
      admin: {
        position: 'sidebar',
        description: 'Moderation: changed by admins and staff only; rejecting needs a reason.',
      },
    },
    {
      name: 'rejectionReason',
      type: 'textarea',
      label: 'Rejection reason',
      access: moderatedAccess,
      admin: {
        position: 'sidebar',
        description: 'Required when rejecting; shown to the vendor.',
        condition: (data) =>
          data?.status === REJECTED_PRODUCT_STATUS || Boolean(data?.rejectionReason),
      },
    },
    // Every status change so far, beside the status (src/admin/products/ModerationHistory).
    {
      name: 'moderationHistory',
      type: 'ui',
      admin: {
        position: 'sidebar',
        disableListColumn: true,
        components: { Field: '/src/admin/products/ModerationHistory#ModerationHistory' },
      },
    },
    // The moderation record. Stored (and answered) as `reviewedBy` / `reviewedAt`: clients read
    // those names and renaming the columns would need a migration; only the labels say moderation.
    {
      name: 'reviewedBy',
      type: 'relationship',
      label: 'Moderated by',
      relationTo: 'users',
      index: true,
      access: derivedAccess,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'The admin or staff member who made the last moderation decision',
        // Vendors cannot read staff accounts, so the panel could only show "Untitled - ID: n";
        // the moderation history beside it says "by the store's staff" instead.
        condition: (_data, _siblingData, { user }) => isStaffUser(user),
      },
    },
    {
      name: 'reviewedAt',
      type: 'date',
      label: 'Moderated at',
      access: derivedAccess,
      admin: {
        readOnly: true,
        position: 'sidebar',
        description: 'When the last moderation decision was made',
        date: { pickerAppearance: 'dayAndTime' },
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'ratingAverage',
          type: 'number',
          defaultValue: 0,
          index: true,
          access: derivedAccess,
          admin: { readOnly: true },
        },
        {
          name: 'ratingCount',
          type: 'number',
          defaultValue: 0,
          access: derivedAccess,
          admin: { readOnly: true },
        },
      ],
    },
  ],
}
