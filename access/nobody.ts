import type { FieldAccess } from 'payload'

/** Server-derived fields: no API request writes them (hooks and trusted server code do). */
export const nobody: FieldAccess = () => false
