import { sql } from '@payloadcms/db-postgres'
import type { FlattenedField, Where } from 'payload'

type SQL = ReturnType<typeof sql>

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

type Column = {
  sql: SQL
  kind: 'text' | 'number' | 'boolean' | 'date' | 'option'
  /** A select's option values: compared to the enum column as they are, anything else never matches. */
  options?: string[]
}

/** The SQL column behind a top-level field path (`status`, `owner`, `owner.id`, `finalPrice`). */
const columnFor = (fields: FlattenedField[], alias: string, path: string): Column => {
  const name = path.endsWith('.id') ? path.slice(0, -3) : path
  if (name === 'id') return { sql: sql.raw(`${alias}."id"`), kind: 'number' }
  const field = fields.find((candidate) => candidate.name === name)
  if (!field) throw new Error(`whereToSql: unknown field "${path}"`)
  switch (field.type) {
    case 'relationship':
    case 'upload':
      if (field.hasMany || typeof field.relationTo !== 'string') break
      return { sql: sql.raw(`${alias}."${snake(name)}_id"`), kind: 'number' }
    case 'text':
    case 'email':
    case 'textarea':
      return { sql: sql.raw(`${alias}."${snake(name)}"`), kind: 'text' }
    case 'select':
    case 'radio':
      if ('hasMany' in field && field.hasMany) break
      // The bare enum column (a cast to text would hide it from its indexes and statistics).
      return {
        sql: sql.raw(`${alias}."${snake(name)}"`),
        kind: 'option',
        options: field.options.map((option) =>
          typeof option === 'string' ? option : option.value,
        ),
      }
    case 'number':
      if (field.hasMany) break
      return { sql: sql.raw(`${alias}."${snake(name)}"`), kind: 'number' }
    case 'checkbox':
      return { sql: sql.raw(`${alias}."${snake(name)}"`), kind: 'boolean' }
    case 'date':
      return { sql: sql.raw(`${alias}."${snake(name)}"`), kind: 'date' }
  }
  throw new Error(`whereToSql: field "${path}" (${field.type}) is not supported`)
}

const idOf = (value: unknown): unknown =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value

const castValue = (column: Column, value: unknown): SQL => {
  const plain = idOf(value)
  switch (column.kind) {
    case 'number':
      return sql`${Number(plain)}::numeric`
    case 'boolean':
      return sql`${plain === true || plain === 'true'}::boolean`
    case 'date':
      return sql`${String(plain)}::timestamptz`
    case 'option':
      // An untyped parameter: Postgres reads it as the column's enum.
      return sql`${String(plain)}`
    default:
      return sql`${String(plain)}::text`
  }
}

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]

/** A value a select column can hold; others would be a Postgres error on the enum. */
const isOption = (column: Column, value: unknown): boolean =>
  column.kind !== 'option' || column.options!.includes(String(idOf(value)))

const condition = (column: Column, operator: string, value: unknown): SQL => {
  if (column.kind === 'option') {
    if (operator === 'equals' && value !== null && !isOption(column, value)) return sql`false`
    if (operator === 'not_equals' && value !== null && !isOption(column, value)) return sql`true`
    if (operator === 'in' || operator === 'not_in') {
      value = listOf(value).filter((item) => isOption(column, item))
    }
    if (operator.startsWith('greater_than') || operator.startsWith('less_than')) {
      throw new Error(`whereToSql: "${operator}" on a select field is not supported`)
    }
  }
  switch (operator) {
    case 'equals':
      return value === null
        ? sql`${column.sql} IS NULL`
        : sql`${column.sql} = ${castValue(column, value)}`
    case 'not_equals':
      return value === null
        ? sql`${column.sql} IS NOT NULL`
        : sql`${column.sql} IS DISTINCT FROM ${castValue(column, value)}`
    case 'in':
    case 'not_in': {
      const items = listOf(value)
      if (items.length === 0) return operator === 'in' ? sql`false` : sql`true`
      const list = sql.join(
        items.map((item) => castValue(column, item)),
        sql`, `,
      )
      return operator === 'in'
        ? sql`${column.sql} IN (${list})`
        : sql`(${column.sql} IS NULL OR ${column.sql} NOT IN (${list}))`
    }
    case 'exists':
      return value === true || value === 'true'
        ? sql`${column.sql} IS NOT NULL`
        : sql`${column.sql} IS NULL`
    case 'greater_than':
      return sql`${column.sql} > ${castValue(column, value)}`
    case 'greater_than_equal':
      return sql`${column.sql} >= ${castValue(column, value)}`
    case 'less_than':
      return sql`${column.sql} < ${castValue(column, value)}`
    case 'less_than_equal':
      return sql`${column.sql} <= ${castValue(column, value)}`
  }
  throw new Error(`whereToSql: operator "${operator}" is not supported`)
}

/**
 * Translates a Payload `Where` on a collection's top-level columns into SQL for `alias`, so the
 * search can apply a collection's read-access result inside its own query. It covers what access
 * rules return (and/or, equals, not_equals, in, not_in, exists, comparisons on scalar and has-one
 * relationship fields) and throws on anything else rather than guess: a rule it cannot translate
 * fails loudly instead of widening what a caller sees.
 */
export const whereToSql = (where: Where, fields: FlattenedField[], alias: string): SQL => {
  const parts: SQL[] = []
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue
    if (key === 'and' || key === 'or') {
      const children = (value as Where[]).map((child) => whereToSql(child, fields, alias))
      if (children.length === 0) continue
      parts.push(sql`(${sql.join(children, key === 'and' ? sql` AND ` : sql` OR `)})`)
      continue
    }
    const column = columnFor(fields, alias, key)
    for (const [operator, operand] of Object.entries(value as Record<string, unknown>)) {
      parts.push(condition(column, operator, operand))
    }
  }
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` AND `)})`
}
