import {
  deleteRefusal,
  findTransition,
  holdsStock,
  lineChangeRefusal,
  linesChanged,
  ORDER_TRANSITIONS,
  orderActor,
} from '../../src/operations/orderTransitions'
import { ORDER_STATUSES } from '../../src/lib/statuses'

const STATUSES = ORDER_STATUSES

describe('order transitions table', () => {
  it('has exactly the lifecycle moves pending → paid → shipped → delivered and pending/paid → cancelled', () => {
    expect(ORDER_TRANSITIONS.map(({ from, to }) => `${from}→${to}`).sort()).toEqual(
      [
        'paid→cancelled',
        'paid→shipped',
        'pending→cancelled',
        'pending→paid',
        'shipped→delivered',
      ].sort(),
    )
  })

  it('returns the stock on a cancel and keeps it on every other move', () => {
    for (const move of ORDER_TRANSITIONS) {
      expect(move.stock).toBe(move.to === 'cancelled' ? 'release' : 'keep')
      // Only an order that holds stock can release it.
      if (move.stock === 'release') expect(holdsStock(move.from)).toBe(true)
    }
  })

  it('lets staff make every move in the table', () => {
    for (const { from, to, stock } of ORDER_TRANSITIONS) {
      expect(findTransition(from, to, 'staff')).toEqual({
        move: expect.objectContaining({ stock }),
      })
    }
  })

  it('refuses a move the table does not have with 409, to staff and customers alike', () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (from === to || ORDER_TRANSITIONS.some((m) => m.from === from && m.to === to)) continue
        for (const actor of ['staff', 'customer'] as const) {
          expect(findTransition(from, to, actor)).toEqual({
            refusal: { status: 409, message: `An order cannot go from ${from} to ${to}` },
          })
        }
      }
    }
  })

  it('lets a customer only cancel a pending order', () => {
    expect(findTransition('pending', 'cancelled', 'customer')).toEqual({
      move: expect.objectContaining({ stock: 'release' }),
    })
    expect(findTransition('paid', 'cancelled', 'customer')).toEqual({
      refusal: { status: 409, message: 'Only a pending order can be cancelled by its customer' },
    })
    for (const [from, to] of [
      ['pending', 'paid'],
      ['paid', 'shipped'],
      ['shipped', 'delivered'],
    ] as const) {
      expect(findTransition(from, to, 'customer')).toEqual({
        refusal: { status: 403, message: 'Only staff can move an order forward' },
      })
    }
  })
})

describe('who acts on an order', () => {
  it('is staff for admin and staff sessions and for the system (no user)', () => {
    expect(orderActor({ id: 1, roles: ['admin'] })).toBe('staff')
    expect(orderActor({ id: 1, roles: ['staff'] })).toBe('staff')
    expect(orderActor(null)).toBe('staff')
    expect(orderActor(undefined)).toBe('staff')
  })

  it('is the customer for customers, vendors and staff acting through an API token', () => {
    expect(orderActor({ id: 1, roles: ['customer'] })).toBe('customer')
    expect(orderActor({ id: 1, roles: ['vendor'] })).toBe('customer')
    expect(orderActor({ id: 1, roles: ['staff'], _strategy: 'api-key' })).toBe('customer')
  })
})

describe('deleting an order', () => {
  it('lets staff delete an order in any status', () => {
    for (const status of STATUSES) expect(deleteRefusal(status, 'staff')).toBeUndefined()
  })

  it('lets a customer delete only a pending or cancelled order', () => {
    expect(deleteRefusal('pending', 'customer')).toBeUndefined()
    expect(deleteRefusal('cancelled', 'customer')).toBeUndefined()
    for (const status of ['paid', 'shipped', 'delivered'] as const) {
      expect(deleteRefusal(status, 'customer')).toEqual({
        status: 409,
        message: `A ${status} order cannot be deleted by its customer`,
      })
    }
  })

  it('returns stock only for orders that still hold it (pending, paid)', () => {
    expect(STATUSES.filter(holdsStock)).toEqual(['pending', 'paid'])
  })
})

describe('changing lines', () => {
  const stored = [
    { product: 1, quantity: 2 },
    { product: 1, quantity: 1 },
    { product: 2, quantity: 1 },
  ]

  it('is no change when the update sends no lines', () => {
    expect(linesChanged(undefined, stored)).toBe(false)
  })

  it('is no change when the same quantities are split over other lines', () => {
    expect(
      linesChanged(
        [
          { product: 2, quantity: 1 },
          { product: 1, quantity: 3 },
        ],
        stored,
      ),
    ).toBe(false)
  })

  it('is a change when a quantity differs or a product is added or removed', () => {
    const two = { product: 2, quantity: 1 }
    expect(linesChanged([{ product: 1, quantity: 4 }, two], stored)).toBe(true)
    expect(linesChanged([{ product: 1, quantity: 3 }], stored)).toBe(true)
    const three = { product: 3, quantity: 1 }
    expect(linesChanged([{ product: 1, quantity: 3 }, two, three], stored)).toBe(true)
  })

  it('is allowed only while the order is pending and stays pending', () => {
    expect(lineChangeRefusal('pending', 'pending')).toBeUndefined()
    const refusal = {
      status: 409,
      message: 'The items of an order can only change while it is pending',
    }
    expect(lineChangeRefusal('pending', 'cancelled')).toEqual(refusal)
    expect(lineChangeRefusal('pending', 'paid')).toEqual(refusal)
    for (const from of STATUSES.filter((status) => status !== 'pending')) {
      expect(lineChangeRefusal(from, from)).toEqual(refusal)
    }
  })
})
