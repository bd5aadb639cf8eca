import type { Metadata } from 'next'

import { searchCatalog } from '@/storefront/catalog'
import { Breadcrumbs } from '@/storefront/components/Controls'
import { Listing, listingValues } from '@/storefront/components/Listing'
import { withQuery } from '@/storefront/site'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export const generateMetadata = async ({ searchParams }: Props): Promise<Metadata> => {
  const { q } = listingValues(await searchParams)
  return {
    title: q ? `Search: ${q}` : 'All products',
    description: q ? `Products matching “${q}”.` : 'Every product in the shop.',
    alternates: { canonical: withQuery('/search', { q }) },
    // Result pages are endless combinations of filters: followed, never indexed.
    robots: { index: false, follow: true },
  }
}

/** `/search?q=…`: the catalog search with facets, sort and pages in the URL. */
const SearchPage = async ({ searchParams }: Props) => {
  const values = listingValues(await searchParams)
  const search = await searchCatalog(values)
  return (
    <>
      <Breadcrumbs links={[]} current={values.q ? 'Search' : 'All products'} />
      <h1>{values.q ? `Results for “${values.q}”` : 'All products'}</h1>
      <Listing path="/search" values={values} search={search} showCategoryFacet />
    </>
  )
}

export default SearchPage
