import { type CollectionBeforeValidateHook, type FlattenedField, ValidationError } from 'payload'

import { isSerialId } from '../../src/lib/serialId'

type Problem = { path: string; message: string }

/** The ids a relationship value names: plain ids, `{ relationTo, value }`, populated documents. */
const idsOf = (value: unknown): unknown[] =>
  (Array.isArray(value) ? value : [value]).map((item) => {
    if (!item || typeof item !== 'object') return item
    const inner = 'value' in item ? item.value : item
    return inner && typeof inner === 'object' && 'id' in inner ? inner.id : inner
  })

/** A number or digit string no serial id can be; other shapes are Payload's own validation's. */
const cannotBeAnId = (id: unknown): boolean =>
  (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) && !isSerialId(id)

const problemsIn = (data: unknown, fields: FlattenedField[], prefix: string): Problem[] => {
  if (!data || typeof data !== 'object') return []
  const problems: Problem[] = []
  for (const field of fields) {
    const value = (data as Record<string, unknown>)[field.name]
    if (value === undefined || value === null) continue
    const path = `${prefix}${field.name}`
    if (field.type === 'relationship' || field.type === 'upload') {
      const bad = idsOf(value).find(cannotBeAnId)
      if (bad !== undefined) problems.push({ path, message: `${String(bad)} is not a valid id` })
    } else if (field.type === 'array' && Array.isArray(value)) {
      value.forEach((row, index) =>
        problems.push(...problemsIn(row, field.flattenedFields, `${path}.${index}.`)),
      )
    } else if (field.type === 'group') {
      problems.push(...problemsIn(value, field.flattenedFields, `${path}.`))
    }
  }
  return problems
}

/**
 * Refuses relationship ids no serial column can hold (`{"category": 99999999999}`, a fraction)
 * with a 400 naming the field. Payload accepts any number as an id; Postgres would then fail the
 * whole statement ("out of range for type integer") and the client would get a 500.
 */
export const refuseInvalidRelationIds: CollectionBeforeValidateHook = ({
  collection,
  data,
  req,
}) => {
  const problems = problemsIn(data, collection.flattenedFields, '')
  if (problems.length) {
    throw new ValidationError({ collection: collection.slug, errors: problems }, req.t)
  }
  return data
}
