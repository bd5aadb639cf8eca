import type { Metadata } from 'next'

import { ForgotPasswordForm } from '@/storefront/components/AuthForms'

export const metadata: Metadata = {
  title: 'Forgot your password?',
  alternates: { canonical: '/account/forgot-password' },
}

/** `/account/forgot-password`: emails a reset link. */
const ForgotPasswordPage = () => (
  <div className="account-narrow">
    <h1>Forgot your password?</h1>
    <p>Enter your account’s email address and we will send you a link to choose a new password.</p>
    <ForgotPasswordForm />
    <p>
      <a href="/account/sign-in">Back to sign in</a>
    </p>
  </div>
)

export default ForgotPasswordPage
