import { effectiveRoles, hasRole, isAdminUser, isStaffUser } from '../../src/lib/roles'

describe('effective roles', () => {
  const admin = { id: 1, roles: ['admin', 'vendor'] as const }

  it('grants a session every role the user holds', () => {
    const user = { ...admin, roles: [...admin.roles], _strategy: 'local-jwt' }
    expect(effectiveRoles(user)).toEqual(['admin', 'vendor'])
    expect(isAdminUser(user)).toBe(true)
    expect(isStaffUser(user)).toBe(true)
  })

  it.each(['api-key', 'api-token'])(
    'strips admin and staff powers from a %s request',
    (strategy) => {
      const user = { ...admin, roles: [...admin.roles], _strategy: strategy }
      expect(effectiveRoles(user)).toEqual(['vendor'])
      expect(isAdminUser(user)).toBe(false)
      expect(isStaffUser(user)).toBe(false)
      expect(hasRole(user, 'vendor')).toBe(true)
    },
  )

  it('gives anonymous requests no roles', () => {
    expect(effectiveRoles(null)).toEqual([])
    expect(hasRole(undefined, 'customer')).toBe(false)
  })
})
