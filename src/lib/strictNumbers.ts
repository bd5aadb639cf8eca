import type { FlattenedField } from 'payload'

/** A decimal number as text: `5`, `-2`, `12.50` (no units, inner spaces or exponents). */
const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/

type Row = Record<string, unknown>

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isLenientNumber = (value: unknown): boolean =>
  typeof value === 'string' && value.trim() !== '' && !NUMERIC_TEXT.test(value.trim())

/**
 * The paths (`items.0.quantity`) of number fields in incoming `data` given as text that is not a
 * plain number. Payload turns such text into a number with `parseFloat`, which reads "5abc" as 5;
 * callers refuse these values before it gets the chance. Walks arrays, groups and named tabs.
 */
export const lenientNumberPaths = (
  fields: FlattenedField[],
  data: unknown,
  prefix = '',
): string[] => {
  if (!isRow(data)) return []
  return fields.flatMap((field) => {
    const value = data[field.name]
    const path = `${prefix}${field.name}`
    if (field.type === 'number') {
      const values = Array.isArray(value) ? value : [value]
      return values.some(isLenientNumber) ? [path] : []
    }
    if (field.type === 'array' && Array.isArray(value)) {
      return value.flatMap((row, index) =>
        lenientNumberPaths(field.flattenedFields, row, `${path}.${index}.`),
      )
    }
    if (field.type === 'group' || field.type === 'tab') {
      return lenientNumberPaths(field.flattenedFields, value, `${path}.`)
    }
    return []
  })
}
