import {
  APIError,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type PayloadRequest,
  type Where,
} from 'payload'

import { conditionValues } from '../src/lib/queryPaths'
import { isSerialId } from '../src/lib/serialId'

/** Whether a `where` path ends at an id: `id`, a relationship, or `<relationship>.id`, nested. */
const isIdPath = (req: PayloadRequest, fields: FlattenedField[], path: string): boolean => {
  const segments = path.split('.')
  let current = fields
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1
    if (segment === 'id') return last
    const field = current.find((candidate) => candidate.name === segment)
    if (!field) return false
    if (field.type === 'relationship' || field.type === 'upload') {
      if (last) return true
      if (typeof field.relationTo !== 'string') return false
      const target = req.payload.collections[field.relationTo]?.config.flattenedFields
      if (!target) return false
      current = target
    } else if ((field.type === 'array' || field.type === 'group') && !last) {
      current = field.flattenedFields
    } else {
      return false
    }
  }
  return false
}

const badIdIn = (
  req: PayloadRequest,
  fields: FlattenedField[],
  where: Where,
): string | undefined => {
  for (const [key, value] of Object.entries(where)) {
    if (!value || typeof value !== 'object') continue
    if (key === 'and' || key === 'or') {
      for (const child of value as Where[]) {
        const bad = child && badIdIn(req, fields, child)
        if (bad) return bad
      }
      continue
    }
    if (!isIdPath(req, fields, key)) continue
    for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
      if (operator === 'exists') continue
      // Only numbers and strings stand for ids; `null` (also as the string REST sends) is no id.
      const bad = conditionValues(operator, operand).find(
        (item) =>
          (typeof item === 'number' || typeof item === 'string') &&
          item !== '' &&
          item !== 'null' &&
          !isSerialId(item),
      )
      if (bad !== undefined) return `${String(bad)} is not a valid id for "${key}"`
    }
  }
  return undefined
}

/**
 * Refuses `where` conditions that compare an id (a document's, or a relationship's) with
 * something no serial id can be (`where[category][equals]=abc`, `where[id][in]=99999999999`):
 * 400 saying which. Payload hands such values to Postgres, which fails the whole query and the
 * client would get a 500.
 */
export const refuseInvalidIdFilters: CollectionBeforeOperationHook = ({
  args,
  collection,
  req,
}) => {
  const where = (args as { where?: Where }).where
  if (!where || typeof where !== 'object') return args
  const bad = badIdIn(req, collection.flattenedFields, where)
  if (bad) throw new APIError(bad, 400)
  return args
}
