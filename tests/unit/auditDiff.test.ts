/** What the audit log records of a change: the policy's fields, in stored form, never secrets. */
import { auditDiff, updateKind, worthRecording } from '../../src/lib/audit'

describe('audit diff', () => {
  it('keeps before and after of small fields, and only the names of the others', () => {
    const diff = auditDiff(
      'orders',
      { status: 'pending', total: 20, notes: 'ring twice', shippingAddress: { city: 'Oslo' } },
      { status: 'paid', total: 20, notes: 'ring once', shippingAddress: { city: 'Bergen' } },
    )
    expect(diff).toEqual({
      fields: ['status', 'shippingAddress', 'notes'],
      changes: { status: { before: 'pending', after: 'paid' } },
    })
    expect(JSON.stringify(diff)).not.toMatch(/Oslo|Bergen|ring/)
  })

  it('compares populated relations by id, so a populated line is no change', () => {
    const line = { id: 'row1', quantity: 2 }
    const diff = auditDiff(
      'orders',
      { customer: 4, items: [{ ...line, product: 7 }] },
      {
        customer: { id: 4, username: 'carol' },
        items: [{ ...line, product: { id: 7, brand: 'A' } }],
      },
    )
    expect(diff).toEqual({ fields: [], changes: {} })
  })

  it('cuts long strings and never reads fields outside the policy', () => {
    const diff = auditDiff(
      'users',
      { roles: ['customer'], hash: 'h1', salt: 's1', email: 'a@example.com' },
      { roles: ['customer', 'vendor'], hash: 'h2', salt: 's2', email: 'b@example.com' },
    )
    expect(diff.fields).toEqual(['roles'])
    expect(worthRecording('users', diff)).toBe(true)
    expect(worthRecording('users', auditDiff('users', { name: 'a' }, { name: 'b' }))).toBe(false)
    const long = auditDiff('categories', { description: 'x' }, { description: 'y'.repeat(500) })
    expect((long.changes.description.after as string).length).toBe(200)
  })

  it('names moves to and from the trash', () => {
    expect(updateKind({ deletedAt: null }, { deletedAt: '2026-01-01' })).toBe('trash')
    expect(updateKind({ deletedAt: '2026-01-01' }, { deletedAt: null })).toBe('restore')
    expect(updateKind({ deletedAt: null }, { deletedAt: null })).toBe('update')
  })
})
