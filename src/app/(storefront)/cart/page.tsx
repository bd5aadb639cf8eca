import type { Metadata } from 'next'

import { CartView } from '@/storefront/components/CartView'
import { storeCurrency } from '@/storefront/money'
import { shopper } from '@/storefront/session'

export const metadata: Metadata = {
  title: 'Your cart',
  alternates: { canonical: '/cart' },
  robots: { index: false, follow: true },
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

/** `/cart`: a guest's cart (in the browser) or the signed-in customer's saved one. */
const CartPage = async ({ searchParams }: Props) => {
  const { user } = await shopper()
  const { merged } = await searchParams
  return (
    <>
      <h1>Your cart</h1>
      <CartView
        signedIn={Boolean(user)}
        currency={storeCurrency()}
        notice={
          merged === 'adjusted'
            ? 'Your saved cart and this browser’s cart were combined; some quantities were lowered to the stock left.'
            : undefined
        }
      />
    </>
  )
}

export default CartPage
