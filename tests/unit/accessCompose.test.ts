import type { AccessArgs, FieldAccessArgs, PayloadRequest, Where } from 'payload'

import { canDeleteProducts } from '../../access/canDeleteProducts'
import { canUpdateProducts } from '../../access/canUpdateProducts'
import { and, fieldLevel, or, type Rule } from '../../access/compose'
import { ownerBy, staffOrOwnerBy, statusIs } from '../../access/factories'
import { isAdmin } from '../../access/isAdmin'
import { isAdminOrStaff } from '../../access/isAdminOrStaff'
import { isSelf } from '../../access/isSelf'
import { isVendor } from '../../access/isVendor'
import { nobody } from '../../access/nobody'

type FakeUser = { id: number; roles: string[]; _strategy?: string }

/** A request carrying only what the rules read: the user. */
const req = (user: FakeUser | null): PayloadRequest => ({ user }) as unknown as PayloadRequest
const args = (user: FakeUser | null, extra: Partial<AccessArgs> = {}): AccessArgs => ({
  req: req(user),
  ...extra,
})
const fieldArgs = (
  user: FakeUser | null,
  extra: Partial<FieldAccessArgs> = {},
): FieldAccessArgs => ({ req: req(user), ...extra })

const admin: FakeUser = { id: 1, roles: ['admin'], _strategy: 'local-jwt' }
const staff: FakeUser = { id: 2, roles: ['staff'], _strategy: 'local-jwt' }
const vendor: FakeUser = { id: 3, roles: ['vendor'], _strategy: 'local-jwt' }
const customer: FakeUser = { id: 4, roles: ['customer'], _strategy: 'local-jwt' }
const adminByToken: FakeUser = { id: 5, roles: ['admin', 'vendor'], _strategy: 'api-token' }

const always =
  (result: boolean | Where): Rule =>
  () =>
    result
/** A rule that records whether it was asked. */
const spy = (result: boolean | Where) => {
  const state = { asked: false }
  const rule: Rule = () => {
    state.asked = true
    return result
  }
  return { rule, state }
}
const a: Where = { a: { equals: 1 } }
const b: Where = { b: { equals: 2 } }

describe('or', () => {
  it('is true as soon as one rule is true, without asking the rest', () => {
    const after = spy(a)
    expect(or(always(false), always(true), after.rule)(args(null))).toBe(true)
    expect(after.state.asked).toBe(false)
  })

  it('is false when every rule is false, or there is none', () => {
    expect(or(always(false), always(false))(args(null))).toBe(false)
    expect(or()(args(null))).toBe(false)
  })

  it('returns a lone Where as it is and drops the false ones', () => {
    expect(or(always(false), always(a), always(false))(args(null))).toBe(a)
  })

  it('joins several Wheres with or, in order', () => {
    expect(or(always(a), always(false), always(b))(args(null))).toEqual({ or: [a, b] })
  })

  it('lets true win over a Where given before it', () => {
    expect(or(always(a), always(true))(args(null))).toBe(true)
  })
})

describe('and', () => {
  it('is false as soon as one rule is false, without asking the rest', () => {
    const after = spy(true)
    expect(and(always(a), always(false), after.rule)(args(null))).toBe(false)
    expect(after.state.asked).toBe(false)
  })

  it('is true when every rule is true, or there is none', () => {
    expect(and(always(true), always(true))(args(null))).toBe(true)
    expect(and()(args(null))).toBe(true)
  })

  it('returns a lone Where as it is and drops the true ones', () => {
    expect(and(always(true), always(b))(args(null))).toBe(b)
  })

  it('joins several Wheres with and, in order', () => {
    expect(and(always(a), always(true), always(b))(args(null))).toEqual({ and: [a, b] })
  })

  it('nests inside or', () => {
    expect(or(always(a), and(always(b), always(a)))(args(null))).toEqual({
      or: [a, { and: [b, a] }],
    })
  })
})

describe('factories', () => {
  it('ownerBy filters on the field for a signed-in user and refuses anonymous requests', () => {
    expect(ownerBy('customer')(args(customer))).toEqual({ customer: { equals: 4 } })
    expect(ownerBy('customer')(args(null))).toBe(false)
    expect(isSelf(args(vendor))).toEqual({ id: { equals: 3 } })
  })

  it('staffOrOwnerBy lets admins and staff with a session see everything, others their own', () => {
    const rule = staffOrOwnerBy('author')
    expect(rule(args(admin))).toBe(true)
    expect(rule(args(staff))).toBe(true)
    expect(rule(args(customer))).toEqual({ author: { equals: 4 } })
    expect(rule(args(adminByToken))).toEqual({ author: { equals: 5 } })
    expect(rule(args(null))).toBe(false)
  })

  it('statusIs filters on the status for everybody, a fresh Where each time', () => {
    const rule = statusIs('published')
    expect(rule(args(null))).toEqual({ status: { equals: 'published' } })
    expect(rule(args(customer))).not.toBe(rule(args(customer)))
  })
})

describe('role predicates', () => {
  it('answer from the effective roles (API tokens carry no admin or staff powers)', () => {
    expect(isAdmin(args(admin))).toBe(true)
    expect(isAdmin(args(staff))).toBe(false)
    expect(isAdminOrStaff(args(staff))).toBe(true)
    expect(isAdminOrStaff(args(adminByToken))).toBe(false)
    expect(isVendor(args(adminByToken))).toBe(true)
    expect(isVendor(args(null))).toBe(false)
    expect(nobody(args(admin))).toBe(false)
  })
})

describe('product rules', () => {
  const read = or(isAdminOrStaff, statusIs('approved'), and(isVendor, ownerBy('owner')))
  const approved = { status: { equals: 'approved' } }

  it('reads: staff everything, vendors approved or their own, others approved', () => {
    expect(read(args(staff))).toBe(true)
    expect(read(args(vendor))).toEqual({ or: [approved, { owner: { equals: 3 } }] })
    expect(read(args(customer))).toEqual(approved)
    expect(read(args(null))).toEqual(approved)
  })

  it('updates: staff any product, a vendor their own, nobody else', () => {
    expect(canUpdateProducts(args(admin))).toBe(true)
    expect(canUpdateProducts(args(vendor))).toEqual({ owner: { equals: 3 } })
    expect(canUpdateProducts(args(customer))).toBe(false)
    expect(canUpdateProducts(args(null))).toBe(false)
  })

  it('deletes for good: admins only; trashing follows the update rule', () => {
    const trash = { data: { deletedAt: '2026-01-01T00:00:00.000Z' } }
    expect(canDeleteProducts(args(admin))).toBe(true)
    expect(canDeleteProducts(args(staff))).toBe(false)
    expect(canDeleteProducts(args(vendor))).toBe(false)
    expect(canDeleteProducts(args(staff, trash))).toBe(true)
    expect(canDeleteProducts(args(vendor, trash))).toEqual({ owner: { equals: 3 } })
    expect(canDeleteProducts(args(customer, trash))).toBe(false)
  })
})

describe('fieldLevel', () => {
  const staffOrSelf = fieldLevel(or(isAdminOrStaff, isSelf))
  const adminOrAuthor = fieldLevel(or(isAdmin, ownerBy('author')))

  it('passes a boolean answer through', () => {
    expect(staffOrSelf(fieldArgs(staff))).toBe(true)
    expect(staffOrSelf(fieldArgs(null, { doc: { id: 4 } }))).toBe(false)
  })

  it("matches the rule's Where against the document, else the id being accessed", () => {
    expect(staffOrSelf(fieldArgs(customer, { doc: { id: 4 } }))).toBe(true)
    expect(staffOrSelf(fieldArgs(customer, { doc: { id: 9 } }))).toBe(false)
    expect(staffOrSelf(fieldArgs(customer, { id: '4' }))).toBe(true)
    expect(staffOrSelf(fieldArgs(customer, { id: '04' }))).toBe(false)
    expect(staffOrSelf(fieldArgs(customer))).toBe(false)
  })

  it('compares a relationship by the id behind it, populated or not', () => {
    expect(adminOrAuthor(fieldArgs(customer, { doc: { id: 8, author: 4 } }))).toBe(true)
    expect(adminOrAuthor(fieldArgs(customer, { doc: { id: 8, author: { id: 4 } } }))).toBe(true)
    expect(adminOrAuthor(fieldArgs(customer, { doc: { id: 4, author: 9 } }))).toBe(false)
    expect(adminOrAuthor(fieldArgs(customer, { id: 4 }))).toBe(false)
    expect(adminOrAuthor(fieldArgs(admin, { doc: { id: 8, author: 9 } }))).toBe(true)
  })

  it('follows or and and, and refuses operators it does not know', () => {
    const doc = { id: 1, owner: 3, status: 'draft' }
    expect(
      fieldLevel(always({ or: [a, { owner: { equals: 3 } }] }))(fieldArgs(vendor, { doc })),
    ).toBe(true)
    expect(
      fieldLevel(always({ and: [a, { owner: { equals: 3 } }] }))(fieldArgs(vendor, { doc })),
    ).toBe(false)
    expect(fieldLevel(always({ owner: { not_equals: 9 } }))(fieldArgs(vendor, { doc }))).toBe(false)
  })
})
