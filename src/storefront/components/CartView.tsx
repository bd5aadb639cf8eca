'use client'

import { useCallback, useEffect, useState } from 'react'

import { type CartLine, stockProblem } from '@/lib/cartLines'
import { formatCents, unitPriceCents } from '@/lib/money'
import { MAX_LINE_QUANTITY } from '@/lib/orderLimits'
import { loadCart, setCart } from '../client/cart'
import { type CartProduct, cartProducts } from '../client/products'
import { imageSource } from './Picture'

type Props = { signedIn: boolean; currency: string; notice?: string }

const nameOf = (product: CartProduct) => `${product.brand} ${product.model}`

/**
 * The cart page's body (a client component: a guest's cart is only in the browser). Lines with
 * their product, price and stock, quantities to change, lines to remove, the subtotal and the way
 * to checkout (signing in first for guests). A line above the stock left is flagged, so the
 * customer can lower it before checking out.
 */
export const CartView = ({ signedIn, currency, notice }: Props) => {
  const [lines, setLines] = useState<CartLine[]>()
  const [products, setProducts] = useState<Map<number, CartProduct>>(new Map())
  const [message, setMessage] = useState<{ ok: boolean; text: string }>()

  const show = useCallback(async (next: CartLine[]) => {
    setProducts(await cartProducts(next.map((line) => line.product)))
    setLines(next)
  }, [])

  useEffect(() => {
    const load = async () => {
      try {
        const result = await loadCart(signedIn)
        if (result.error) setMessage({ ok: false, text: result.error })
        await show(result.lines)
      } catch {
        setMessage({ ok: false, text: 'Your cart could not be loaded. Reload the page to retry.' })
        setLines([])
      }
    }
    void load()
  }, [signedIn, show])

  const change = async (next: CartLine[], done: string) => {
    const result = await setCart(signedIn, next)
    if (result.error) {
      setMessage({ ok: false, text: result.error })
      return
    }
    setMessage({ ok: true, text: done })
    await show(result.lines)
  }

  if (!lines) return <p role="status">Loading your cart…</p>
  const priced = lines.flatMap((line) => {
    const product = products.get(line.product)
    return product ? [{ line, product, cents: unitPriceCents(product) * line.quantity }] : []
  })
  const subtotal = priced.reduce((sum, { cents }) => sum + cents, 0)
  const overStock = priced.some(({ line, product }) => line.quantity > product.stock)
  const unavailable = lines.filter((line) => !products.has(line.product))

  return (
    <>
      {notice && <p className="message message-warn">{notice}</p>}
      <div role="status" className="form-outcome">
        {message && (
          <p className={message.ok ? 'message message-ok' : 'message message-error'}>
            {message.text}
          </p>
        )}
      </div>
      {lines.length === 0 ? (
        <p className="notice">
          Your cart is empty. <a href="/search">Browse the products</a>.
        </p>
      ) : (
        <div className="cart-layout">
          <ul className="cart-lines" aria-label="Items in your cart">
            {priced.map(({ line, product, cents }) => (
              <CartRow
                key={line.product}
                line={line}
                product={product}
                lineTotal={formatCents(cents, currency)}
                unitPrice={formatCents(unitPriceCents(product), currency)}
                onQuantity={(quantity) =>
                  change(
                    lines.map((each) =>
                      each.product === line.product ? { ...each, quantity } : each,
                    ),
                    `${nameOf(product)}: quantity set to ${quantity}.`,
                  )
                }
                onRemove={() =>
                  change(
                    lines.filter((each) => each.product !== line.product),
                    `${nameOf(product)} removed from your cart.`,
                  )
                }
              />
            ))}
            {unavailable.map((line) => (
              <li key={line.product} className="cart-line">
                <p>A product in your cart is no longer available.</p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() =>
                    change(
                      lines.filter((each) => each.product !== line.product),
                      'The unavailable product was removed.',
                    )
                  }
                >
                  Remove it
                </button>
              </li>
            ))}
          </ul>
          <section className="cart-summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <p className="cart-subtotal">
              Subtotal <strong>{formatCents(subtotal, currency)}</strong>
            </p>
            {overStock || unavailable.length > 0 ? (
              <p className="message message-warn">
                Fix the items marked above before checking out.
              </p>
            ) : signedIn ? (
              <a className="button button-wide" href="/checkout">
                Check out
              </a>
            ) : (
              <>
                <a className="button button-wide" href="/account/sign-in?next=/checkout">
                  Sign in to check out
                </a>
                <p className="hint">
                  New here? <a href="/account/sign-up">Create an account</a>; your cart stays.
                </p>
              </>
            )}
          </section>
        </div>
      )}
    </>
  )
}

const CartRow = ({
  line,
  product,
  lineTotal,
  unitPrice,
  onQuantity,
  onRemove,
}: {
  line: CartLine
  product: CartProduct
  lineTotal: string
  unitPrice: string
  onQuantity: (quantity: number) => Promise<void>
  onRemove: () => Promise<void>
}) => {
  const [quantity, setQuantity] = useState(String(line.quantity))
  const [problem, setProblem] = useState<string>()
  const name = nameOf(product)
  const inputId = `quantity-${product.id}`
  const picture = product.image && imageSource(product.image as never, 'thumbnail')
  const short = line.quantity > product.stock
  const update = async (event: React.FormEvent) => {
    event.preventDefault()
    const wanted = Number(quantity)
    const issue =
      !Number.isInteger(wanted) || wanted < 1
        ? 'Enter a whole quantity of at least 1.'
        : wanted > line.quantity
          ? stockProblem(name, wanted, product.stock)
          : undefined
    setProblem(issue)
    if (!issue) await onQuantity(wanted)
  }
  return (
    <li className={short ? 'cart-line cart-line-short' : 'cart-line'}>
      {picture ? (
        <img src={picture.url} width={80} height={80} alt="" className="cart-thumb" />
      ) : (
        <span className="cart-thumb card-noimage" aria-hidden="true">
          {product.brand.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div className="cart-line-main">
        <a href={`/p/${product.slug}`} className="cart-line-name">
          {name}
        </a>
        <p className="cart-line-price">{unitPrice} each</p>
        {short && (
          <p className="message message-error">
            {product.stock === 0
              ? 'Out of stock now: remove it to check out.'
              : `Only ${product.stock} left in stock: lower the quantity to check out.`}
          </p>
        )}
        <form className="cart-line-form" onSubmit={update} noValidate>
          <label htmlFor={inputId}>
            Quantity <span className="visually-hidden">of {name}</span>
          </label>
          <input
            id={inputId}
            type="number"
            inputMode="numeric"
            min={1}
            max={Math.max(1, Math.min(product.stock, MAX_LINE_QUANTITY))}
            step={1}
            value={quantity}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-problem` : undefined}
            onChange={(event) => setQuantity(event.target.value)}
          />
          <button type="submit" className="button button-secondary">
            Update <span className="visually-hidden">{name}</span>
          </button>
          <button type="button" className="button button-secondary" onClick={onRemove}>
            Remove <span className="visually-hidden">{name}</span>
          </button>
        </form>
        {problem && (
          <p id={`${inputId}-problem`} className="message message-error">
            {problem}
          </p>
        )}
      </div>
      <p className="cart-line-total">{lineTotal}</p>
    </li>
  )
}
