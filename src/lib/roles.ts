import type { User } from '@/payload-types'

export type Role = User['roles'][number]

/** Strategies that authenticate long-lived API tokens; they never carry admin or staff powers. */
export const TOKEN_STRATEGIES = ['api-key', 'api-token'] as const

type AuthenticatedUser =
  (Partial<User> & { _strategy?: string; collection?: string }) | null | undefined

const PRIVILEGED: Role[] = ['admin', 'staff']

/** True when the request was authenticated by a long-lived API token rather than a session. */
export const viaApiToken = (user: AuthenticatedUser): boolean =>
  (TOKEN_STRATEGIES as readonly string[]).includes(user?._strategy ?? '')

/**
 * The roles a request may exercise. Admin and staff powers need a session (JWT or cookie); a
 * request made with an API token acts with the user's customer and vendor roles only.
 */
export const effectiveRoles = (user: AuthenticatedUser): Role[] => {
  if (!user?.roles) return []
  return viaApiToken(user) ? user.roles.filter((role) => !PRIVILEGED.includes(role)) : user.roles
}

/** True when the request's user may act with any of `roles`. Every role check goes through here. */
export const hasRole = (user: AuthenticatedUser, ...roles: Role[]): boolean =>
  effectiveRoles(user).some((role) => roles.includes(role))

export const isAdminUser = (user: AuthenticatedUser): boolean => hasRole(user, 'admin')

export const isStaffUser = (user: AuthenticatedUser): boolean => hasRole(user, 'admin', 'staff')
