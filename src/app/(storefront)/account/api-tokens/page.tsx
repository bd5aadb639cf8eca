import type { Metadata } from 'next'

import { requireShopper } from '@/storefront/account'
import { AccountNav } from '@/storefront/components/AccountNav'
import { ApiTokens } from '@/storefront/components/ApiTokens'

export const metadata: Metadata = { title: 'API tokens', robots: { index: false, follow: false } }

/** `/account/api-tokens`: personal tokens for scripts using the API as this account. */
const ApiTokensPage = async () => {
  await requireShopper('/account/api-tokens')
  return (
    <>
      <h1>API tokens</h1>
      <AccountNav current="/account/api-tokens" />
      <p>
        A personal token lets a script use the <a href="/api/docs">API</a> as you: send it as{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>. It never carries staff powers.
      </p>
      <ApiTokens />
    </>
  )
}

export default ApiTokensPage
