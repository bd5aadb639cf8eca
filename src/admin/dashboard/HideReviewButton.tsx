'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { apiErrorMessage } from './apiErrorMessage'

type Props = { apiRoute: string; reviewId: number; label: string }

/**
 * Hides a review the way staff always have: `PATCH /api/reviews/:id` with `status: 'hidden'`
 * (the field only admins and staff may write). The product's rating is recomputed by the
 * collection's hooks; the dashboard re-renders from the server afterwards.
 */
export const HideReviewButton: React.FC<Props> = ({ apiRoute, reviewId, label }) => {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const hide = async () => {
    setBusy(true)
    setError(null)
    try {
      const response = await fetch(`${apiRoute}/reviews/${reviewId}?depth=0`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status: 'hidden' }),
      })
      if (!response.ok) {
        setError(await apiErrorMessage(response))
        return
      }
      toast.success('Review hidden.')
      router.refresh()
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        disabled={busy}
        onClick={hide}
        aria-label={`Hide review ${label}`}
      >
        Hide
      </Button>
      {error && (
        <span className="mp-dash__error" role="alert">
          {error}
        </span>
      )}
    </>
  )
}
