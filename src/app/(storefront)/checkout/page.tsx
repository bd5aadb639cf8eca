import type { Metadata } from 'next'

import { listedWhere } from '@/lib/availability'
import { unitPriceCents } from '@/lib/money'
import { savedCartLines } from '@/operations/carts'
import { requireShopper } from '@/storefront/account'
import { CheckoutForm } from '@/storefront/components/CheckoutForm'
import { storeCurrency } from '@/storefront/money'

export const metadata: Metadata = {
  title: 'Checkout',
  alternates: { canonical: '/checkout' },
  robots: { index: false, follow: false },
}

/**
 * `/checkout`: the signed-in customer's saved cart (guests sign in first; their cart merges) and
 * the shipping address. Products no longer listed are left out (the cart page offers to remove
 * them); prices shown are today's, and the order prices every line again.
 */
const CheckoutPage = async () => {
  const { payload, user } = await requireShopper('/checkout')
  const saved = await savedCartLines(payload, user)
  const { docs: products } = await payload.find({
    collection: 'products',
    where: {
      and: [{ id: { in: saved.map((line) => line.product) } }, listedWhere()],
    },
    select: { brand: true, model: true, slug: true, price: true, discount: true, finalPrice: true },
    depth: 0,
    limit: Math.max(saved.length, 1),
    pagination: false,
    overrideAccess: false,
    user,
  })
  const byId = new Map(products.map((product) => [product.id, product]))
  const lines = saved.flatMap((line) => {
    const product = byId.get(line.product)
    if (!product) return []
    return [
      {
        ...line,
        name: `${product.brand} ${product.model}`,
        slug: product.slug,
        unitCents: unitPriceCents(product),
      },
    ]
  })
  return (
    <>
      <h1>Checkout</h1>
      {lines.length === 0 ? (
        <p className="notice">
          Your cart is empty. <a href="/search">Browse the products</a>.
        </p>
      ) : (
        <CheckoutForm
          initialLines={lines}
          currency={storeCurrency()}
          defaultName={user.name ?? ''}
        />
      )}
    </>
  )
}

export default CheckoutPage
