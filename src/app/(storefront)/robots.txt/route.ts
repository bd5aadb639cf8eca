import { siteUrl } from '@/storefront/site'

export const dynamic = 'force-dynamic'

/** `GET /robots.txt`: crawl the shop, not the admin, the API or the endless search URLs. */
export const GET = (): Response =>
  new Response(
    [
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin',
      'Disallow: /api/',
      'Disallow: /search',
      `Sitemap: ${siteUrl()}/sitemap.xml`,
      '',
    ].join('\n'),
    { headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
  )
