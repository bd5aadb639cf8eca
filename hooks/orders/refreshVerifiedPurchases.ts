import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Order } from '@/payload-types'
import { markCatalogChanged } from '../../src/lib/cache/invalidateCatalog'
import { linesOf } from '../../src/lib/orderLines'
import { relationId } from '../../src/lib/relationId'
import { transactionSql } from '../../src/lib/transactionSql'
import { refreshVerifiedPurchases } from '../../src/lib/verifiedPurchase'

const refresh = async (doc: Order, req: Parameters<CollectionAfterDeleteHook>[0]['req']) => {
  const customer = relationId(doc.customer)
  if (customer === undefined) return
  const products = linesOf(doc.items).map((line) => line.product)
  const changed = await refreshVerifiedPurchases(await transactionSql(req), customer, products)
  // Reviews show the badge: unlike the order's stock, that is content the cache must drop at once.
  if (changed > 0) await markCatalogChanged(req, 'content')
}

/** A status change can make (paid) or unmake (cancelled) the customer's verified purchases. */
export const refreshVerifiedPurchasesAfterChange: CollectionAfterChangeHook<Order> = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (operation === 'update' && previousDoc?.status !== doc.status) await refresh(doc, req)
  return doc
}

/** A deleted order no longer proves a purchase. */
export const refreshVerifiedPurchasesAfterDelete: CollectionAfterDeleteHook<Order> = async ({
  doc,
  req,
}) => {
  await refresh(doc, req)
  return doc
}
