'use client'

import {
  Button,
  ConfirmationModal,
  toast,
  useAuth,
  useDocumentInfo,
  useModal,
} from '@payloadcms/ui'
import React, { useState } from 'react'

import type { Product, User } from '@/payload-types'
import { relationId } from '../../lib/relationId'
import { isStaffUser } from '../../lib/roles'
import { type ModerationAction, useProductModeration } from './useProductModeration'

/**
 * The moderation actions a user may take on the product in the edit view, beside Save: staff
 * approve or reject (with a reason, in a dialog) a pending product; its vendor resubmits it once
 * rejected. The moves are the dashboard's (`useProductModeration`); a refusal shows as a toast.
 * The server decides: the buttons only hide what it would refuse.
 */
export const ModerationActions: React.FC = () => {
  const { id, data } = useDocumentInfo()
  const { user } = useAuth<User>()
  const { openModal } = useModal()
  const [reason, setReason] = useState('')
  const { busy, moderate } = useProductModeration(id ?? '')
  const product = data as Partial<Product> | undefined
  if (!id || !product?.status || !user) return null

  const modalSlug = `reject-product-${id}`
  const staff = isStaffUser(user)
  const owner = relationId(product.owner) === user.id
  const actions: ModerationAction[] = []
  if (staff && product.status === 'pending') actions.push('approve', 'reject')
  if (owner && product.status === 'rejected') actions.push('resubmit')
  if (actions.length === 0) return null

  const run = async (action: ModerationAction, rejectionReason?: string): Promise<void> => {
    const refusal = await moderate(action, rejectionReason)
    if (refusal) toast.error(refusal)
    else setReason('')
  }

  return (
    <div className="moderation-actions" style={{ display: 'flex', gap: 'var(--base, 20px)' }}>
      {actions.includes('approve') && (
        <Button buttonStyle="primary" size="medium" disabled={busy} onClick={() => run('approve')}>
          Approve
        </Button>
      )}
      {actions.includes('reject') && (
        <Button
          buttonStyle="secondary"
          size="medium"
          disabled={busy}
          onClick={() => openModal(modalSlug)}
        >
          Reject…
        </Button>
      )}
      {actions.includes('resubmit') && (
        <Button
          buttonStyle="secondary"
          size="medium"
          disabled={busy}
          onClick={() => run('resubmit')}
        >
          Resubmit for moderation
        </Button>
      )}
      {actions.includes('reject') && (
        <ConfirmationModal
          modalSlug={modalSlug}
          heading="Reject this product"
          confirmLabel="Reject"
          confirmingLabel="Rejecting…"
          onCancel={() => setReason('')}
          onConfirm={() => run('reject', reason)}
          body={
            <label style={{ display: 'grid', gap: 8 }}>
              <span>Reason (shown to the vendor, required)</span>
              <textarea
                name="rejectionReasonDialog"
                rows={4}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                style={{ width: '100%', font: 'inherit', padding: 8 }}
              />
            </label>
          }
        />
      )}
    </div>
  )
}
