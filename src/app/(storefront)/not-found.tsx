import type { Metadata } from 'next'

export const metadata: Metadata = { title: 'Not found', robots: { index: false } }

/** 404 for unknown products and categories (and products not for sale: pending, rejected, trashed). */
const NotFound = () => (
  <section className="not-found">
    <h1>We could not find that page</h1>
    <p>The product may have been removed, or the link is mistyped.</p>
    <p>
      <a className="button" href="/">
        Back to the shop
      </a>{' '}
      <a href="/search">Browse all products</a>
    </p>
  </section>
)

export default NotFound
