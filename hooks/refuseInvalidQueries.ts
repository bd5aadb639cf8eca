import {
  APIError,
  type CollectionBeforeOperationHook,
  type FlattenedField,
  type Payload,
  QueryError,
  type Where,
} from 'payload'

import { conditionValues, type IdSegment, resolveQueryPath } from '../src/lib/queryPaths'

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
const hasNulByte = (value: unknown): boolean => {
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

/** The first problem in a `where` (and/or nested), or undefined. */
const whereProblem = (
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

/** The first problem in a `sort` (a path, a comma-separated list, or a list), or undefined. */
const sortProblem = (
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

/**
 * Validates `where` and `sort` against the sanitized config for every query made for a caller
 * (REST, GraphQL, the admin UI, Local API calls with `overrideAccess: false`), through any
 * relationship path: hidden fields (auth internals) and virtual fields are refused, an operator
 * must apply to its field's type, a select's values must be among its options, and no value may
 * hold a NUL byte. Each answers 400 naming the problem; Payload would otherwise order results by
 * a secret (`sort=owner.salt`) or hand Postgres a query that fails (a 500). Trusted server code
 * (`overrideAccess`) is left alone.
 */
export const refuseInvalidQueries: CollectionBeforeOperationHook = ({
  args,
  collection,
  overrideAccess,
  req,
}) => {
  if (overrideAccess) return args
  const { where, sort } = args as { where?: unknown; sort?: unknown }
  const fields = collection.flattenedFields
  const problem =
    (where !== undefined && where !== null
      ? whereProblem(req.payload, fields, where)
      : undefined) ??
    (sort !== undefined && sort !== null && sort !== ''
      ? sortProblem(req.payload, fields, sort)
      : undefined)
  if (problem) throw new APIError(problem, 400)
  return args
}
