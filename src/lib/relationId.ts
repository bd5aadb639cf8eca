/** The id behind a relationship value: an id, a numeric string, or a populated document. */
export const relationId = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  if (value && typeof value === 'object' && 'id' in value) return relationId(value.id)
  return undefined
}
