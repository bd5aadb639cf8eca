import type { CollectionBeforeChangeHook } from 'payload'

import type { Product } from '@/payload-types'
import { lockStockForEdit } from '../../src/lib/productStock'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * Orders change a product's stock in SQL while staff edit it; an edit that does not change the
 * stock must not write back the stock Payload read before those orders committed (that undid
 * them: stock appeared from nowhere). Locks the product row (orders queue behind it until this
 * edit commits) and, unless the client sets a different stock, keeps the stock as committed. A
 * stock equal to the one Payload read counts as unchanged: forms send back every field.
 */
export const keepCommittedStock: CollectionBeforeChangeHook<Product> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc) return data
  const committed = await lockStockForEdit(await transactionSql(req), originalDoc.id)
  if (committed !== undefined && (data.stock === undefined || data.stock === originalDoc.stock)) {
    data.stock = committed
  }
  return data
}
