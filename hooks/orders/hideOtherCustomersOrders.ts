import { type CollectionBeforeOperationHook, NotFound } from 'payload'

import { orderActor } from '../../src/operations/orderTransitions'

/**
 * To a customer, another customer's order does not exist: updating or deleting it by id answers
 * 404 like reading it does (Payload's own answer for a document outside the access Where on
 * update/delete is 403, which would confirm the id exists).
 */
export const hideOtherCustomersOrders: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'update' && operation !== 'delete') return args
  const id = (args as { id?: number | string }).id
  if (id === undefined || (args as { overrideAccess?: boolean }).overrideAccess === true) {
    return args
  }
  if (!req.user || orderActor(req.user) === 'staff') return args
  if (!/^\d+$/.test(String(id))) throw new NotFound(req.t)
  const { totalDocs } = await req.payload.count({
    collection: 'orders',
    where: { and: [{ id: { equals: id } }, { customer: { equals: req.user.id } }] },
    overrideAccess: true,
    req,
  })
  if (totalDocs === 0) throw new NotFound(req.t)
  return args
}
