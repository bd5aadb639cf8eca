import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { categoryBySlug, searchCatalog } from '@/storefront/catalog'
import { Breadcrumbs } from '@/storefront/components/Controls'
import { Listing, listingValues } from '@/storefront/components/Listing'
import { withQuery } from '@/storefront/site'

type Props = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

export const generateMetadata = async ({ params, searchParams }: Props): Promise<Metadata> => {
  const { slug } = await params
  const category = await categoryBySlug(slug)
  if (!category) return { title: 'Not found' }
  const { page } = listingValues(await searchParams)
  return {
    title: category.name,
    description: category.description || `${category.name}: compare prices, stock and reviews.`,
    // Filters and sorts show the same products: the canonical page is the plain (paged) one.
    alternates: { canonical: withQuery(`/c/${category.slug}`, { page }) },
  }
}

/** `/c/<slug>`: a category's products with facets, sort and pages in the URL. */
const CategoryPage = async ({ params, searchParams }: Props) => {
  const { slug } = await params
  const category = await categoryBySlug(slug)
  if (!category) notFound()
  const { category: _ignored, ...values } = listingValues(await searchParams)
  const search = await searchCatalog({ ...values, category: String(category.id) })
  return (
    <>
      <Breadcrumbs links={[]} current={category.name} />
      <h1>{category.name}</h1>
      {category.description && <p className="lead">{category.description}</p>}
      <Listing
        path={`/c/${category.slug}`}
        values={values}
        search={search}
        showCategoryFacet={false}
      />
    </>
  )
}

export default CategoryPage
