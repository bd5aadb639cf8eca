import type { CollectionConfig } from 'payload'

import { ownerBy } from '../access/factories'
import { nobody } from '../access/nobody'
import { assignCartCustomer } from '../hooks/carts/assignCartCustomer'
import { refuseCartOverStock } from '../hooks/carts/refuseCartOverStock'
import { myCartEndpoints } from '../src/endpoints/carts/myCart'
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from '../src/lib/orderLimits'

/**
 * Signed-in customers' carts, one per user (a unique `customer`), kept on the server so a cart
 * follows its customer across devices; guests keep theirs in the browser. Only its owner reads or
 * changes a cart (not staff either: a cart is not an order). Carts are created by the first change
 * through `PATCH /api/carts/mine` (src/operations/carts.ts), which also merges a guest cart.
 */
export const Carts: CollectionConfig = {
  slug: 'carts',
  admin: { useAsTitle: 'id', group: 'Shop', hidden: true },
  access: {
    read: ownerBy('customer'),
    create: nobody,
    update: ownerBy('customer'),
    delete: ownerBy('customer'),
  },
  hooks: { beforeChange: [assignCartCustomer, refuseCartOverStock] },
  endpoints: myCartEndpoints,
  fields: [
    {
      name: 'customer',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      unique: true,
      index: true,
      access: { update: nobody },
    },
    {
      name: 'items',
      type: 'array',
      maxRows: MAX_ORDER_LINES,
      fields: [
        // Not required: a product deleted for good leaves its lines empty (dropped when read).
        { name: 'product', type: 'relationship', relationTo: 'products' },
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
  ],
  timestamps: true,
}
