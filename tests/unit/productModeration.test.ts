import type { Product, User } from '@/payload-types'
import { PRODUCT_STATUSES, type ProductStatus } from '../../src/lib/statuses'
import {
  assertModerationMove,
  assertResubmission,
  changeModeration,
  DECISION_STATUS,
  MODERATED_CONTENT_FIELDS,
  MODERATION_MOVES,
  moderationActor,
  moderationEvent,
  moderationRecord,
  requestedMove,
  resubmitsForModeration,
  submitProduct,
  submittedStatus,
  type ModerationFields,
} from '../../src/operations/productModeration'

type Actor = Partial<User> & { _strategy?: string }

const staff: Actor = { id: 7, roles: ['staff'] }
const admin: Actor = { id: 1, roles: ['admin'] }
const vendor: Actor = { id: 3, roles: ['vendor'] }
const adminViaToken: Actor = { ...admin, _strategy: 'api-key' }
const at = new Date('2026-12-01T10:00:00.000Z')

const thrown = (run: () => unknown): { status?: number; message?: string } | undefined => {
  try {
    run()
  } catch (error) {
    return error as { status?: number; message?: string }
  }
  return undefined
}

const decided = (status: ProductStatus, by = staff): ModerationFields => ({
  status,
  reviewedBy: by.id as number,
  reviewedAt: '2026-11-30T00:00:00.000Z',
  rejectionReason: status === 'rejected' ? 'Blurry photos' : null,
})

describe('moderation moves', () => {
  it('lists every status, and a move from each to statuses other than itself', () => {
    expect(Object.keys(MODERATION_MOVES).sort()).toEqual([...PRODUCT_STATUSES].sort())
    for (const [from, moves] of Object.entries(MODERATION_MOVES)) {
      expect(moves).not.toContain(from)
      expect(moves).not.toContain('pending')
    }
    expect(DECISION_STATUS).toEqual({ approve: 'approved', reject: 'rejected' })
  })

  it.each([
    ['pending', 'approved'],
    ['pending', 'rejected'],
    ['approved', 'rejected'],
    ['rejected', 'approved'],
  ] as const)('allows %s → %s (with a reason to reject)', (from, to) => {
    expect(thrown(() => assertModerationMove(from, to, 'Fake'))).toBeUndefined()
  })

  it.each([
    ['approved', 'approved', /already approved/],
    ['rejected', 'rejected', /already rejected/],
    ['approved', 'pending', /approved product cannot be moved to pending/],
    ['rejected', 'pending', /rejected product cannot be moved to pending/],
  ] as const)('refuses %s → %s with 409', (from, to, message) => {
    const error = thrown(() => assertModerationMove(from, to, 'reason'))
    expect(error?.status).toBe(409)
    expect(error?.message).toMatch(message)
  })

  it.each([undefined, null, '', '   '])('refuses a rejection with reason %p (400)', (reason) => {
    const error = thrown(() => assertModerationMove('pending', 'rejected', reason))
    expect(error?.status).toBe(400)
    expect(error?.message).toBe('A reason is required to reject a product.')
  })
})

describe('who moderates', () => {
  it('tells moderators, vendors and the server apart; API tokens are never moderators', () => {
    expect(moderationActor(staff)).toBe('moderator')
    expect(moderationActor(admin)).toBe('moderator')
    expect(moderationActor(vendor)).toBe('vendor')
    expect(moderationActor(adminViaToken)).toBe('vendor')
    expect(moderationActor(null)).toBe('server')
    expect(moderationActor(undefined)).toBe('server')
  })

  it('approves new products of moderators at once; everyone else starts pending', () => {
    expect(submittedStatus(staff)).toBe('approved')
    expect(submittedStatus(vendor)).toBe('pending')
    expect(submittedStatus(adminViaToken)).toBe('pending')
    expect(submittedStatus(null)).toBe('pending')
  })
})

describe('the record of a decision', () => {
  it('records who, when and (for a rejection) the trimmed reason', () => {
    expect(moderationRecord(staff, 'rejected', '  Blurry  ', at)).toEqual({
      status: 'rejected',
      reviewedBy: 7,
      reviewedAt: '2026-12-01T10:00:00.000Z',
      rejectionReason: 'Blurry',
    })
    expect(moderationRecord(staff, 'approved', 'ignored', at).rejectionReason).toBeNull()
    expect(moderationRecord(null, 'approved', undefined, at).reviewedBy).toBeNull()
  })
})

describe('submitting a product', () => {
  const pending = { status: 'pending', reviewedBy: null, reviewedAt: null, rejectionReason: null }

  it('makes a vendor product pending whatever the vendor sends', () => {
    expect(submitProduct(vendor, decided('approved', vendor), at)).toEqual(pending)
    expect(submitProduct(adminViaToken, { status: 'approved' }, at)).toEqual(pending)
  })

  it('records a moderator-created product as a decision from pending', () => {
    expect(submitProduct(staff, {}, at)).toEqual(moderationRecord(staff, 'approved', null, at))
    expect(submitProduct(staff, { status: 'pending' }, at)).toEqual(pending)
    expect(submitProduct(admin, { status: 'rejected', rejectionReason: 'No' }, at)).toMatchObject({
      status: 'rejected',
      reviewedBy: 1,
      rejectionReason: 'No',
    })
    expect(thrown(() => submitProduct(admin, { status: 'rejected' }, at))?.status).toBe(400)
  })

  it('leaves trusted server code without a user pending unless it names a status', () => {
    expect(submitProduct(null, {}, at)).toEqual(pending)
    expect(submitProduct(null, { status: 'approved' }, at)).toMatchObject({
      status: 'approved',
      reviewedBy: null,
    })
  })
})

describe('changing the moderation status through an update', () => {
  it('keeps the stored record for vendors, whatever they send', () => {
    const stored = decided('approved')
    expect(
      changeModeration(vendor, { status: 'rejected', reviewedBy: 3, rejectionReason: 'x' }, stored),
    ).toEqual(stored)
  })

  it('keeps the stored record when the status does not change', () => {
    const stored = decided('rejected')
    expect(changeModeration(staff, { status: 'rejected', rejectionReason: 'New' }, stored)).toEqual(
      stored,
    )
    expect(changeModeration(staff, { reviewedAt: at.toISOString() }, stored)).toEqual(stored)
  })

  it('validates and records a moderator’s change', () => {
    const stored = decided('approved')
    expect(
      changeModeration(admin, { status: 'rejected', rejectionReason: 'Fake' }, stored, at),
    ).toEqual(moderationRecord(admin, 'rejected', 'Fake', at))
    expect(thrown(() => changeModeration(admin, { status: 'pending' }, stored))?.status).toBe(409)
    expect(thrown(() => changeModeration(admin, { status: 'rejected' }, stored))?.status).toBe(400)
  })
})

describe('resubmitting on a content edit', () => {
  const product = (status: ProductStatus): Partial<Product> & Pick<Product, 'status'> => ({
    status,
    brand: 'Acme',
    model: 'X1',
    category: 2,
    images: [3, 4],
    video: null,
    price: 100,
  })

  it('names the moderated content fields', () => {
    expect([...MODERATED_CONTENT_FIELDS]).toEqual([
      'brand',
      'model',
      'description',
      'category',
      'images',
      'video',
    ])
  })

  it.each(['approved', 'rejected'] as const)(
    'sends a product back to pending when its vendor changes its content (%s)',
    (status) => {
      expect(resubmitsForModeration(vendor, { brand: 'Other' }, product(status))).toBe(true)
      expect(resubmitsForModeration(vendor, { images: [4] }, product(status))).toBe(true)
      expect(resubmitsForModeration(vendor, { video: 9 }, product(status))).toBe(true)
    },
  )

  it('compares relations by id, whether sent as ids, numeric strings or documents', () => {
    const stored = product('approved')
    const category = { id: 2 } as Product['category']
    expect(resubmitsForModeration(vendor, { category }, stored)).toBe(false)
    expect(resubmitsForModeration(vendor, { images: ['3', '4'] as never }, stored)).toBe(false)
    expect(resubmitsForModeration(vendor, { brand: 'Acme', model: 'X1' }, stored)).toBe(false)
  })

  it('ignores price edits, undefined values, pending products, moderators and the server', () => {
    expect(resubmitsForModeration(vendor, { price: 120 }, product('approved'))).toBe(false)
    expect(resubmitsForModeration(vendor, { brand: undefined }, product('approved'))).toBe(false)
    expect(resubmitsForModeration(vendor, { brand: 'Other' }, product('pending'))).toBe(false)
    expect(resubmitsForModeration(staff, { brand: 'Other' }, product('approved'))).toBe(false)
    expect(resubmitsForModeration(null, { brand: 'Other' }, product('approved'))).toBe(false)
  })
})

describe('resubmitting a rejected product as it is', () => {
  it('lets only its vendor resubmit it (403), and only while rejected (409)', () => {
    expect(thrown(() => assertResubmission(vendor, { owner: 3, status: 'rejected' }))).toBe(
      undefined,
    )
    expect(
      thrown(() => assertResubmission(vendor, { owner: { id: 3 } as User, status: 'rejected' })),
    ).toBe(undefined)
    expect(thrown(() => assertResubmission(staff, { owner: 3, status: 'rejected' }))?.status).toBe(
      403,
    )
    expect(thrown(() => assertResubmission(null, { owner: 3, status: 'rejected' }))?.status).toBe(
      403,
    )
    for (const status of ['pending', 'approved'] as const) {
      expect(thrown(() => assertResubmission(vendor, { owner: 3, status }))).toMatchObject({
        status: 409,
        message: `Only a rejected product can be resubmitted; this one is ${status}.`,
      })
    }
  })

  it('reads a requested move only for the product it names', () => {
    const context = { productModerationMove: { id: 12, to: 'pending' } }
    expect(requestedMove(context, 12)).toBe('pending')
    expect(requestedMove(context, '12')).toBe('pending')
    expect(requestedMove(context, 13)).toBeUndefined()
    expect(requestedMove({}, 12)).toBeUndefined()
  })
})

describe('the moderation history', () => {
  const doc = { id: 5, status: 'rejected' as const, rejectionReason: 'Blurry' }

  it('records a creation with no previous status, and a change from → to by the user', () => {
    expect(moderationEvent(vendor, { ...doc, status: 'pending' }, null)).toEqual({
      product: 5,
      from: null,
      to: 'pending',
      by: 3,
      reason: null,
    })
    expect(moderationEvent(staff, doc, { status: 'pending' })).toEqual({
      product: 5,
      from: 'pending',
      to: 'rejected',
      by: 7,
      reason: 'Blurry',
    })
  })

  it('records nothing when the status stays, and no reason except for a rejection', () => {
    expect(moderationEvent(staff, doc, { status: 'rejected' })).toBeNull()
    expect(
      moderationEvent(undefined, { ...doc, status: 'approved' }, { status: 'rejected' }),
    ).toEqual({ product: 5, from: 'rejected', to: 'approved', by: null, reason: null })
  })
})
