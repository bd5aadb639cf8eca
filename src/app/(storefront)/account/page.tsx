import type { Metadata } from 'next'

import { hasConsole, requireShopper } from '@/storefront/account'
import { AccountNav } from '@/storefront/components/AccountNav'
import { SignOutButton } from '@/storefront/components/AuthForms'

export const metadata: Metadata = { title: 'Your account', robots: { index: false, follow: false } }

/** `/account`: who is signed in, the account's pages, the vendor console for vendors, sign out. */
const AccountPage = async () => {
  const { user } = await requireShopper('/account')
  return (
    <>
      <h1>Your account</h1>
      <AccountNav current="/account" />
      <section className="account-card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Signed in as {user.username}</h2>
        <p>{user.email}</p>
        <p className="hint">Roles: {user.roles.join(', ')}</p>
        {hasConsole(user) && (
          <p>
            <a className="button" href="/admin">
              Open the vendor console
            </a>
          </p>
        )}
        <SignOutButton />
      </section>
    </>
  )
}

export default AccountPage
