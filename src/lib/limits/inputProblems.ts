import type { FlattenedField } from 'payload'

/** One thing wrong with a request's data, at a field path (`items.0.quantity`). */
export type InputProblem = { path: string; message: string }

/** How deep data may nest (rich text trees are about 10 levels); deeper is refused, not walked. */
export const MAX_NESTING = 64

export const NUL_MESSAGE = 'Text cannot contain the NUL character (\\u0000).'

const describe = (value: unknown): string => {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'null'
  if (typeof value === 'string') return `the text ${JSON.stringify(value.slice(0, 40))}`
  if (typeof value === 'object') return 'an object'
  return `${typeof value} ${String(value)}`
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)

/**
 * The first string holding a NUL character anywhere in `value` (object keys included), or the
 * first place it nests deeper than `MAX_NESTING`, as a problem; undefined when there is none.
 * Postgres refuses `\u0000` in text and jsonb, which would fail the whole statement (a 500).
 * Iterative, so no input can exhaust the stack.
 */
export const findNul = (value: unknown): InputProblem | undefined => {
  const pending: Array<[unknown, string, number]> = [[value, '', 0]]
  while (pending.length) {
    const [item, path, depth] = pending.pop()!
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return { path, message: NUL_MESSAGE }
      continue
    }
    if (typeof item !== 'object' || item === null || item instanceof Date) continue
    if (ArrayBuffer.isView(item)) continue // file bytes, not text
    if (depth >= MAX_NESTING) return { path, message: `Nested deeper than ${MAX_NESTING} levels.` }
    for (const [key, child] of Object.entries(item)) {
      const childPath = path ? `${path}.${key}` : key
      if (key.includes('\u0000')) return { path: childPath, message: NUL_MESSAGE }
      pending.push([child, childPath, depth + 1])
    }
  }
  return undefined
}

/**
 * Why `value` cannot name a document (a plain id, `{ relationTo, value }`, or a populated
 * document), or undefined. Whether a numeric id fits a serial is refuseInvalidRelationIds' check.
 */
const idProblem = (value: unknown): string | undefined => {
  const named = isPlainObject(value) ? ('value' in value ? value.value : value.id) : value
  const id = isPlainObject(named) ? named.id : named
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return undefined
  return `Must be an id, not ${describe(id)}.`
}

/**
 * A Lexical document's shape: `{ root }` where every node is an object and every `children` is a
 * list of nodes with a `type`. Lexical's own hooks assume it and throw (a 500) otherwise.
 */
const isRichTextDocument = (value: unknown): boolean => {
  if (!isPlainObject(value) || !isPlainObject(value.root)) return false
  const pending: Record<string, unknown>[] = [value.root]
  while (pending.length) {
    const { children } = pending.pop()!
    if (children === undefined) continue
    if (!Array.isArray(children)) return false
    for (const child of children) {
      if (!isPlainObject(child) || typeof child.type !== 'string') return false
      pending.push(child)
    }
  }
  return true
}

/** A decimal number as text: `5`, `-2`, `12.50` (no units, inner spaces or exponents). */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/

/**
 * A finite number, or text that is a plain decimal number (form posts send numbers as text).
 * Payload reads number text with `parseFloat`, which would take "5abc" as 5 and "1e1" as 10.
 */
const isNumeric = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && (value.trim() === '' || NUMERIC_TEXT.test(value.trim())))

/** Why one (non-list) value does not fit `field`'s type, or undefined when it does. */
const scalarProblem = (field: FlattenedField, value: unknown): string | undefined => {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      return typeof value === 'string' ? undefined : `Must be text, not ${describe(value)}.`
    case 'date':
      return (typeof value === 'string' && !Number.isNaN(Date.parse(value))) ||
        (value instanceof Date && !Number.isNaN(value.getTime()))
        ? undefined
        : `Must be a date, not ${describe(value)}.`
    case 'number':
      return isNumeric(value) ? undefined : `Must be a finite number, not ${describe(value)}.`
    case 'checkbox':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
        ? undefined
        : `Must be true or false, not ${describe(value)}.`
    case 'relationship':
    case 'upload':
      return idProblem(value)
    case 'richText':
      return isRichTextDocument(value)
        ? undefined
        : `Must be a rich text document, not ${describe(value)}.`
    case 'point':
      return Array.isArray(value) && value.length === 2 && value.every(isNumeric)
        ? undefined
        : `Must be a [longitude, latitude] pair, not ${describe(value)}.`
    default:
      return undefined
  }
}

const takesList = (field: FlattenedField): boolean =>
  field.type === 'array' ||
  field.type === 'blocks' ||
  ('hasMany' in field && field.hasMany === true)

/** Type problems of `data` against `fields` (nested groups, tabs, arrays and blocks included). */
const fieldProblems = (
  data: Record<string, unknown>,
  fields: FlattenedField[],
  prefix: string,
): InputProblem[] => {
  const problems: InputProblem[] = []
  for (const field of fields) {
    if (field.type === 'join') continue
    const value = data[field.name]
    if (value === undefined || value === null) continue
    const path = `${prefix}${field.name}`
    if (field.type === 'group' || field.type === 'tab') {
      if (!isPlainObject(value))
        problems.push({ path, message: `Must be an object, not ${describe(value)}.` })
      else problems.push(...fieldProblems(value, field.flattenedFields, `${path}.`))
      continue
    }
    // Payload accepts a single id for a hasMany relationship and wraps it itself.
    const relation = field.type === 'relationship' || field.type === 'upload'
    if (!takesList(field) || (relation && !Array.isArray(value))) {
      const problem = scalarProblem(field, value)
      if (problem) problems.push({ path, message: problem })
      continue
    }
    if (!Array.isArray(value)) {
      problems.push({ path, message: `Must be a list, not ${describe(value)}.` })
      continue
    }
    const rows = value as unknown[]
    const maxRows = 'maxRows' in field ? field.maxRows : undefined
    if (typeof maxRows === 'number' && rows.length > maxRows) {
      // Refused before any row is looked at: a long list is what makes a request slow.
      problems.push({ path, message: `At most ${maxRows} rows, not ${rows.length}.` })
      continue
    }
    rows.forEach((row, index) => {
      const rowPath = `${path}.${index}`
      if (field.type === 'array' || field.type === 'blocks') {
        if (!isPlainObject(row)) {
          problems.push({ path: rowPath, message: `Must be an object, not ${describe(row)}.` })
        } else if (field.type === 'array') {
          problems.push(...fieldProblems(row, field.flattenedFields, `${rowPath}.`))
        } else if (typeof row.blockType !== 'string') {
          problems.push({ path: `${rowPath}.blockType`, message: 'Every block needs a blockType.' })
        }
        return
      }
      const problem = scalarProblem(field, row)
      if (problem) problems.push({ path: rowPath, message: problem })
    })
  }
  return problems
}

/**
 * What is wrong with a write's `data` before any hook or query sees it: not an object, a value of
 * the wrong type for its field, a list longer than its field's `maxRows`, a NUL character in any
 * text, data nested deeper than `MAX_NESTING`. `strings` names keys that must be text when given
 * (e.g. an auth collection's `password`, which is no field).
 */
export const inputProblems = (
  data: unknown,
  fields: FlattenedField[],
  strings: string[] = [],
): InputProblem[] => {
  if (!isPlainObject(data)) {
    return [{ path: '', message: `The data must be an object, not ${describe(data)}.` }]
  }
  const nul = findNul(data)
  if (nul) return [nul]
  const problems = fieldProblems(data, fields, '')
  for (const key of strings) {
    const value = data[key]
    if (value !== undefined && value !== null && typeof value !== 'string') {
      problems.push({ path: key, message: `Must be text, not ${describe(value)}.` })
    }
  }
  return problems
}
