/** The id behind a relationship value, whether it is populated (`{ id }`) or not. */
export const relationId = (value: unknown): number | string | null => {
  if (value === null || value === undefined) return null
  if (typeof value === 'object' && 'id' in value) {
    return (value as { id: number | string }).id
  }
  return value as number | string
}

/** The ids of a hasMany relationship value, in order. */
export const relationIds = (value: unknown): Array<number | string> =>
  Array.isArray(value)
    ? value.map(relationId).filter((id): id is number | string => id !== null)
    : []
