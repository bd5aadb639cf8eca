import { sql } from '@payloadcms/db-postgres'

import { orderTitle, orderTitleAround, type OrderTitleParts } from './orderTitle'
import type { SQL, TransactionSql } from './transactionSql'

type TitleRow = {
  id: number
  username: string | null
  total: string | null
  currency: string | null
}

/**
 * Writes `orders.title` (see `./orderTitle`) for the orders `filter` selects (a condition on
 * `o`, the orders table, e.g. sql`o.id = ${id}`), from their stored total and currency and their
 * customer's username: one SELECT and one UPDATE, on `run` (the request's transaction, or a
 * migration's). Returns each order's new title by id.
 */
export const refreshOrderTitles = async (
  run: TransactionSql,
  filter: SQL,
): Promise<Map<number, string>> => {
  const { rows } = await run<TitleRow>(sql`
    SELECT o.id, u.username, o.total, o.currency
      FROM orders o LEFT JOIN users u ON u.id = o.customer_id
     WHERE ${filter}`)
  const titles = new Map(
    rows.map((row) => [
      Number(row.id),
      orderTitle({
        id: row.id,
        username: row.username,
        total: row.total === null ? null : Number(row.total),
        currency: row.currency,
      }),
    ]),
  )
  if (titles.size === 0) return titles
  const values = sql.join(
    [...titles].map(([id, title]) => sql`(${id}::integer, ${title}::varchar)`),
    sql`, `,
  )
  await run(sql`
    UPDATE orders SET title = v.title FROM (VALUES ${values}) AS v(id, title)
     WHERE orders.id = v.id AND orders.title IS DISTINCT FROM v.title`)
  return titles
}

/**
 * Writes one order's title from its total and currency as the caller stored them, with its
 * customer's username read by the same statement: one UPDATE … RETURNING instead of a SELECT and
 * an UPDATE (the order path runs it for every placed order). Returns the title, or undefined when
 * the order does not exist.
 */
export const storeOrderTitle = async (
  run: TransactionSql,
  parts: Omit<OrderTitleParts, 'username'> & { id: number },
): Promise<string | undefined> => {
  const { before, after } = orderTitleAround(parts)
  const { rows } = await run<{ title: string }>(sql`
    UPDATE orders o
       SET title = ${before}
                   || coalesce((SELECT username FROM users WHERE id = o.customer_id), '?')
                   || ${after}
     WHERE o.id = ${parts.id}
    RETURNING o.title`)
  return rows[0]?.title
}
