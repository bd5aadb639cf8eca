import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import Link from 'next/link'
import { APIError, type AdminViewServerProps } from 'payload'

import { formatMoney } from '../../lib/money'
import { hasRole } from '../../lib/roles'
import { ORDER_STATUS_OPTIONS } from '../../lib/statuses'
import { findVendorLines, parseVendorLinesQuery } from '../../lib/vendorLines'
import { FULFILMENT_PATH } from './fulfilmentPath'
import styles from './FulfilmentView.module.css'

const searchParamsOf = (searchParams: AdminViewServerProps['searchParams']) => {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(searchParams ?? {})) {
    for (const each of Array.isArray(value) ? value : [value]) {
      if (typeof each === 'string') params.append(key, each)
    }
  }
  return params
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' })

/**
 * `/admin/fulfilment`: a vendor's order lines (`findVendorLines`, the same query as
 * `GET /api/orders/vendor-lines`), filterable by order status and paginated. Shows no customer
 * data; staff are sent to the Orders list instead.
 */
export const FulfilmentView = async ({
  initPageResult,
  params,
  searchParams,
}: AdminViewServerProps) => {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  const base = `${adminRoute}${FULFILMENT_PATH}`
  const query = searchParamsOf(searchParams)

  let body: React.ReactNode
  if (!hasRole(req.user, 'vendor')) {
    body = (
      <p>
        This page lists the order lines of a vendor&apos;s products. Staff see whole orders in{' '}
        <Link href={`${adminRoute}/collections/orders`}>Orders</Link>.
      </p>
    )
  } else {
    let page
    let problem: string | undefined
    try {
      page = await findVendorLines(req, parseVendorLinesQuery(query))
    } catch (error) {
      if (!(error instanceof APIError)) throw error
      problem = error.message
    }
    const status = query.get('status')
    const link = (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(query)
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key)
        else next.set(key, value)
      }
      const text = next.toString()
      return text ? `${base}?${text}` : base
    }
    body = (
      <>
        <nav aria-label="Filter by order status" className={styles.filters}>
          {[{ label: 'All', value: null }, ...ORDER_STATUS_OPTIONS].map((option) => (
            <Link
              aria-current={status === option.value ? 'page' : undefined}
              className={status === option.value ? styles.active : undefined}
              href={link({ status: option.value, page: null })}
              key={option.label}
            >
              {option.label}
            </Link>
          ))}
        </nav>
        {problem && <p role="alert">{problem}</p>}
        {page && page.totalDocs === 0 && <p>No order lines yet.</p>}
        {page && page.totalDocs > 0 && (
          <>
            <div className="table">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Ordered</th>
                    <th scope="col">Order status</th>
                    <th scope="col">Product</th>
                    <th className={styles.number} scope="col">
                      Quantity
                    </th>
                    <th className={styles.number} scope="col">
                      Unit price
                    </th>
                    <th className={styles.number} scope="col">
                      Line total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.docs.map((line) => (
                    <tr key={line.lineId}>
                      <td>#{line.orderId}</td>
                      <td>{dateFormat.format(new Date(line.orderedAt))}</td>
                      <td>
                        {ORDER_STATUS_OPTIONS.find((option) => option.value === line.orderStatus)
                          ?.label ?? line.orderStatus}
                      </td>
                      <td>
                        <Link href={`${adminRoute}/collections/products/${line.product.id}`}>
                          {line.product.brand} {line.product.model}
                        </Link>
                      </td>
                      <td className={styles.number}>{line.quantity}</td>
                      <td className={styles.number}>
                        {line.unitPrice === null
                          ? '—'
                          : formatMoney(line.unitPrice, line.currency ?? undefined)}
                      </td>
                      <td className={styles.number}>
                        {line.lineTotal === null
                          ? '—'
                          : formatMoney(line.lineTotal, line.currency ?? undefined)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav aria-label="Pages" className={styles.pages}>
              <span>
                Page {page.page} of {Math.max(page.totalPages, 1)} · {page.totalDocs} lines
              </span>
              {page.prevPage && <Link href={link({ page: String(page.prevPage) })}>Previous</Link>}
              {page.nextPage && <Link href={link({ page: String(page.nextPage) })}>Next</Link>}
            </nav>
          </>
        )}
      </>
    )
  }

  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <SetStepNav nav={[{ label: 'Order lines to fulfil' }]} />
      <Gutter>
        <h1 className={styles.title}>Order lines to fulfil</h1>
        <p className={styles.note}>
          The lines of your products in customers&apos; orders. The store ships every order: prepare
          the paid lines and hand them over; customers&apos; details stay with the store.
        </p>
        {body}
      </Gutter>
    </DefaultTemplate>
  )
}
