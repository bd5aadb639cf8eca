import { Gutter } from '@payloadcms/ui'
import Link from 'next/link'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import {
  dashboardScope,
  type DashboardData,
  loadDashboard,
} from '../../lib/dashboard/dashboardData'
import { formatCents, storeCurrency } from '../../lib/money'
import { ORDER_STATUS_OPTIONS } from '../../lib/statuses'
import { HideReviewButton } from './HideReviewButton'
import { ModerationActions } from './ModerationActions'
import { SalesChart } from './SalesChart'
import './dashboard.css'

const statusLabel = new Map(ORDER_STATUS_OPTIONS.map((option) => [option.value, option.label]))

const dateTime = (iso: string): string =>
  `${new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })} UTC`

type Links = { admin: string; api: string }

const Card: React.FC<{ label: string; value: string; note?: string }> = ({
  label,
  value,
  note,
}) => (
  <div className="mp-dash__card">
    <span className="mp-dash__card-label">{label}</span>
    <strong className="mp-dash__card-value">{value}</strong>
    {note && <span className="mp-dash__card-note">{note}</span>}
  </div>
)

const Section: React.FC<{ id: string; title: string; children: React.ReactNode }> = ({
  id,
  title,
  children,
}) => (
  <section className="mp-dash__section" aria-labelledby={id}>
    <h2 id={id}>{title}</h2>
    {children}
  </section>
)

const OrdersByStatus: React.FC<{ data: DashboardData; links: Links; currency: string }> = ({
  data,
  links,
  currency,
}) => (
  <table className="mp-dash__table">
    <thead>
      <tr>
        <th scope="col">Status</th>
        <th scope="col">Orders</th>
        <th scope="col">{data.scope.kind === 'vendor' ? 'Your lines' : 'Value'}</th>
      </tr>
    </thead>
    <tbody>
      {data.byStatus.map((row) => (
        <tr key={row.status}>
          <th scope="row">
            <Link href={`${links.admin}/collections/orders?where[status][equals]=${row.status}`}>
              {statusLabel.get(row.status)}
            </Link>
          </th>
          <td>{row.orders}</td>
          <td>{formatCents(row.cents, currency)}</td>
        </tr>
      ))}
    </tbody>
  </table>
)

const ModerationQueue: React.FC<{ data: DashboardData; links: Links; currency: string }> = ({
  data,
  links,
  currency,
}) => {
  const { products, total } = data.moderation
  const staff = data.scope.kind === 'store'
  if (products.length === 0) {
    return <p>{staff ? 'No product waits for moderation.' : 'All your products are approved.'}</p>
  }
  return (
    <>
      <ul className="mp-dash__list">
        {products.map((product) => (
          <li key={product.id} className="mp-dash__item">
            <div>
              <Link href={`${links.admin}/collections/products/${product.id}`}>{product.name}</Link>
              <span className="mp-dash__meta">
                {staff ? `by ${product.owner ?? 'the store'} · ` : ''}
                {formatCents(product.priceCents, currency)} · {product.status} since{' '}
                {dateTime(product.submittedAt)}
              </span>
              {product.rejectionReason && (
                <span className="mp-dash__reason">Reason: {product.rejectionReason}</span>
              )}
            </div>
            {staff && <ModerationActions productId={product.id} productName={product.name} />}
          </li>
        ))}
      </ul>
      {total > products.length && (
        <p>
          <Link
            href={`${links.admin}/collections/products?where[status][${staff ? 'equals' : 'not_equals'}]=${staff ? 'pending' : 'approved'}`}
          >
            All {total} products{staff ? ' waiting' : ' not approved'}
          </Link>
        </p>
      )}
    </>
  )
}

const LowStock: React.FC<{ data: DashboardData; links: Links }> = ({ data, links }) => {
  const { products, total, threshold } = data.lowStock
  if (products.length === 0) return <p>No product has {threshold} units or fewer left.</p>
  return (
    <>
      <table className="mp-dash__table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            {data.scope.kind === 'store' && <th scope="col">Vendor</th>}
            <th scope="col">Status</th>
            <th scope="col">Left</th>
          </tr>
        </thead>
        <tbody>
          {products.map((product) => (
            <tr key={product.id}>
              <th scope="row">
                <Link href={`${links.admin}/collections/products/${product.id}`}>
                  {product.name}
                </Link>
              </th>
              {data.scope.kind === 'store' && <td>{product.owner ?? 'the store'}</td>}
              <td>{product.status}</td>
              <td className={product.stock === 0 ? 'mp-dash__empty' : undefined}>
                {product.stock === 0 ? 'sold out' : product.stock}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > products.length && (
        <p>
          <Link
            href={`${links.admin}/collections/products?where[stock][less_than_equal]=${threshold}&sort=stock`}
          >
            All {total} products low on stock
          </Link>
        </p>
      )}
    </>
  )
}

const Reviews: React.FC<{ data: DashboardData; links: Links }> = ({ data, links }) => {
  const { newest } = data.reviews
  if (newest.length === 0) return <p>No reviews yet.</p>
  const staff = data.scope.kind === 'store'
  return (
    <ul className="mp-dash__list">
      {newest.map((review) => (
        <li key={review.id} className="mp-dash__item">
          <div>
            <span className="mp-dash__stars" aria-label={`${review.rating} out of 5 stars`}>
              {'★'.repeat(review.rating)}
              {'☆'.repeat(5 - review.rating)}
            </span>{' '}
            {staff ? (
              <Link href={`${links.admin}/collections/reviews/${review.id}`}>
                {review.title || 'Untitled review'}
              </Link>
            ) : (
              <span>{review.title || 'Untitled review'}</span>
            )}
            <span className="mp-dash__meta">
              {review.product} · by {review.author ?? 'a former user'}
              {review.verifiedPurchase ? ' · verified purchase' : ''} · {dateTime(review.createdAt)}
              {review.status !== 'published' ? ` · ${review.status}` : ''}
            </span>
          </div>
          {staff && review.status === 'published' && (
            <HideReviewButton
              apiRoute={links.api}
              reviewId={review.id}
              label={`${review.title ?? ''} of ${review.product}`.trim()}
            />
          )}
        </li>
      ))}
    </ul>
  )
}

/**
 * The admin panel's home (`admin.components.views.dashboard`): what needs attention today.
 * Admins and staff see the whole store; a vendor sees the figures of their own products only
 * (their order lines, their pending and rejected products, their stock, their reviews). Every
 * figure comes from the aggregate statements of `src/lib/dashboard/dashboardSql.ts`.
 */
export const Dashboard = async ({ initPageResult }: AdminViewServerProps) => {
  const { req } = initPageResult
  const { payload } = req
  const scope = dashboardScope(req.user)
  const links: Links = { admin: payload.config.routes.admin, api: payload.config.routes.api }
  if (!scope) {
    return (
      <Gutter className="mp-dash">
        <h1>Dashboard</h1>
        <p>There is nothing for your account to manage here.</p>
      </Gutter>
    )
  }
  const data = await loadDashboard(payload, scope)
  const currency = storeCurrency()
  const vendor = scope.kind === 'vendor'
  const scopeLabel = vendor ? 'your products' : 'whole store'
  const paidOrders = data.byStatus
    .filter((row) => row.status !== 'pending' && row.status !== 'cancelled')
    .reduce((sum, row) => sum + row.orders, 0)

  return (
    <Gutter className="mp-dash">
      <header className="mp-dash__header">
        <h1>{vendor ? 'Your shop' : 'Store dashboard'}</h1>
        <p>
          {vendor
            ? 'Figures for your own products only: your order lines, your stock, your reviews.'
            : 'The whole store: sales of the last 30 days and what needs attention.'}
        </p>
      </header>

      <div className="mp-dash__cards">
        <Card
          label="Revenue, last 30 days"
          value={formatCents(data.totals.revenueCents, currency)}
          note={vendor ? 'your lines in paid orders' : 'paid, shipped and delivered orders'}
        />
        <Card label="Orders, last 30 days" value={String(data.totals.orders)} />
        <Card
          label={vendor ? 'Your products not approved' : 'Waiting for moderation'}
          value={String(data.moderation.total)}
        />
        <Card
          label="Low on stock"
          value={String(data.lowStock.total)}
          note={`${data.lowStock.threshold} units or fewer`}
        />
        <Card
          label="Average rating"
          value={data.reviews.average === null ? '–' : `${data.reviews.average.toFixed(2)} / 5`}
          note={`${data.reviews.published} published, ${data.reviews.hidden} hidden`}
        />
      </div>

      <Section id="mp-dash-sales" title="Sales per day">
        <SalesChart daily={data.daily} currency={currency} scopeLabel={scopeLabel} />
      </Section>

      <div className="mp-dash__columns">
        <Section
          id="mp-dash-moderation"
          title={vendor ? 'Your pending and rejected products' : 'Moderation queue'}
        >
          <ModerationQueue data={data} links={links} currency={currency} />
        </Section>
        <Section id="mp-dash-status" title="Orders by status">
          <OrdersByStatus data={data} links={links} currency={currency} />
          <p className="mp-dash__meta">All time; {paidOrders} orders paid or further along.</p>
        </Section>
        <Section id="mp-dash-stock" title="Low stock">
          <LowStock data={data} links={links} />
        </Section>
        <Section
          id="mp-dash-reviews"
          title={vendor ? 'Newest reviews of your products' : 'Newest reviews'}
        >
          <Reviews data={data} links={links} />
        </Section>
      </div>
    </Gutter>
  )
}
