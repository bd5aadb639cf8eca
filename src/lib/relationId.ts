/** The id behind a relationship value: an id, a numeric string, or a populated document. */
export const relationId = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  if (value && typeof value === 'object' && 'id' in value) return relationId(value.id)
  return undefined
}

/** The ids of a hasMany relationship value, in order; entries without an id are dropped. */
export const relationIds = (value: unknown): number[] =>
  Array.isArray(value) ? value.map(relationId).filter((id): id is number => id !== undefined) : []
