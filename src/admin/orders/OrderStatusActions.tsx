'use client'
import {
  Button,
  ConfirmationModal,
  FieldLabel,
  toast,
  useConfig,
  useFormModified,
  useModal,
} from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import type { OrderStatus } from '../../lib/statuses'

/** A move the signed-in user may make, as a button. */
export type StatusMove = { to: OrderStatus; label: string; statusLabel: string }

type Props = {
  id?: number | string
  moves: StatusMove[]
  path: string
  status: OrderStatus
  statusLabel: string
}

const CANCEL_MODAL = 'confirm-cancel-order'

/**
 * The buttons of `OrderStatusField`. Each PATCHes `/api/orders/:id` with the new status, the same
 * request any API client makes (so every rule and the stock effects apply), then reloads the
 * document from the server. Cancelling asks for confirmation first; with unsaved edits in the
 * form the buttons wait for a save (the reload would drop them).
 */
export const OrderStatusActions = ({ id, moves, path, status, statusLabel }: Props) => {
  const router = useRouter()
  const modified = useFormModified()
  const { openModal } = useModal()
  const {
    config: {
      routes: { api },
      serverURL,
    },
  } = useConfig()
  const [busy, setBusy] = useState(false)

  const move = async (to: OrderStatus, label: string) => {
    setBusy(true)
    try {
      const response = await fetch(`${serverURL}${api}/orders/${id}`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: to }),
      })
      const body = (await response.json().catch(() => ({}))) as {
        errors?: { message: string }[]
      }
      if (!response.ok) {
        toast.error(
          body.errors?.[0]?.message ?? `The order could not be moved (${response.status})`,
        )
        return
      }
      toast.success(`Order ${label.toLowerCase()}`)
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  const cancel = moves.find((each) => each.to === 'cancelled')
  return (
    <div className="field-type" data-order-status={status}>
      <FieldLabel label="Status" path={path} />
      <p style={{ margin: '4px 0 12px', fontWeight: 600 }} data-order-status-label>
        {statusLabel}
      </p>
      {moves.length > 0 && (
        <div
          style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
          role="group"
          aria-label="Next steps"
        >
          {moves.map(({ to, label, statusLabel: target }) => (
            <Button
              key={to}
              buttonStyle={to === 'cancelled' ? 'secondary' : 'primary'}
              disabled={busy || modified}
              margin={false}
              onClick={() => (to === 'cancelled' ? openModal(CANCEL_MODAL) : move(to, target))}
              size="small"
            >
              {label}
            </Button>
          ))}
        </div>
      )}
      {moves.length > 0 && modified && (
        <p style={{ marginTop: 8 }}>Save or discard your changes before moving the order.</p>
      )}
      {id === undefined && <p>A new order starts pending.</p>}
      {cancel && (
        <ConfirmationModal
          body="The order is cancelled and its items go back into stock. This cannot be undone."
          cancelLabel="Keep the order"
          confirmLabel="Cancel order"
          heading="Cancel this order?"
          modalSlug={CANCEL_MODAL}
          onConfirm={() => move('cancelled', cancel.statusLabel)}
        />
      )}
    </div>
  )
}
