import { type FlattenedField, type Payload, QueryError, type Where } from 'payload'

import { conditionValues, type IdSegment, resolveQueryPath } from './queryPaths'
import { isSerialId } from './serialId'

/**
 * What is wrong with a query's `where` and `sort`, checked against the sanitized config: each
 * function answers the first problem as the message a client gets (with a 400), or undefined.
 * Pure (Payload's config is read, never queried); the hooks `refuseInvalidQueries` and
 * `refuseInvalidIdFilters` throw what these answer.
 */

const EQUALITY = ['equals', 'not_equals', 'in', 'not_in', 'exists']
const ORDERED = [...EQUALITY, 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal']
const TEXT = [...EQUALITY, 'like', 'not_like', 'contains']

/**
 * The operators each field type answers, as Payload's admin UI filter offers them
 * (`fieldTypeConditions`); any other pairing reaches Postgres as a failing query (a 500).
 */
const OPERATORS: Record<string, string[]> = {
  id: ORDERED,
  checkbox: ['equals', 'not_equals', 'exists'],
  code: TEXT,
  date: ORDERED,
  email: TEXT,
  json: ['exists'],
  number: ORDERED,
  point: ['equals', 'not_equals', 'exists', 'near', 'within', 'intersects'],
  radio: EQUALITY,
  relationship: EQUALITY,
  richText: ['exists'],
  select: EQUALITY,
  text: TEXT,
  textarea: TEXT,
  upload: EQUALITY,
  array: ['exists'],
  group: ['exists'],
  tab: ['exists'],
}

/** Lists (`all`, and `contains` on a nested query) are for fields holding many values. */
const MANY_OPERATORS = ['all', 'contains']

/** Whether any string in a (nested) value holds a NUL byte, which Postgres text cannot store. */
export const hasNulByte = (value: unknown): boolean => {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(hasNulByte)
  if (value && typeof value === 'object') return Object.entries(value).some(hasNulByte)
  return false
}

/** A hidden field (auth internals: hash, salt, tokens, login attempts) or a virtual one. */
const unqueryable = (field: FlattenedField): boolean =>
  Boolean(('hidden' in field && field.hidden) || ('virtual' in field && field.virtual === true))

const isHasMany = (field: FlattenedField | IdSegment): boolean =>
  'hasMany' in field && Boolean(field.hasMany)

/** What is wrong with one `path: { operator: value }` condition, or undefined. */
const conditionProblem = (
  payload: Payload,
  fields: FlattenedField[],
  path: string,
  condition: unknown,
): string | undefined => {
  if (hasNulByte(path)) return 'A query path cannot contain NUL bytes'
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) {
    return `The condition on "${path}" must be an operator and a value, e.g. where[${path}][equals]=…`
  }
  const resolved = resolveQueryPath(payload, fields, path)
  if (resolved?.fields.some(unqueryable)) return new QueryError([{ path }]).message
  const target = resolved?.target
  for (const [operator, operand] of Object.entries(condition)) {
    if (hasNulByte(operand)) return `The value for "${path}" cannot contain NUL bytes`
    if (!target) continue
    const allowed = OPERATORS[target.type]
    const many = isHasMany(target) && MANY_OPERATORS.includes(operator)
    if (allowed && !allowed.includes(operator) && !many) {
      return `The operator "${operator}" does not apply to "${path}" (a ${target.type} field); use one of: ${allowed.join(', ')}`
    }
    if ((target.type === 'select' || target.type === 'radio') && operator !== 'exists') {
      const options = target.options.map((option) =>
        typeof option === 'string' ? option : option.value,
      )
      const bad = conditionValues(operator, operand).find(
        (value) => value !== null && value !== 'null' && !options.includes(String(value)),
      )
      if (bad !== undefined) {
        return `${JSON.stringify(bad)} is not a valid value for "${path}"; use one of: ${options.join(', ')}`
      }
    }
  }
  return undefined
}

/**
 * The first problem in a `where` (and/or nested): a malformed `where`, a NUL byte in a path or a
 * value, a hidden or virtual field on the path, an operator its field's type does not answer, a
 * value that is not among a select's options.
 */
export const whereProblem = (
  payload: Payload,
  fields: FlattenedField[],
  where: unknown,
): string | undefined => {
  if (!where || typeof where !== 'object' || Array.isArray(where)) {
    return 'where must be an object of conditions, e.g. where[brand][equals]=Acme'
  }
  for (const [key, value] of Object.entries(where as Where)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) return `where[${key}] must be a list of conditions`
      for (const child of value) {
        const problem = whereProblem(payload, fields, child)
        if (problem) return problem
      }
      continue
    }
    const problem = conditionProblem(payload, fields, key, value)
    if (problem) return problem
  }
  return undefined
}

/**
 * The first problem in a `sort` (a path, a comma-separated list, or a list): an item that is no
 * path, a NUL byte, a hidden or virtual field on the path.
 */
export const sortProblem = (
  payload: Payload,
  fields: FlattenedField[],
  sort: unknown,
): string | undefined => {
  const paths = (Array.isArray(sort) ? sort : [sort]).flatMap((item) =>
    typeof item === 'string' ? item.split(',') : [item],
  )
  for (const item of paths) {
    if (typeof item !== 'string') return 'sort must be a field path or a list of them'
    if (hasNulByte(item)) return 'sort cannot contain NUL bytes'
    const path = item.trim().replace(/^-/, '').replace(/__/g, '.')
    const resolved = resolveQueryPath(payload, fields, path)
    if (resolved?.fields.some(unqueryable)) return `"${path}" cannot be used to sort`
  }
  return undefined
}

/** The first problem in a query's `where`, then its `sort` (either may be absent). */
export const queryProblem = (
  payload: Payload,
  fields: FlattenedField[],
  { where, sort }: { where?: unknown; sort?: unknown },
): string | undefined =>
  (where !== undefined && where !== null ? whereProblem(payload, fields, where) : undefined) ??
  (sort !== undefined && sort !== null && sort !== ''
    ? sortProblem(payload, fields, sort)
    : undefined)

/**
 * Whether a `where` path ends at an id: `id`, a relationship or upload, or `<relationship>.id`,
 * through arrays and groups and across single-collection relationships.
 */
export const isIdPath = (payload: Payload, fields: FlattenedField[], path: string): boolean => {
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
      const target = payload.collections[field.relationTo]?.config.flattenedFields
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

/**
 * The first condition of a `where` (and/or nested) that compares an id with something no serial
 * id can be (`where[category][equals]=abc`, `where[id][in]=99999999999`), named; Postgres would
 * fail the whole query on it. Other malformed conditions are left to `whereProblem`.
 */
export const idFilterProblem = (
  payload: Payload,
  fields: FlattenedField[],
  where: Where,
): string | undefined => {
  for (const [key, value] of Object.entries(where)) {
    if (!value || typeof value !== 'object') continue
    if (key === 'and' || key === 'or') {
      for (const child of value as Where[]) {
        const bad = child && idFilterProblem(payload, fields, child)
        if (bad) return bad
      }
      continue
    }
    if (!isIdPath(payload, fields, key)) continue
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
