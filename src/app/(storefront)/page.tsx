import type { Metadata } from 'next'

import { listCategories, productRow } from '@/storefront/catalog'
import { ProductGrid } from '@/storefront/components/ProductCard'
import { STORE_NAME } from '@/storefront/site'

export const metadata: Metadata = {
  title: { absolute: `${STORE_NAME}: electronics from vetted vendors` },
  alternates: { canonical: '/' },
}

/** `/`: the categories, the best-rated products and the newest ones. */
const Home = async () => {
  const categories = await listCategories()
  const topRated = await productRow('topRated', 4)
  const newest = await productRow('newest', 8)
  return (
    <>
      <section className="hero">
        <h1>Find the right gear, from vendors you can trust</h1>
        <p>
          Every product is checked by our staff before it is listed. Reviews marked “Verified
          purchase” come from real orders.
        </p>
        <a className="button" href="/search">
          Browse all products
        </a>
      </section>
      {categories.length > 0 && (
        <section aria-labelledby="categories-heading">
          <h2 id="categories-heading">Shop by category</h2>
          <ul className="category-tiles">
            {categories.map((category) => (
              <li key={category.id}>
                <a href={`/c/${category.slug}`}>{category.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {topRated.length > 0 && (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading">Top rated</h2>
          <ProductGrid products={topRated} label="Top rated products" />
        </section>
      )}
      <section aria-labelledby="new-heading">
        <h2 id="new-heading">New arrivals</h2>
        {newest.length ? (
          <ProductGrid products={newest} label="New products" />
        ) : (
          <p className="notice">No products are listed yet.</p>
        )}
      </section>
    </>
  )
}

export default Home
