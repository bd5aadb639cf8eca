import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Category } from '@/payload-types'
import { relationId } from '../../src/lib/relationId'

const MAX_DEPTH = 100

/** Refuses (400) a parent that is the category itself or one of its descendants. */
export const refuseCategoryCycle: CollectionBeforeChangeHook<Category> = async ({
  data,
  operation,
  originalDoc,
  req,
}) => {
  const parent = relationId(data.parent)
  if (operation !== 'update' || parent === undefined || !originalDoc) return data
  let cursor: number | undefined = parent
  for (let depth = 0; cursor !== undefined && depth < MAX_DEPTH; depth++) {
    if (cursor === originalDoc.id) {
      throw new APIError(
        parent === originalDoc.id
          ? 'A category cannot be its own parent.'
          : 'A category cannot be placed under one of its own subcategories.',
        400,
      )
    }
    const ancestor: Pick<Category, 'parent'> | null = await req.payload.findByID({
      collection: 'categories',
      id: cursor,
      depth: 0,
      select: { parent: true },
      disableErrors: true,
      req,
    })
    cursor = ancestor ? relationId(ancestor.parent) : undefined
  }
  return data
}
