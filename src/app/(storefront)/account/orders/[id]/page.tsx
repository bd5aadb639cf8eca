import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import type { Product } from '@/payload-types'
import { formatMoney } from '@/lib/money'
import { myOrder } from '@/storefront/account'
import { AccountNav } from '@/storefront/components/AccountNav'
import { CancelOrderButton } from '@/storefront/components/OrderActions'
import { OrderStatus } from '@/storefront/components/OrderStatus'

export const metadata: Metadata = { title: 'Order', robots: { index: false, follow: false } }

type Props = {
  params: Promise<{ id: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/**
 * `/account/orders/<id>`: one of the customer's orders (another's is 404): lines, total, address,
 * status, and cancelling while it is pending. `?placed=1` is the checkout's confirmation.
 */
const OrderPage = async ({ params, searchParams }: Props) => {
  const { id } = await params
  const { placed } = await searchParams
  if (!/^\d+$/.test(id)) notFound()
  const order = await myOrder(Number(id))
  if (!order) notFound()
  const currency = order.currency ?? undefined
  const address = order.shippingAddress
  return (
    <>
      {placed === '1' && (
        <div className="message message-ok confirmation" role="status">
          <h2>Thank you, your order is placed.</h2>
          <p>We will email you when it ships. Order number: {order.id}.</p>
        </div>
      )}
      <h1>Order {order.id}</h1>
      <AccountNav current="/account/orders" />
      <p>
        Placed {dateFormat.format(new Date(order.createdAt))} UTC ·{' '}
        <OrderStatus status={order.status ?? 'pending'} />
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">Items in order {order.id}</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Quantity</th>
              <th scope="col">Unit price</th>
              <th scope="col">Line total</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => {
              const product = typeof item.product === 'object' ? (item.product as Product) : null
              return (
                <tr key={item.id ?? String(item.product)}>
                  <th scope="row">
                    {product ? (
                      <a href={`/p/${product.slug}`}>
                        {product.brand} {product.model}
                      </a>
                    ) : (
                      'A product no longer sold'
                    )}
                  </th>
                  <td>{item.quantity}</td>
                  <td>{formatMoney(item.unitPrice ?? 0, currency)}</td>
                  <td>{formatMoney(item.lineTotal ?? 0, currency)}</td>
                </tr>
              )
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td>
                <strong>{formatMoney(order.total ?? 0, currency)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {address && (
        <section aria-labelledby="address-heading">
          <h2 id="address-heading">Shipping to</h2>
          <address className="address">
            {[
              address.name,
              ...(address.lines ?? '').split('\n'),
              address.postcode + ' ' + address.city,
              address.country,
              address.phone,
            ]
              .filter((part) => part && part.trim())
              .map((part, index) => (
                <span key={index}>{part}</span>
              ))}
          </address>
        </section>
      )}
      {order.status === 'pending' && <CancelOrderButton order={order.id} />}
      <p>
        <a href="/account/orders">All my orders</a>
      </p>
    </>
  )
}

export default OrderPage
