'use client'

import { useAuth, useDocumentInfo, useField } from '@payloadcms/ui'
import React from 'react'

/**
 * The current-password input of one's own account in the admin panel: what a change of one's own
 * password or email must carry (`refuseUnconfirmedCredentialChanges`). It writes the form's
 * `currentPassword` value, which the save sends with the rest and the server strips before
 * anything is stored; the field itself stays unreadable (the input starts empty, the value is
 * never sent back). A plain masked input with no validation of its own: Payload's
 * `PasswordField` validates like a new password and blocked every save (docs/AUTH.md).
 */
export const CurrentPasswordField: React.FC = () => {
  const { id } = useDocumentInfo()
  const { user } = useAuth()
  const { value, setValue } = useField<string>({ path: 'currentPassword' })
  if (!user || id === undefined || String(id) !== String(user.id)) return null
  return (
    <div className="field-type text current-password">
      <label className="field-label" htmlFor="field-currentPassword">
        Current password
      </label>
      <div className="field-type__wrap">
        <input
          id="field-currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={value ?? ''}
          onChange={(event) => setValue(event.target.value)}
        />
      </div>
      <div className="field-description">Needed to change your own password or email.</div>
    </div>
  )
}
