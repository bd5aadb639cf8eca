'use client'

import { Button } from '@payloadcms/ui'
import React, { useId, useState } from 'react'

import { useProductModeration } from '../products/useProductModeration'

type Props = { productId: number; productName: string }

/**
 * Approve, or reject with a reason, one pending product from the dashboard (the same moves as
 * the product's edit view, `useProductModeration`). A refusal is shown next to the buttons.
 */
export const ModerationActions: React.FC<Props> = ({ productId, productName }) => {
  const reasonId = useId()
  const { busy, moderate } = useProductModeration(productId, productName)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)

  const decide = async (decision: 'approve' | 'reject') => {
    setError(null)
    const refusal = await moderate(decision, reason)
    if (refusal) setError(refusal)
    else setRejecting(false)
  }

  return (
    <div className="mp-dash__actions">
      {!rejecting && (
        <>
          <Button
            buttonStyle="primary"
            size="small"
            margin={false}
            disabled={busy}
            onClick={() => decide('approve')}
            aria-label={`Approve ${productName}`}
          >
            Approve
          </Button>
          <Button
            buttonStyle="secondary"
            size="small"
            margin={false}
            disabled={busy}
            onClick={() => setRejecting(true)}
            aria-label={`Reject ${productName}…`}
          >
            Reject…
          </Button>
        </>
      )}
      {rejecting && (
        <form
          className="mp-dash__reject"
          onSubmit={(event) => {
            event.preventDefault()
            void decide('reject')
          }}
        >
          <label htmlFor={reasonId}>Reason for rejecting {productName} (shown to the vendor)</label>
          <textarea
            id={reasonId}
            name="reason"
            required
            rows={2}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <div className="mp-dash__actions">
            <Button
              type="submit"
              buttonStyle="primary"
              size="small"
              margin={false}
              disabled={busy || !reason.trim()}
            >
              Reject product
            </Button>
            <Button
              buttonStyle="secondary"
              size="small"
              margin={false}
              disabled={busy}
              onClick={() => {
                setRejecting(false)
                setError(null)
              }}
            >
              Cancel
            </Button>
          </div>
        </form>
      )}
      {error && (
        <p className="mp-dash__error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
