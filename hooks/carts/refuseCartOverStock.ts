import { APIError, type CollectionBeforeChangeHook } from 'payload'

import type { Cart } from '@/payload-types'
import { parseCartLines, stockProblem, storedCartLines } from '../../src/lib/cartLines'
import { listedStock } from '../../src/lib/productStock'
import { transactionSql } from '../../src/lib/transactionSql'

/**
 * A cart's lines are checked when they grow: a new line, or more of a product, must be listed and
 * within its stock (409 naming the product; 400 for bad lines or a product that is not listed).
 * Lines that stay the same or shrink pass even when the stock fell below them meanwhile, so a
 * customer can always fix a cart; the order checks every line again when it takes the stock.
 * Repeated products are added up and the lines stored in product order.
 */
export const refuseCartOverStock: CollectionBeforeChangeHook<Cart> = async ({
  data,
  originalDoc,
  req,
}) => {
  if (data.items === undefined) return data
  const lines = parseCartLines(storedCartLines(data))
  if (typeof lines === 'string') throw new APIError(lines, 400)
  const before = new Map(storedCartLines(originalDoc).map((line) => [line.product, line.quantity]))
  const grown = lines.filter((line) => line.quantity > (before.get(line.product) ?? 0))
  const stock = await listedStock(
    await transactionSql(req),
    grown.map((line) => line.product),
  )
  for (const line of grown) {
    const listed = stock.get(line.product)
    const problem = stockProblem(
      listed?.name ?? `Product ${line.product}`,
      line.quantity,
      listed?.stock,
    )
    if (problem) throw new APIError(problem, listed ? 409 : 400)
  }
  data.items = lines
  return data
}
