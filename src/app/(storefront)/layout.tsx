/* The storefront's root layout: the shop customers use, beside Payload's admin (its own root layout). */
import type { Metadata, Viewport } from 'next'
import type React from 'react'

import { savedCartUnits } from '@/storefront/account'
import { listCategories } from '@/storefront/catalog'
import { CartLink } from '@/storefront/components/CartLink'
import { SearchBox } from '@/storefront/components/SearchBox'
import { shopper } from '@/storefront/session'
import { siteUrl, STORE_NAME } from '@/storefront/site'
import './storefront.css'

// Every page reads the signed-in user and live catalog data: nothing is prerendered at build time.
export const dynamic = 'force-dynamic'

export const generateMetadata = (): Metadata => ({
  metadataBase: new URL(`${siteUrl()}/`),
  title: { default: STORE_NAME, template: `%s · ${STORE_NAME}` },
  description: 'Electronics and more from vetted vendors: compare prices, read verified reviews.',
})

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

const Layout = async ({ children }: { children: React.ReactNode }) => {
  const [{ user }, categories, cartUnits] = await Promise.all([
    shopper(),
    listCategories(),
    savedCartUnits(),
  ])
  const topLevel = categories.filter((category) => !category.parent)
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="header-row wrap">
            <a className="logo" href="/">
              {STORE_NAME}
            </a>
            <SearchBox suggestions={categories.map((category) => category.name)} />
            <nav className="header-links" aria-label="Your account">
              {user ? (
                <a className="header-link" href="/account">
                  <span className="signed-in">Signed in as </span>
                  <strong>{user.username}</strong>
                </a>
              ) : (
                <a className="header-link" href="/account/sign-in">
                  Sign in
                </a>
              )}
              <CartLink signedIn={Boolean(user)} count={cartUnits} />
            </nav>
          </div>
          {topLevel.length > 0 && (
            <nav className="category-nav" aria-label="Categories">
              <ul className="wrap">
                {topLevel.map((category) => (
                  <li key={category.id}>
                    <a href={`/c/${category.slug}`}>{category.name}</a>
                  </li>
                ))}
                <li>
                  <a href="/search">All products</a>
                </li>
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabIndex={-1} className="wrap">
          {children}
        </main>
        <footer className="site-footer">
          <div className="wrap footer-row">
            <p>
              © {new Date().getFullYear()} {STORE_NAME}. Products sold by independent vendors.
            </p>
            <ul>
              <li>
                <a href="/search">All products</a>
              </li>
              <li>
                <a href="/sitemap.xml">Sitemap</a>
              </li>
              <li>
                <a href="/api/docs">API</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  )
}

export default Layout
