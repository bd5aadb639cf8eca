import { APIError, createLocalReq, type Where } from 'payload'
import { cache } from 'react'

import type { Category, Media, Product, Review } from '@/payload-types'
import { listedWhere } from '../lib/availability'
import { PUBLISHED_REVIEW_STATUS } from '../lib/statuses'
import { parseSearchParams, type SearchResult, searchProducts } from '../lib/search/searchProducts'
import { shopper } from './session'

/** What a product card shows. */
const CARD_SELECT = {
  slug: true,
  brand: true,
  model: true,
  price: true,
  discount: true,
  finalPrice: true,
  stock: true,
  available: true,
  images: true,
  ratingAverage: true,
  ratingCount: true,
} as const

export type ProductCardData = Pick<
  Product,
  | 'id'
  | 'slug'
  | 'brand'
  | 'model'
  | 'price'
  | 'discount'
  | 'finalPrice'
  | 'stock'
  | 'available'
  | 'images'
  | 'ratingAverage'
  | 'ratingCount'
>

export type CategoryLink = Pick<Category, 'id' | 'name' | 'slug' | 'parent'>

/** Products on a listing page. */
export const PAGE_SIZE = 12

/** Every category (name, slug, parent), by name: the navigation and the home page. */
export const listCategories = cache(async (): Promise<CategoryLink[]> => {
  const { payload, user } = await shopper()
  const { docs } = await payload.find({
    collection: 'categories',
    select: { name: true, slug: true, parent: true },
    sort: 'name',
    depth: 0,
    limit: 100,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs
})

/** The category with this slug, or null. */
export const categoryBySlug = cache(
  async (slug: string): Promise<Pick<Category, 'id' | 'name' | 'slug' | 'description'> | null> => {
    const { payload, user } = await shopper()
    const { docs } = await payload.find({
      collection: 'categories',
      where: { slug: { equals: slug } },
      select: { name: true, slug: true, description: true },
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: false,
      user,
    })
    return docs[0] ?? null
  },
)

/** Approved products for a home-page row: the newest, or the best rated. */
export const productRow = async (
  kind: 'newest' | 'topRated',
  limit: number,
): Promise<ProductCardData[]> => {
  const { payload, user } = await shopper()
  const where: Where =
    kind === 'topRated'
      ? { and: [listedWhere(), { ratingCount: { greater_than: 0 } }] }
      : listedWhere()
  const { docs } = await payload.find({
    collection: 'products',
    where,
    select: CARD_SELECT,
    sort: kind === 'topRated' ? ['-ratingAverage', '-ratingCount'] : '-createdAt',
    // Images are populated (depth 1) for their WebP sizes; nothing else is a relation here.
    depth: 1,
    limit,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs
}

export type CatalogSearch = { ok: true; result: SearchResult } | { ok: false; message: string }

/**
 * The catalog search of the search and category pages: the API's own search operation
 * (`searchProducts`, typo tolerance and facets included) for the signed-in user, approved
 * products only. Malformed URL parameters come back as the search's 400 message.
 */
export const searchCatalog = async (
  raw: Record<string, string | undefined>,
): Promise<CatalogSearch> => {
  const { payload, user } = await shopper()
  let params
  try {
    params = parseSearchParams({ ...raw, limit: String(PAGE_SIZE), depth: '1' })
  } catch (error) {
    if (error instanceof APIError && error.status === 400)
      return { ok: false, message: error.message }
    throw error
  }
  const req = await createLocalReq({ user: user ?? undefined }, payload)
  return { ok: true, result: await searchProducts(req, { ...params, approvedOnly: true }) }
}

export type ProductPageData = ProductCardData &
  Pick<Product, 'description' | 'category' | 'video' | 'updatedAt'>

/** The approved, untrashed product with this slug (what its page shows), or null. */
export const productBySlug = cache(async (slug: string): Promise<ProductPageData | null> => {
  const { payload, user } = await shopper()
  const { docs } = await payload.find({
    collection: 'products',
    where: { and: [listedWhere(), { slug: { equals: slug } }] },
    select: { ...CARD_SELECT, description: true, category: true, video: true, updatedAt: true },
    depth: 1,
    limit: 1,
    pagination: false,
    overrideAccess: false,
    user,
  })
  return docs[0] ?? null
})

export const REVIEW_SORTS = {
  newest: { label: 'Newest first', sort: ['-createdAt', '-id'] },
  highest: { label: 'Highest rating', sort: ['-rating', '-createdAt'] },
  lowest: { label: 'Lowest rating', sort: ['rating', '-createdAt'] },
} as const
export type ReviewSort = keyof typeof REVIEW_SORTS
export const REVIEWS_PER_PAGE = 5

export type ReviewData = Pick<
  Review,
  'id' | 'rating' | 'title' | 'body' | 'verifiedPurchase' | 'createdAt' | 'authorProfile'
>

/** One page of a product's published reviews. */
export const productReviews = async (
  productId: number,
  sort: ReviewSort,
  page: number,
): Promise<{ docs: ReviewData[]; totalDocs: number; totalPages: number; page: number }> => {
  const { payload, user } = await shopper()
  const result = await payload.find({
    collection: 'reviews',
    where: { product: { equals: productId }, status: { equals: PUBLISHED_REVIEW_STATUS } },
    // `author` feeds the authorProfile the reviews' afterRead hook attaches (username, avatar).
    select: {
      rating: true,
      title: true,
      body: true,
      verifiedPurchase: true,
      createdAt: true,
      author: true,
      authorProfile: true,
    },
    sort: [...REVIEW_SORTS[sort].sort],
    depth: 0,
    page,
    limit: REVIEWS_PER_PAGE,
    overrideAccess: false,
    user,
  })
  return {
    docs: result.docs,
    totalDocs: result.totalDocs,
    totalPages: result.totalPages,
    page: result.page ?? page,
  }
}

/** How many published reviews give each rating, 5 down to 1. */
export const ratingHistogram = async (
  productId: number,
): Promise<Array<{ rating: number; count: number }>> => {
  const { payload, user } = await shopper()
  const histogram: Array<{ rating: number; count: number }> = []
  for (const rating of [5, 4, 3, 2, 1]) {
    const { totalDocs } = await payload.count({
      collection: 'reviews',
      where: {
        product: { equals: productId },
        status: { equals: PUBLISHED_REVIEW_STATUS },
        rating: { equals: rating },
      },
      overrideAccess: false,
      user,
    })
    histogram.push({ rating, count: totalDocs })
  }
  return histogram
}

/** A populated upload, or undefined for a bare id (not readable, or not populated). */
export const asMedia = (value: number | Media | null | undefined): Media | undefined =>
  value && typeof value === 'object' ? value : undefined
