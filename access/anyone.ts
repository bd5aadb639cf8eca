import type { Predicate } from './compose'

/** Open to everybody, signed in or not. */
export const anyone: Predicate = () => true
