'use client'
import type { DefaultCellComponentProps } from 'payload'

import { formatMoney } from '../../lib/money'

/** A list cell showing an order amount as money in the order's own currency (`€1,877.15`). */
export const MoneyCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  if (typeof cellData !== 'number') return null
  const currency = typeof rowData?.currency === 'string' ? rowData.currency : undefined
  return <span>{currency ? formatMoney(cellData, currency) : cellData.toFixed(2)}</span>
}
