import type { Metadata } from 'next'

import { formatMoney } from '@/lib/money'
import { myOrders } from '@/storefront/account'
import { AccountNav } from '@/storefront/components/AccountNav'
import { OrderStatus } from '@/storefront/components/OrderStatus'
import { Pagination } from '@/storefront/components/Pagination'

export const metadata: Metadata = { title: 'My orders', robots: { index: false, follow: false } }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
})

/** `/account/orders`: the customer's orders, newest first. */
const OrdersPage = async ({ searchParams }: Props) => {
  const { page } = await searchParams
  const orders = await myOrders(Math.max(1, Number(page) || 1))
  return (
    <>
      <h1>My orders</h1>
      <AccountNav current="/account/orders" />
      {orders.totalDocs === 0 ? (
        <p className="notice">
          You have no orders yet. <a href="/search">Browse the products</a>.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Your orders</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Placed</th>
                <th scope="col">Items</th>
                <th scope="col">Total</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {orders.docs.map((order) => (
                <tr key={order.id}>
                  <th scope="row">
                    <a href={`/account/orders/${order.id}`}>Order {order.id}</a>
                  </th>
                  <td>{dateFormat.format(new Date(order.createdAt))} UTC</td>
                  <td>{(order.items ?? []).reduce((sum, item) => sum + item.quantity, 0)}</td>
                  <td>{formatMoney(order.total ?? 0, order.currency ?? undefined)}</td>
                  <td>
                    <OrderStatus status={order.status ?? 'pending'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        path="/account/orders"
        params={{}}
        page={orders.page ?? 1}
        totalPages={orders.totalPages}
        name="page"
        label="Order pages"
      />
    </>
  )
}

export default OrdersPage
