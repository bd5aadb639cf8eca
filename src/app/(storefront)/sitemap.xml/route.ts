import config from '@payload-config'
import { getPayload } from 'payload'

import { listedWhere } from '@/lib/availability'
import { absoluteUrl } from '@/storefront/site'

export const dynamic = 'force-dynamic'

/** The sitemap protocol's limit of URLs in one file. */
const MAX_URLS = 50_000

const escapeXml = (text: string): string =>
  text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`)

const entry = (path: string, lastModified?: string): string =>
  `<url><loc>${escapeXml(absoluteUrl(path))}</loc>${
    lastModified ? `<lastmod>${escapeXml(lastModified)}</lastmod>` : ''
  }</url>`

/**
 * `GET /sitemap.xml`: the home page, every category and every approved, untrashed product, read
 * as an anonymous visitor (the public's access rules; trashed products are never listed by find).
 */
export const GET = async (): Promise<Response> => {
  const payload = await getPayload({ config })
  const categories = await payload.find({
    collection: 'categories',
    select: { slug: true, updatedAt: true },
    sort: 'slug',
    depth: 0,
    limit: 1_000,
    pagination: false,
    overrideAccess: false,
  })
  const products = await payload.find({
    collection: 'products',
    where: listedWhere(),
    select: { slug: true, updatedAt: true },
    sort: 'slug',
    depth: 0,
    limit: MAX_URLS - 1 - categories.docs.length,
    pagination: false,
    overrideAccess: false,
  })
  const urls = [
    entry('/'),
    ...categories.docs.map((category) => entry(`/c/${category.slug}`, category.updatedAt)),
    ...products.docs.map((product) => entry(`/p/${product.slug}`, product.updatedAt)),
  ]
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.join('')}</urlset>\n`
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } })
}
