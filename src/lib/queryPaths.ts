import type { FlattenedField, Payload } from 'payload'

/** The document id, which every collection has and no field list names. */
export type IdSegment = { type: 'id' }

/** A `where` or `sort` path resolved against the sanitized config, segment by segment. */
export type ResolvedPath = {
  /** The fields the path passes through, in order (relationships and containers included). */
  fields: FlattenedField[]
  /** What the path ends at; undefined when it leaves what this resolver follows (see below). */
  target: FlattenedField | IdSegment | undefined
}

const CONTAINERS = new Set(['array', 'group', 'tab'])

/**
 * Resolves a dotted `where`/`sort` path (`owner.salt`, `category.parent.id`, `items.product`):
 * through groups, named tabs and arrays, and across single-collection relationships into the
 * related collection's fields. Returns undefined for a path naming no field (Payload answers
 * those itself); `target` is undefined past a polymorphic relationship, a join or blocks, whose
 * sub-paths this resolver does not follow.
 */
export const resolveQueryPath = (
  payload: Payload,
  fields: FlattenedField[],
  path: string,
): ResolvedPath | undefined => {
  const passed: FlattenedField[] = []
  let current = fields
  const segments = path.split('.')
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1
    if (segment === 'id') return last ? { fields: passed, target: { type: 'id' } } : undefined
    const field = current.find((candidate) => candidate.name === segment)
    if (!field) return undefined
    passed.push(field)
    if (last) return { fields: passed, target: field }
    if (field.type === 'relationship' || field.type === 'upload') {
      if (typeof field.relationTo !== 'string') return { fields: passed, target: undefined }
      const related = payload.collections[field.relationTo]?.config.flattenedFields
      if (!related) return undefined
      current = related
    } else if (CONTAINERS.has(field.type) && 'flattenedFields' in field) {
      current = field.flattenedFields
    } else {
      return { fields: passed, target: undefined }
    }
  }
  return undefined
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])

/**
 * The values a `where` condition compares with: a list, a comma-separated list (as REST sends
 * `in`, `not_in` and `all`), or a single value.
 */
export const conditionValues = (operator: string, operand: unknown): unknown[] => {
  const list = Array.isArray(operand) ? operand : [operand]
  return list.flatMap((value) =>
    typeof value === 'string' && LIST_OPERATORS.has(operator) ? value.split(',') : [value],
  )
}
