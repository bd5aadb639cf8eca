'use client'

import { useState } from 'react'

import { rest } from '../client/rest'

/** Cancels a pending order of the signed-in customer (`PATCH /api/orders/:id`, status cancelled). */
export const CancelOrderButton = ({ order }: { order: number }) => {
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)
  const cancel = async () => {
    if (!window.confirm(`Cancel order ${order}? Its items go back on sale.`)) return
    setBusy(true)
    const answer = await rest(`/api/orders/${order}`, {
      method: 'PATCH',
      body: { status: 'cancelled' },
    })
    setBusy(false)
    if (answer.ok) window.location.reload()
    else setProblem(answer.message)
  }
  return (
    <div className="order-actions">
      <button type="button" className="button button-secondary" disabled={busy} onClick={cancel}>
        Cancel order
      </button>
      <div role="alert" className="form-outcome">
        {problem && <p className="message message-error">{problem}</p>}
      </div>
    </div>
  )
}
