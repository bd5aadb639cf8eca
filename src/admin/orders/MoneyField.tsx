'use client'
import { FieldLabel, useField, useFormFields } from '@payloadcms/ui'
import type { NumberFieldClientComponent } from 'payload'

import { formatMoney } from '../../lib/money'

/**
 * A server-computed order amount (line price, line total, order total) shown read-only as money
 * in the order's own `currency` field.
 */
export const MoneyField: NumberFieldClientComponent = ({ field, path }) => {
  const { value } = useField<number>({ path })
  const currency = useFormFields(([fields]) => fields.currency?.value)
  const amount =
    typeof value !== 'number'
      ? '—'
      : typeof currency === 'string' && currency
        ? formatMoney(value, currency)
        : value.toFixed(2)
  return (
    <div className="field-type" style={{ flex: 1 }}>
      <FieldLabel label={field.label ?? field.name} path={path} />
      <output data-money-field={field.name} style={{ display: 'block', padding: '8px 0' }}>
        {amount}
      </output>
    </div>
  )
}
