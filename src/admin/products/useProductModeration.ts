'use client'

import { toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { apiErrorMessage } from '../dashboard/apiErrorMessage'

export type ModerationAction = 'approve' | 'reject' | 'resubmit'

const DONE: Record<ModerationAction, string> = {
  approve: 'approved',
  reject: 'rejected',
  resubmit: 'resubmitted for moderation',
}

/**
 * One product's moderation moves as the panel makes them, for the dashboard's queue and the
 * product's edit view alike: `POST /api/products/:id/approve|reject|resubmit` (the endpoints
 * every client uses, which run the moderation operation), a toast on success, then the page
 * re-renders from the server. `moderate` resolves to the server's refusal, or null when done.
 */
export const useProductModeration = (productId: number | string, productName = 'Product') => {
  const router = useRouter()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  const [busy, setBusy] = useState(false)

  const moderate = async (action: ModerationAction, reason?: string): Promise<string | null> => {
    setBusy(true)
    try {
      const response = await fetch(`${api}/products/${productId}/${action}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(action === 'reject' ? { reason: reason ?? '' } : {}),
      })
      if (!response.ok) return await apiErrorMessage(response)
      toast.success(`${productName} ${DONE[action]}.`)
      router.refresh()
      return null
    } catch {
      return 'The server could not be reached. Try again.'
    } finally {
      setBusy(false)
    }
  }

  return { busy, moderate }
}
