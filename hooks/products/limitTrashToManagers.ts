import type { CollectionBeforeOperationHook, Where } from 'payload'

type ReadArgs = { id?: number | string; trash?: boolean; where?: Where; currentDepth?: number }

/**
 * `?trash=true` (REST) and `trash: true` (GraphQL, Local API) show trashed documents only to those
 * who may manage them: the collection's `update` access (for products, their vendor and staff).
 * Anyone else gets the live documents only, and a trashed one by id is not found. Relationship
 * population (nested reads, `currentDepth` set) keeps resolving trashed documents, so an order
 * still shows the product it bought; trusted server code (`overrideAccess`) is left alone.
 */
export const limitTrashToManagers: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  const readArgs = args as ReadArgs
  if (operation !== 'read' && operation !== 'count') return args
  if (!collection.trash || !readArgs.trash || overrideAccess || readArgs.currentDepth) return args
  const managed = await collection.access.update({ req })
  if (managed === true) return args
  const live: Where = { deletedAt: { exists: false } }
  const visible: Where = managed ? { or: [live, managed] } : live
  if (readArgs.id === undefined) {
    readArgs.where = readArgs.where ? { and: [readArgs.where, visible] } : visible
    return args
  }
  const { totalDocs } = await req.payload.count({
    collection: collection.slug,
    where: { and: [{ id: { equals: readArgs.id } }, visible] },
    trash: true,
    req,
  })
  if (totalDocs === 0) readArgs.trash = false
  return args
}
