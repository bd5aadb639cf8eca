import { PgDialect } from '@payloadcms/db-postgres/drizzle/pg-core'
import { sql } from '@payloadcms/db-postgres'

import {
  availableSql,
  inStockSql,
  isAvailable,
  isListed,
  listedSql,
  listedWhere,
  notTrashedSql,
} from '../../src/lib/availability'
import { sqlTextList } from '../../src/lib/sqlText'
import { PRODUCT_STATUSES, PURCHASED_STATUSES } from '../../src/lib/statuses'

const render = (fragment: ReturnType<typeof sql>) => new PgDialect().sqlToQuery(fragment)

describe('product availability', () => {
  it('lists approved products outside the trash only', () => {
    for (const status of PRODUCT_STATUSES) {
      for (const trashed of [false, true]) {
        expect(isListed({ status, trashed })).toBe(status === 'approved' && !trashed)
      }
    }
  })

  it('makes listed products in stock available', () => {
    for (const status of PRODUCT_STATUSES) {
      for (const trashed of [false, true]) {
        for (const stock of [0, 1, 5]) {
          expect(isAvailable({ status, stock, trashed })).toBe(
            status === 'approved' && !trashed && stock > 0,
          )
        }
      }
    }
  })

  it('writes the same rule in SQL', () => {
    expect(render(listedSql())).toMatchObject({
      sql: "(status = 'approved' AND deleted_at IS NULL)",
      params: [],
    })
    expect(render(listedSql('p')).sql).toBe("(p.status = 'approved' AND p.deleted_at IS NULL)")
    expect(render(notTrashedSql('p')).sql).toBe('p.deleted_at IS NULL')
    expect(render(inStockSql()).sql).toBe('stock > 0')
    expect(render(availableSql(sql`stock - ${3}`))).toMatchObject({
      sql: "((status = 'approved' AND deleted_at IS NULL) AND stock - $1 > 0)",
      params: [3],
    })
  })

  it('writes the same rule as a Payload where, a new object each time', () => {
    expect(listedWhere()).toEqual({ status: { equals: 'approved' } })
    expect(listedWhere()).not.toBe(listedWhere())
  })

  it('renders status lists as SQL literals', () => {
    expect(render(sql`IN (${sqlTextList(PURCHASED_STATUSES)})`).sql).toBe(
      "IN ('paid', 'shipped', 'delivered')",
    )
    expect(render(sqlTextList(["it's"])).sql).toBe("'it''s'")
  })
})
