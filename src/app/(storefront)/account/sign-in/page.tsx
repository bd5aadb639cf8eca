import type { Metadata } from 'next'
import { redirect } from 'next/navigation'

import { SignInForm } from '@/storefront/components/AuthForms'
import { localPath } from '@/storefront/paths'
import { shopper } from '@/storefront/session'

export const metadata: Metadata = {
  title: 'Sign in',
  alternates: { canonical: '/account/sign-in' },
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/account/sign-in?next=…`: sign in, merge this browser's cart, go on. */
const SignInPage = async ({ searchParams }: Props) => {
  const query = await searchParams
  const next = localPath(typeof query.next === 'string' ? query.next : undefined, '/account')
  if ((await shopper()).user) redirect(next)
  return (
    <div className="account-narrow">
      <h1>Sign in</h1>
      <SignInForm next={next} />
      <p>
        <a href="/account/forgot-password">Forgot your password?</a>
      </p>
      <p>
        New to the shop? <a href="/account/sign-up">Create an account</a>.
      </p>
    </div>
  )
}

export default SignInPage
