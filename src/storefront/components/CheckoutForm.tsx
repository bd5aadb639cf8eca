'use client'

import { useRef, useState } from 'react'

import type { CartLine } from '@/lib/cartLines'
import { formatCents } from '@/lib/money'
import {
  ADDRESS_LIMITS,
  type AddressField,
  type AddressProblem,
  checkShippingAddress,
} from '@/lib/shippingAddressRules'
import { setCart } from '../client/cart'
import { rest } from '../client/rest'
import { Field } from './Field'

/** A cart line as the checkout shows it (priced by the server page; the order prices it again). */
export type CheckoutLine = CartLine & { name: string; slug: string; unitCents: number }

const LABELS: Record<AddressField, string> = {
  name: 'Full name',
  lines: 'Street address',
  city: 'City',
  postcode: 'Postcode',
  country: 'Country',
  phone: 'Phone (optional)',
}

const AUTOCOMPLETE: Record<AddressField, string> = {
  name: 'name',
  lines: 'street-address',
  city: 'address-level2',
  postcode: 'postal-code',
  country: 'country-name',
  phone: 'tel',
}

const describe = (problem: AddressProblem): string => {
  const label = LABELS[problem.field].replace(' (optional)', '')
  if (problem.reason === 'required') return `Enter your ${label.toLowerCase()}.`
  if (problem.reason === 'length') return `${label} can be at most ${problem.limit} characters.`
  return `${label} must be text.`
}

/** A 409 of the orders API about one product's stock: which product and how many are left. */
type Shortage = { product: number; left: number; message: string }

const shortageIn = (message: string): Shortage | undefined => {
  const product = /\(product (\d+)\)/.exec(message)?.[1]
  const left = /(\d+) left/.exec(message)?.[1]
  return product && left ? { product: Number(product), left: Number(left), message } : undefined
}

/**
 * The checkout: the order's lines, the shipping address (checked with the server's own rules
 * before sending, each problem shown at its field and in a summary), and `POST /api/orders`. A
 * stock shortage (409 naming the product) is shown with ways to fix it: take what is left or
 * remove the product; the saved cart is changed to match, and the customer places the order
 * again. A placed order empties the cart and opens its confirmation.
 */
export const CheckoutForm = ({
  initialLines,
  currency,
  defaultName,
}: {
  initialLines: CheckoutLine[]
  currency: string
  defaultName: string
}) => {
  const [lines, setLines] = useState(initialLines)
  const [errors, setErrors] = useState<Partial<Record<AddressField, string>>>({})
  const [problem, setProblem] = useState<string>()
  const [shortage, setShortage] = useState<Shortage>()
  const [busy, setBusy] = useState(false)
  const alertRef = useRef<HTMLDivElement>(null)

  const focusAlert = () => requestAnimationFrame(() => alertRef.current?.focus())
  const total = lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0)

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const values = Object.fromEntries(
      (Object.keys(ADDRESS_LIMITS) as AddressField[]).map((field) => [
        field,
        String(form.get(field) ?? ''),
      ]),
    )
    const { problems } = checkShippingAddress(values)
    setErrors(Object.fromEntries(problems.map((each) => [each.field, describe(each)])))
    setShortage(undefined)
    if (problems.length > 0) {
      setProblem('Check the shipping address: some fields need your attention.')
      focusAlert()
      return
    }
    setBusy(true)
    setProblem(undefined)
    const answer = await rest<{ doc: { id: number } }>('/api/orders', {
      method: 'POST',
      body: {
        items: lines.map(({ product, quantity }) => ({ product, quantity })),
        shippingAddress: values,
      },
    })
    if (answer.ok) {
      await setCart(true, [])
      window.location.assign(`/account/orders/${answer.body.doc.id}?placed=1`)
      return
    }
    setBusy(false)
    const field = /^shippingAddress\.(\w+)/.exec(answer.message)?.[1] as AddressField | undefined
    if (field && field in LABELS) setErrors({ [field]: answer.message })
    const short = answer.status === 409 ? shortageIn(answer.message) : undefined
    setShortage(short)
    setProblem(short ? undefined : answer.message)
    focusAlert()
  }

  const fix = async (product: number, quantity: number) => {
    const next = lines.flatMap((line) =>
      line.product !== product ? [line] : quantity > 0 ? [{ ...line, quantity }] : [],
    )
    const result = await setCart(true, next)
    if (result.error) {
      setProblem(result.error)
      return
    }
    setLines(next)
    setShortage(undefined)
    setProblem(
      next.length === 0
        ? 'Your cart is empty now.'
        : 'Your cart was updated. Check the order and place it again.',
    )
    focusAlert()
  }

  const shortLine = shortage && lines.find((line) => line.product === shortage.product)

  return (
    <div className="checkout-layout">
      <section className="checkout-order" aria-labelledby="order-heading">
        <h2 id="order-heading">Your order</h2>
        <ul className="checkout-lines">
          {lines.map((line) => (
            <li
              key={line.product}
              className={
                line.product === shortage?.product ? 'checkout-line short' : 'checkout-line'
              }
            >
              <a href={`/p/${line.slug}`}>{line.name}</a>
              <span>
                {line.quantity} × {formatCents(line.unitCents, currency)}
              </span>
              <strong>{formatCents(line.unitCents * line.quantity, currency)}</strong>
            </li>
          ))}
        </ul>
        <p className="cart-subtotal">
          Total <strong>{formatCents(total, currency)}</strong>
        </p>
        <p className="hint">
          <a href="/cart">Change the cart</a>
        </p>
      </section>
      <form
        className="checkout-form"
        onSubmit={submit}
        noValidate
        aria-labelledby="address-heading"
      >
        <h2 id="address-heading">Shipping address</h2>
        <div ref={alertRef} tabIndex={-1} role="alert" className="form-outcome">
          {shortage && (
            <div className="message message-error">
              <p>
                <strong>
                  Not enough stock for {shortLine?.name ?? `product ${shortage.product}`}.
                </strong>{' '}
                {shortage.left === 0
                  ? 'It sold out while you were shopping.'
                  : `Only ${shortage.left} left; you asked for ${shortLine?.quantity ?? 'more'}.`}{' '}
                Nothing was ordered.
              </p>
              <div className="form-actions">
                {shortage.left > 0 && (
                  <button
                    type="button"
                    className="button"
                    onClick={() => fix(shortage.product, shortage.left)}
                  >
                    Take the {shortage.left} left
                  </button>
                )}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => fix(shortage.product, 0)}
                >
                  Remove it from the order
                </button>
              </div>
            </div>
          )}
          {problem && (
            <div className="message message-error">
              <p>{problem}</p>
              {Object.keys(errors).length > 0 && (
                <ul>
                  {(Object.keys(errors) as AddressField[]).map((field) => (
                    <li key={field}>
                      <a href={`#${field}`}>{errors[field]}</a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        {(Object.keys(ADDRESS_LIMITS) as AddressField[]).map((field) => (
          <Field
            key={field}
            id={field}
            label={LABELS[field]}
            error={errors[field]}
            autoComplete={AUTOCOMPLETE[field]}
            maxLength={ADDRESS_LIMITS[field]}
            multiline={field === 'lines'}
            type={field === 'phone' ? 'tel' : 'text'}
            defaultValue={field === 'name' ? defaultName : undefined}
            required={field !== 'phone'}
          />
        ))}
        <button type="submit" className="button button-wide" disabled={busy || lines.length === 0}>
          {busy ? 'Placing your order…' : `Place order · ${formatCents(total, currency)}`}
        </button>
      </form>
    </div>
  )
}
