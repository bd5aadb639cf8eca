'use client'

import { useFormFields } from '@payloadcms/ui'

import { formatMoney } from '../../lib/money'

/** The value being typed into the amount field at `path`, as money in `currency`. */
export const MoneyPreview = ({ currency, path }: { currency: string; path: string }) => {
  const value = useFormFields(([fields]) => fields[path]?.value)
  if (typeof value !== 'number' || !Number.isFinite(value)) return null
  return (
    <div className="money-preview" aria-live="polite" style={{ marginTop: 4 }}>
      {formatMoney(value, currency)}
    </div>
  )
}
