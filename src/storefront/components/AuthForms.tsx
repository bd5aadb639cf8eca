'use client'

import { useState } from 'react'

import { PASSWORD_MIN_LENGTH } from '@/lib/auth/passwordPolicy'
import { mergeGuestCart } from '../client/cart'
import { rest } from '../client/rest'
import { localPath } from '../paths'
import { Field } from './Field'

type Outcome = { ok: boolean; text: string }

const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters, mixing letters with digits or symbols.`

const Outcome = ({ outcome }: { outcome?: Outcome }) => (
  <div role={outcome?.ok ? 'status' : 'alert'} className="form-outcome">
    {outcome && (
      <p className={outcome.ok ? 'message message-ok' : 'message message-error'}>{outcome.text}</p>
    )}
  </div>
)

/**
 * Sign in with email or username (`POST /api/users/login` sets the session cookie), then merge
 * this browser's guest cart into the saved one and go on to `next`.
 */
export const SignInForm = ({ next, notice }: { next?: string; notice?: string }) => {
  const [outcome, setOutcome] = useState<Outcome | undefined>(
    notice ? { ok: true, text: notice } : undefined,
  )
  const [busy, setBusy] = useState(false)
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const login = String(form.get('login') ?? '').trim()
    const password = String(form.get('password') ?? '')
    if (!login || !password) {
      setOutcome({ ok: false, text: 'Enter your email or username and your password.' })
      return
    }
    setBusy(true)
    const answer = await rest('/api/users/login', {
      method: 'POST',
      body: login.includes('@') ? { email: login, password } : { username: login, password },
    })
    if (!answer.ok) {
      setBusy(false)
      setOutcome({ ok: false, text: answer.message })
      return
    }
    const merged = await mergeGuestCart()
    const target = localPath(next, '/account')
    window.location.assign(
      merged.error || merged.adjusted?.length ? '/cart?merged=adjusted' : target,
    )
  }
  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Field id="login" label="Email or username" autoComplete="username" required />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
      <Outcome outcome={outcome} />
      <button type="submit" className="button button-wide" disabled={busy}>
        Sign in
      </button>
    </form>
  )
}

/**
 * Sign up as a customer or a vendor (`POST /api/users`); the account is activated by the link
 * emailed to the address. The server's rules (password policy, username format) answer here.
 */
export const SignUpForm = () => {
  const [outcome, setOutcome] = useState<Outcome>()
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const data = {
      username: String(form.get('username') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      roles: [form.get('role') === 'vendor' ? 'vendor' : 'customer'],
    }
    if (!data.username || !data.email || !data.password) {
      setOutcome({ ok: false, text: 'Fill in a username, your email and a password.' })
      return
    }
    setBusy(true)
    const answer = await rest('/api/users', { method: 'POST', body: data })
    setBusy(false)
    if (!answer.ok) {
      setOutcome({ ok: false, text: answer.message })
      return
    }
    setDone(true)
    setOutcome({
      ok: true,
      text: `Almost done: we sent an activation link to ${data.email}. Open it, then sign in.`,
    })
  }
  if (done) return <Outcome outcome={outcome} />
  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Field
        id="username"
        label="Username"
        autoComplete="username"
        hint="3–30 letters, digits, “.”, “_” or “-”. Shown with your reviews."
        required
      />
      <Field id="email" label="Email" type="email" autoComplete="email" required />
      <Field
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
      />
      <fieldset className="role-choice">
        <legend>I want to</legend>
        <label>
          <input type="radio" name="role" value="customer" defaultChecked /> shop (customer)
        </label>
        <label>
          <input type="radio" name="role" value="vendor" /> sell my products (vendor)
        </label>
      </fieldset>
      <Outcome outcome={outcome} />
      <button type="submit" className="button button-wide" disabled={busy}>
        Create account
      </button>
    </form>
  )
}

/** Ask for a password reset link (`POST /api/users/forgot-password`; it never says whether the address has an account). */
export const ForgotPasswordForm = () => {
  const [outcome, setOutcome] = useState<Outcome>()
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim()
    if (!email) {
      setOutcome({ ok: false, text: 'Enter the email address of your account.' })
      return
    }
    const answer = await rest('/api/users/forgot-password', { method: 'POST', body: { email } })
    setOutcome(
      answer.ok
        ? { ok: true, text: `If ${email} has an account, a reset link is on its way.` }
        : { ok: false, text: answer.message },
    )
  }
  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Field id="email" label="Email" type="email" autoComplete="email" required />
      <Outcome outcome={outcome} />
      <button type="submit" className="button button-wide">
        Send reset link
      </button>
    </form>
  )
}

/** Choose a new password with the emailed token (`POST /api/users/reset-password`). */
export const ResetPasswordForm = ({ token }: { token: string }) => {
  const [outcome, setOutcome] = useState<Outcome>()
  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const password = String(new FormData(event.currentTarget).get('password') ?? '')
    if (!password) {
      setOutcome({ ok: false, text: 'Enter a new password.' })
      return
    }
    const answer = await rest('/api/users/reset-password', {
      method: 'POST',
      body: { token, password },
    })
    if (!answer.ok) {
      setOutcome({ ok: false, text: answer.message })
      return
    }
    // The reset ends every other session and signs this browser in (Payload sets the cookie).
    window.location.assign('/account')
  }
  return (
    <form className="account-form" onSubmit={submit} noValidate>
      <Field
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={PASSWORD_HINT}
        required
      />
      <Outcome outcome={outcome} />
      <button type="submit" className="button button-wide">
        Set new password
      </button>
    </form>
  )
}

/** Signs out (`POST /api/users/logout`, which ends the session) and goes to the home page. */
export const SignOutButton = () => (
  <button
    type="button"
    className="button button-secondary"
    onClick={async () => {
      await rest('/api/users/logout', { method: 'POST' })
      window.location.assign('/')
    }}
  >
    Sign out
  </button>
)
