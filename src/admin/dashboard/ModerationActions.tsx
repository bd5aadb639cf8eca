'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useId, useState } from 'react'

import { apiErrorMessage } from './apiErrorMessage'

type Props = { apiRoute: string; productId: number; productName: string }

/**
 * Approve, or reject with a reason, one pending product from the dashboard, through the same
 * endpoints as any client (`POST /api/products/:id/approve` and `/:id/reject`), which run the
 * moderation operation. The dashboard re-renders from the server afterwards.
 */
export const ModerationActions: React.FC<Props> = ({ apiRoute, productId, productName }) => {
  const router = useRouter()
  const reasonId = useId()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`${apiRoute}/products/${productId}/${decision}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(decision === 'reject' ? { reason } : {}),
      })
      if (!response.ok) {
        setError(await apiErrorMessage(response))
        return
      }
      toast.success(`${productName} ${decision === 'approve' ? 'approved' : 'rejected'}.`)
      setRejecting(false)
      router.refresh()
    } finally {
      setBusy(false)
    }
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
