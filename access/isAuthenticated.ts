import type { Predicate } from './compose'

/** Any signed-in user (a session or an API token). */
export const isAuthenticated: Predicate = ({ req: { user } }) => Boolean(user)
