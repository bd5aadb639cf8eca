import React from 'react'

import type { DailySales } from '../../lib/dashboard/dashboardData'
import { formatCents } from '../../lib/money'

const WIDTH = 720
const HEIGHT = 260
const PAD = { top: 16, right: 48, bottom: 32, left: 72 }
const PLOT_W = WIDTH - PAD.left - PAD.right
const PLOT_H = HEIGHT - PAD.top - PAD.bottom

/** A round axis maximum at or above `value` (1, 2 or 5 times a power of ten). */
const niceCeiling = (value: number): number => {
  if (value <= 0) return 1
  const power = 10 ** Math.floor(Math.log10(value))
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power
}

const dayLabel = (day: string): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  })

/**
 * Revenue (bars) and orders placed (line) per day, drawn on the server as SVG: no chart library
 * in the admin bundle, nothing to hydrate. Screen readers get the `<title>` and a `<desc>` that
 * sums it up, and everyone the same figures as a table below it.
 */
export const SalesChart: React.FC<{
  daily: DailySales[]
  currency: string
  scopeLabel: string
}> = ({ daily, currency, scopeLabel }) => {
  const revenueMax = niceCeiling(Math.max(...daily.map((day) => day.revenueCents)))
  const ordersMax = niceCeiling(Math.max(...daily.map((day) => day.orders)))
  const slot = PLOT_W / daily.length
  const x = (index: number) => PAD.left + index * slot
  const yRevenue = (cents: number) => PAD.top + PLOT_H - (cents / revenueMax) * PLOT_H
  const yOrders = (orders: number) => PAD.top + PLOT_H - (orders / ordersMax) * PLOT_H
  const totalCents = daily.reduce((sum, day) => sum + day.revenueCents, 0)
  const totalOrders = daily.reduce((sum, day) => sum + day.orders, 0)
  const best = daily.reduce((top, day) => (day.revenueCents > top.revenueCents ? day : top))
  const first = daily[0]
  const last = daily[daily.length - 1]
  const summary =
    `${formatCents(totalCents, currency)} of revenue from ${totalOrders} orders placed between ` +
    `${dayLabel(first.day)} and ${dayLabel(last.day)}` +
    (best.revenueCents > 0
      ? `; the best day was ${dayLabel(best.day)} with ${formatCents(best.revenueCents, currency)}.`
      : '.')
  const ticks = [0, 0.25, 0.5, 0.75, 1]
  const points = daily
    .map((day, index) => `${x(index) + slot / 2},${yOrders(day.orders)}`)
    .join(' ')

  return (
    <figure className="mp-dash__chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="mp-sales-title mp-sales-desc"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="mp-sales-title">{`Revenue and orders per day, last ${daily.length} days (${scopeLabel})`}</title>
        <desc id="mp-sales-desc">{summary}</desc>
        {ticks.map((tick) => (
          <g key={tick} className="mp-dash__grid">
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={yRevenue(tick * revenueMax)}
              y2={yRevenue(tick * revenueMax)}
            />
            <text x={PAD.left - 8} y={yRevenue(tick * revenueMax) + 4} textAnchor="end">
              {formatCents(Math.round(tick * revenueMax), currency).replace(/\.00$/, '')}
            </text>
            <text x={WIDTH - PAD.right + 8} y={yOrders(tick * ordersMax) + 4}>
              {Number.isInteger(tick * ordersMax) ? tick * ordersMax : ''}
            </text>
          </g>
        ))}
        {daily.map((day, index) => (
          <rect
            key={day.day}
            className="mp-dash__bar"
            x={x(index) + slot * 0.15}
            width={slot * 0.7}
            y={yRevenue(day.revenueCents)}
            height={PAD.top + PLOT_H - yRevenue(day.revenueCents)}
          >
            <title>{`${dayLabel(day.day)}: ${formatCents(day.revenueCents, currency)}, ${day.orders} orders`}</title>
          </rect>
        ))}
        <polyline className="mp-dash__line" points={points} />
        {daily.map((day, index) =>
          index % 5 === (daily.length - 1) % 5 ? (
            <text
              key={day.day}
              className="mp-dash__axis"
              x={x(index) + slot / 2}
              y={HEIGHT - 10}
              textAnchor="middle"
            >
              {dayLabel(day.day)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="mp-dash__legend">
        <span className="mp-dash__key mp-dash__key--bar" aria-hidden="true" /> Revenue (paid,
        shipped, delivered; left axis)
        <span className="mp-dash__key mp-dash__key--line" aria-hidden="true" /> Orders placed (right
        axis)
      </figcaption>
      <details className="mp-dash__table-toggle">
        <summary>Show the figures as a table</summary>
        <table className="mp-dash__table">
          <caption className="mp-dash__sr">Revenue and orders per day</caption>
          <thead>
            <tr>
              <th scope="col">Day (UTC)</th>
              <th scope="col">Orders placed</th>
              <th scope="col">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {daily.map((day) => (
              <tr key={day.day}>
                <th scope="row">{dayLabel(day.day)}</th>
                <td>{day.orders}</td>
                <td>{formatCents(day.revenueCents, currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}
