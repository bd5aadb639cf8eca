import type { DefaultServerCellComponentProps } from 'payload'

import { formatMoney } from '../../lib/money'

/**
 * A list cell showing an amount as money (`€1,299.00`): in the row's own currency when it has one
 * (an order is priced in its `currency`), else in the store's.
 */
export const MoneyCell = ({ cellData, rowData }: DefaultServerCellComponentProps) => {
  if (typeof cellData !== 'number') return null
  const currency = typeof rowData?.currency === 'string' ? rowData.currency : undefined
  return formatMoney(cellData, currency)
}
