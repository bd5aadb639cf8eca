'use client'

import { useState } from 'react'

import { MAX_LINE_QUANTITY } from '@/lib/orderLimits'
import { addToCart } from '../client/cart'

/**
 * The product page's quantity and "Add to cart" button. An out-of-stock product cannot be added
 * (no button). The outcome is announced in a live region, with a link to the cart.
 */
export const AddToCart = ({
  product,
  name,
  stock,
  signedIn,
}: {
  product: number
  name: string
  stock: number
  signedIn: boolean
}) => {
  const [quantity, setQuantity] = useState('1')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>()
  if (stock <= 0) {
    return <p className="notice">Out of stock: this product cannot be added to the cart.</p>
  }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    const wanted = Number(quantity)
    if (!Number.isInteger(wanted) || wanted < 1) {
      setOutcome({ ok: false, text: 'Enter a whole quantity of at least 1.' })
      return
    }
    setBusy(true)
    const result = await addToCart(signedIn, { product, quantity: wanted, stock, name })
    setBusy(false)
    setOutcome(
      result.error
        ? { ok: false, text: result.error }
        : { ok: true, text: `Added ${wanted} × ${name} to your cart.` },
    )
  }
  return (
    <form className="add-to-cart" onSubmit={submit} noValidate>
      <label htmlFor="quantity">Quantity</label>
      <input
        id="quantity"
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={Math.min(stock, MAX_LINE_QUANTITY)}
        step={1}
        value={quantity}
        onChange={(event) => setQuantity(event.target.value)}
      />
      <button className="button" type="submit" disabled={busy}>
        Add to cart
      </button>
      <div className="form-outcome" role="status">
        {outcome && (
          <p className={outcome.ok ? 'message message-ok' : 'message message-error'}>
            {outcome.text} {outcome.ok && <a href="/cart">View cart</a>}
          </p>
        )}
      </div>
    </form>
  )
}
