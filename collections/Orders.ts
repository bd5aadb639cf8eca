import type { CollectionConfig } from 'payload'

import { fieldLevel } from '../access/compose'
import { staffOrOwnerBy } from '../access/factories'
import { isAdminOrStaff } from '../access/isAdminOrStaff'
import { isAuthenticated } from '../access/isAuthenticated'
import { nobody } from '../access/nobody'
import { decryptShippingAddress } from '../hooks/orders/decryptShippingAddress'
import { deriveOrderTitle } from '../hooks/orders/deriveOrderTitle'
import { encryptShippingAddress } from '../hooks/orders/encryptShippingAddress'
import { hideOtherCustomersOrders } from '../hooks/orders/hideOtherCustomersOrders'
import { hiddenFromVendors } from '../src/admin/vendor/panelScope'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import { refuseStaleOrderChange } from '../hooks/orders/refuseStaleOrderChange'
import {
  refreshVerifiedPurchasesAfterChange,
  refreshVerifiedPurchasesAfterDelete,
} from '../hooks/orders/refreshVerifiedPurchases'
import { runOrderChange } from '../hooks/orders/runOrderChange'
import { runOrderDelete } from '../hooks/orders/runOrderDelete'
import { takeOrderStock } from '../hooks/orders/takeOrderStock'
import { vendorLinesEndpoint } from '../src/endpoints/orders/vendorLines'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../src/lib/orderLimits'
import { NEW_ORDER_STATUS, ORDER_STATUS_OPTIONS } from '../src/lib/statuses'

const serverComputed = { readOnly: true, description: 'Computed by the server.' }

/** The orders' admin components (`importMap.baseDir` is the project root). */
const ADMIN = '/src/admin/orders'

/** A read-only amount shown as money in the order's currency (list cell and edit view). */
const moneyAdmin = {
  ...serverComputed,
  components: {
    Cell: '/src/admin/money/MoneyCell#MoneyCell',
    Field: `${ADMIN}/MoneyField#MoneyField`,
  },
}

/**
 * Orders. The server prices every line from the products at order time (integer cents), takes
 * stock atomically (all-or-nothing, 409 naming the product short of stock) and runs the status
 * workflow. Customers see and change only their own orders; admin/staff see all.
 *
 * Who may delete: a customer their own pending or cancelled order (a pending one returns its
 * stock); admin/staff any order (pending/paid ones return stock, shipped/delivered never do).
 */
export const Orders: CollectionConfig = {
  slug: 'orders',
  admin: {
    useAsTitle: 'title',
    group: 'Shop',
    defaultColumns: ['title', 'customer', 'status', 'total', 'createdAt'],
    components: { beforeListTable: [`${ADMIN}/OrderListPresets#OrderListPresets`] },
    // Vendors see the lines of their products in the Fulfilment view (GET /api/orders/vendor-lines).
    hidden: hiddenFromVendors,
  },
  defaultSort: '-createdAt',
  // A Where for customers, so another customer's order is simply not found (404).
  access: {
    read: staffOrOwnerBy('customer'),
    create: isAuthenticated,
    update: staffOrOwnerBy('customer'),
    delete: staffOrOwnerBy('customer'),
  },
  // The order process (placing, changing, deleting) is src/operations/orders.ts; its status
  // table is src/operations/orderTransitions.ts. These hooks only call it at the right moments.
  hooks: {
    // Every change of one order is serialised on its row lock, taken before Payload reads it.
    beforeOperation: [hideOtherCustomersOrders, lockDocumentForWrite],
    beforeChange: [refuseStaleOrderChange, runOrderChange, encryptShippingAddress],
    // takeOrderStock last: the product rows it locks stay locked until the commit.
    afterChange: [refreshVerifiedPurchasesAfterChange, deriveOrderTitle, takeOrderStock],
    beforeDelete: [runOrderDelete],
    afterDelete: [refreshVerifiedPurchasesAfterDelete],
  },
  endpoints: [vendorLinesEndpoint],
  fields: [
    {
      // Payload's useAsTitle needs a field: `#123 · carol · €1,877.15`, see deriveOrderTitle.
      name: 'title',
      type: 'text',
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, position: 'sidebar', description: 'Derived by the server.' },
    },
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      index: true,
      admin: {
        position: 'sidebar',
        description: 'The signed-in user; admin/staff may place an order for a customer.',
      },
    },
    {
      name: 'status',
      type: 'select',
      // Not `required`: that would make GraphQL clients send a status the server ignores or
      // defaults anyway. The default and this validation keep it set.
      validate: (value: unknown) => (value ? true : 'An order needs a status'),
      defaultValue: NEW_ORDER_STATUS,
      index: true,
      options: ORDER_STATUS_OPTIONS,
      // The API still takes a status (the order process checks every move); the edit view shows
      // it with the moves the signed-in user may make as buttons, which PATCH it through REST.
      admin: {
        position: 'sidebar',
        components: { Field: `${ADMIN}/OrderStatusField#OrderStatusField` },
      },
    },
    {
      // Written by the order process with each status change (src/operations/orders.ts), in
      // the same transaction; never by a client.
      name: 'statusHistory',
      label: 'Status timeline',
      type: 'array',
      access: { create: nobody, update: nobody },
      admin: {
        readOnly: true,
        position: 'sidebar',
        components: { Field: `${ADMIN}/OrderTimeline#OrderTimeline` },
      },
      fields: [
        { name: 'at', type: 'date', required: true },
        // Who moved it: staff only see who (a customer reads when and what); none for the system.
        {
          name: 'by',
          type: 'relationship',
          relationTo: 'users',
          access: { read: fieldLevel(isAdminOrStaff) },
        },
        { name: 'from', type: 'select', options: ORDER_STATUS_OPTIONS },
        { name: 'to', type: 'select', options: ORDER_STATUS_OPTIONS, required: true },
      ],
    },
    {
      name: 'items',
      type: 'array',
      required: true,
      minRows: 1,
      maxRows: MAX_ORDER_LINES,
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'product',
              type: 'relationship',
              relationTo: 'products',
              required: true,
              index: true,
            },
            {
              name: 'quantity',
              type: 'number',
              required: true,
              min: 1,
              max: MAX_LINE_QUANTITY,
              admin: { step: 1 },
            },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'unitPrice', type: 'number', admin: moneyAdmin },
            {
              name: 'discount',
              type: 'number',
              admin: { ...serverComputed, description: 'Percent, at order time.' },
            },
            { name: 'lineTotal', type: 'number', admin: moneyAdmin },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'total', type: 'number', index: true, admin: moneyAdmin },
        { name: 'currency', type: 'text', admin: serverComputed },
      ],
    },
    {
      name: 'shippingAddress',
      type: 'group',
      virtual: true,
      admin: {
        // Virtual fields are read-only in the admin UI unless told otherwise: staff edit it.
        readOnly: false,
        description: 'Stored encrypted (AES-256-GCM); shown decrypted to those who may read it.',
      },
      fields: [
        { name: 'name', type: 'text' },
        {
          name: 'lines',
          type: 'textarea',
          admin: { description: 'Street and number, one per line.' },
        },
        {
          type: 'row',
          fields: [
            { name: 'city', type: 'text' },
            { name: 'postcode', type: 'text' },
            { name: 'country', type: 'text' },
          ],
        },
        { name: 'phone', type: 'text' },
      ],
    },
    {
      name: 'shippingAddressEncrypted',
      type: 'text',
      admin: { hidden: true },
      // Never written by clients nor returned to them; the hook decrypts it into shippingAddress.
      access: { read: nobody, create: nobody, update: nobody },
      hooks: { afterRead: [decryptShippingAddress] },
    },
    { name: 'notes', type: 'textarea', maxLength: 2000 },
  ],
  timestamps: true,
}
