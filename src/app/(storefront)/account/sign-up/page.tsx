import type { Metadata } from 'next'

import { SignUpForm } from '@/storefront/components/AuthForms'

export const metadata: Metadata = {
  title: 'Create an account',
  alternates: { canonical: '/account/sign-up' },
}

/** `/account/sign-up`: a customer or vendor account, activated by an emailed link. */
const SignUpPage = () => (
  <div className="account-narrow">
    <h1>Create an account</h1>
    <SignUpForm />
    <p>
      Already have an account? <a href="/account/sign-in">Sign in</a>.
    </p>
  </div>
)

export default SignUpPage
