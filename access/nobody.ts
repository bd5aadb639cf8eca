import type { Predicate } from './compose'

/**
 * Closed to every API request: internal collections and server-derived fields (hooks and trusted
 * server code with access overridden still write them).
 */
export const nobody: Predicate = () => false
