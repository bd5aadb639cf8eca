'use client'

import { Button, useAuth, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { apiErrorMessage } from '../dashboard/apiErrorMessage'
import styles from './OwnCredentials.module.css'

type Answer = { ok: boolean; message: string }

type Change = { password: string } | { email: string }

/**
 * "Password and email" on one's own account (a `ui` field of users; nothing on other users'
 * pages). Changing one's own password or email needs the current password (the server's rule,
 * `refuseUnconfirmedCredentialChanges`), and Payload's account view has no place for it. This is
 * a small form of its own, outside Payload's form state: its inputs register no fields, so
 * Payload's validation and Save are untouched. It sends `PATCH /api/users/<id>` with
 * `currentPassword` itself, with the panel's cookie, and shows the server's answer. Payload's
 * own "Change Password" button (which cannot send the current password) and its email input are
 * hidden on this page.
 */
export const OwnCredentials = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { api },
    },
  } = useConfig()
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [answers, setAnswers] = useState<Record<'password' | 'email', Answer | null>>({
    password: null,
    email: null,
  })
  const [fields, setFields] = useState({
    passwordCurrent: '',
    newPassword: '',
    repeatPassword: '',
    emailCurrent: '',
    newEmail: '',
  })
  if (!user || id === undefined || String(user.id) !== String(id)) return null

  const set = (name: keyof typeof fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields((current) => ({ ...current, [name]: event.target.value }))

  const send = async (what: 'password' | 'email', change: Change, currentPassword: string) => {
    setBusy(true)
    setAnswers((current) => ({ ...current, [what]: null }))
    try {
      const response = await fetch(`${api}/users/${user.id}`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...change, currentPassword }),
      })
      if (!response.ok) {
        const message = await apiErrorMessage(response)
        setAnswers((current) => ({ ...current, [what]: { ok: false, message } }))
        return
      }
      const message =
        what === 'password'
          ? 'Password changed. Use the new one next time you sign in.'
          : `A confirmation link was sent to ${(change as { email: string }).email}. Until it is opened, you sign in with your current email.`
      setAnswers((current) => ({ ...current, [what]: { ok: true, message } }))
      setFields((current) =>
        what === 'password'
          ? { ...current, passwordCurrent: '', newPassword: '', repeatPassword: '' }
          : { ...current, emailCurrent: '', newEmail: '' },
      )
      router.refresh()
    } catch {
      setAnswers((current) => ({
        ...current,
        [what]: { ok: false, message: 'The server could not be reached. Try again.' },
      }))
    } finally {
      setBusy(false)
    }
  }

  const changePassword = () => {
    if (fields.newPassword !== fields.repeatPassword) {
      setAnswers((current) => ({
        ...current,
        password: { ok: false, message: 'The new passwords do not match.' },
      }))
      return
    }
    void send('password', { password: fields.newPassword }, fields.passwordCurrent)
  }
  const changeEmail = () =>
    void send('email', { email: fields.newEmail.trim() }, fields.emailCurrent)

  // The inputs sit inside Payload's <form>: Enter would submit it, so it runs this form's action.
  const onEnter = (action: () => void) => (event: React.KeyboardEvent) => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    action()
  }

  const input = (
    name: keyof typeof fields,
    label: string,
    type: 'password' | 'email',
    autoComplete: string,
    action: () => void,
  ) => (
    <label className={styles.field}>
      <span>{label}</span>
      <input
        autoComplete={autoComplete}
        className={styles.input}
        disabled={busy}
        onChange={set(name)}
        onKeyDown={onEnter(action)}
        type={type}
        value={fields[name]}
      />
    </label>
  )

  const answer = (what: 'password' | 'email') => {
    const shown = answers[what]
    if (!shown) return null
    return (
      <p className={shown.ok ? styles.ok : styles.error} role={shown.ok ? 'status' : 'alert'}>
        {shown.message}
      </p>
    )
  }

  return (
    <section aria-labelledby="own-credentials-heading" className={styles.panel}>
      {/* Payload's own controls would send no current password, and the server refuses them. */}
      <style>{'#change-password, .auth-fields .field-type.email { display: none; }'}</style>
      <h3 id="own-credentials-heading">Password and email</h3>
      <p className={styles.lead}>
        Your email is <strong>{user.email}</strong>. Changing your password or email needs your
        current password.
      </p>
      <div className={styles.columns}>
        <fieldset className={styles.group}>
          <legend>Change password</legend>
          {input(
            'passwordCurrent',
            'Current password',
            'password',
            'current-password',
            changePassword,
          )}
          {input('newPassword', 'New password', 'password', 'new-password', changePassword)}
          {input(
            'repeatPassword',
            'Repeat the new password',
            'password',
            'new-password',
            changePassword,
          )}
          <Button
            buttonStyle="secondary"
            disabled={busy || !fields.passwordCurrent || !fields.newPassword}
            onClick={changePassword}
            size="small"
            type="button"
          >
            Change password
          </Button>
          {answer('password')}
        </fieldset>
        <fieldset className={styles.group}>
          <legend>Change email</legend>
          {input('emailCurrent', 'Current password', 'password', 'current-password', changeEmail)}
          {input('newEmail', 'New email', 'email', 'email', changeEmail)}
          <Button
            buttonStyle="secondary"
            disabled={busy || !fields.emailCurrent || !fields.newEmail.trim()}
            onClick={changeEmail}
            size="small"
            type="button"
          >
            Change email
          </Button>
          {answer('email')}
        </fieldset>
      </div>
    </section>
  )
}
