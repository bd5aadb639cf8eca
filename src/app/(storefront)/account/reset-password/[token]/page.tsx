import type { Metadata } from 'next'

import { ResetPasswordForm } from '@/storefront/components/AuthForms'

export const metadata: Metadata = {
  title: 'Choose a new password',
  robots: { index: false, follow: false },
}

type Props = { params: Promise<{ token: string }> }

/** `/account/reset-password/<token>`: the emailed reset link's page. */
const ResetPasswordPage = async ({ params }: Props) => {
  const { token } = await params
  return (
    <div className="account-narrow">
      <h1>Choose a new password</h1>
      <ResetPasswordForm token={token} />
    </div>
  )
}

export default ResetPasswordPage
