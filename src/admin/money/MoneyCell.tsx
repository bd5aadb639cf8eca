import type { DefaultServerCellComponentProps } from 'payload'

import { formatMoney } from '../../lib/money'

/** A list cell showing an amount as money in the store's currency (`€1,299.00`). */
export const MoneyCell = ({ cellData }: DefaultServerCellComponentProps) =>
  typeof cellData === 'number' ? formatMoney(cellData) : null
