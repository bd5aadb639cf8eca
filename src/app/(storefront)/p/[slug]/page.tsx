import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import { RichText } from '@payloadcms/richtext-lexical/react'
import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import type { Category } from '@/payload-types'
import {
  asMedia,
  productBySlug,
  productReviews,
  ratingHistogram,
  REVIEW_SORTS,
  type ReviewSort,
  type ProductPageData,
} from '@/storefront/catalog'
import { myReviewOf } from '@/storefront/account'
import { AddToCart } from '@/storefront/components/AddToCart'
import { Breadcrumbs, SortForm } from '@/storefront/components/Controls'
import { imageSource, Picture } from '@/storefront/components/Picture'
import { Pagination } from '@/storefront/components/Pagination'
import { Price } from '@/storefront/components/Price'
import { ReviewForm } from '@/storefront/components/ReviewForm'
import { Stars } from '@/storefront/components/Stars'
import { jsonForScript } from '@/storefront/jsonLd'
import { priceParts, storeCurrency } from '@/storefront/money'
import { requestNonce, shopper } from '@/storefront/session'
import { absoluteUrl, STORE_NAME, withQuery } from '@/storefront/site'

type Props = {
  params: Promise<{ slug: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}

const first = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value

/** A positive whole number from the URL, else 1. */
const pageNumber = (value: string | undefined, max = 10_000): number => {
  const number = Number(value)
  return Number.isInteger(number) && number >= 1 && number <= max ? number : 1
}

const nameOf = (product: ProductPageData): string => `${product.brand} ${product.model}`

const summaryOf = (product: ProductPageData): string => {
  const text = product.description ? convertLexicalToPlaintext({ data: product.description }) : ''
  const clean = text.replace(/\s+/g, ' ').trim()
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean || `${nameOf(product)}.`
}

export const generateMetadata = async ({ params }: Props): Promise<Metadata> => {
  const { slug } = await params
  const product = await productBySlug(slug)
  if (!product) return { title: 'Not found', robots: { index: false } }
  const image = asMedia(product.images?.[0])
  const card = image && imageSource(image, 'card')
  return {
    title: nameOf(product),
    description: summaryOf(product),
    alternates: { canonical: `/p/${product.slug}` },
    openGraph: {
      title: nameOf(product),
      description: summaryOf(product),
      url: `/p/${product.slug}`,
      images: card ? [{ url: card.url, width: card.width, height: card.height }] : undefined,
    },
  }
}

/** schema.org Product: name, brand, pictures, the offer (price, stock) and the rating. */
const productJsonLd = (product: ProductPageData) => {
  const images = (product.images ?? [])
    .map((value) => asMedia(value))
    .map((media) => media && imageSource(media, 'detail'))
    .filter((source) => source !== undefined)
    .map((source) => absoluteUrl(source.url))
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: nameOf(product),
    sku: product.slug,
    brand: { '@type': 'Brand', name: product.brand },
    description: summaryOf(product),
    image: images.length ? images : undefined,
    url: absoluteUrl(`/p/${product.slug}`),
    offers: {
      '@type': 'Offer',
      price: priceParts(product).amount,
      priceCurrency: storeCurrency(),
      availability:
        product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      url: absoluteUrl(`/p/${product.slug}`),
      seller: { '@type': 'Organization', name: STORE_NAME },
    },
    aggregateRating:
      (product.ratingCount ?? 0) > 0
        ? {
            '@type': 'AggregateRating',
            ratingValue: product.ratingAverage,
            reviewCount: product.ratingCount,
          }
        : undefined,
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })

/** `/p/<slug>`: one approved product: gallery, video, price, stock, rating and reviews. */
const ProductPage = async ({ params, searchParams }: Props) => {
  const { slug } = await params
  const product = await productBySlug(slug)
  if (!product) notFound()
  const query = await searchParams
  const sortParam = first(query.reviewSort)
  const reviewSort: ReviewSort =
    sortParam && sortParam in REVIEW_SORTS ? (sortParam as ReviewSort) : 'newest'
  const reviewPage = pageNumber(first(query.reviewPage))
  const reviews = await productReviews(product.id, reviewSort, reviewPage)
  const histogram = await ratingHistogram(product.id)
  const totalRatings = histogram.reduce((sum, row) => sum + row.count, 0)
  const nonce = await requestNonce()
  const { user } = await shopper()
  const ownReview = await myReviewOf(product.id)

  const images = (product.images ?? [])
    .map((value) => asMedia(value))
    .filter((m) => m !== undefined)
  const shown = Math.min(pageNumber(first(query.image)), Math.max(images.length, 1)) - 1
  const main = images[shown]
  const video = asMedia(product.video)
  const category =
    product.category && typeof product.category === 'object'
      ? (product.category as Category)
      : undefined
  const path = `/p/${product.slug}`
  const reviewParams = { reviewSort: reviewSort === 'newest' ? undefined : reviewSort }
  const inStock = product.stock > 0

  return (
    <>
      <script
        type="application/ld+json"
        nonce={nonce}
        dangerouslySetInnerHTML={{ __html: jsonForScript(productJsonLd(product)) }}
      />
      <Breadcrumbs
        links={category ? [{ href: `/c/${category.slug}`, label: category.name }] : []}
        current={nameOf(product)}
      />
      <article className="product">
        <section className="gallery" id="gallery" aria-label="Pictures">
          <div className="gallery-main">
            {main ? (
              <Picture media={main} size="detail" sizes="(min-width: 1000px) 560px, 92vw" eager />
            ) : (
              <span className="card-noimage" aria-hidden="true">
                {product.brand.slice(0, 1).toUpperCase()}
              </span>
            )}
          </div>
          {images.length > 1 && (
            <ul className="gallery-thumbs">
              {images.map((image, index) => (
                <li key={image.id}>
                  <a
                    href={
                      withQuery(path, { image: index > 0 ? index + 1 : undefined }) + '#gallery'
                    }
                    aria-current={index === shown ? 'true' : undefined}
                    aria-label={`Show picture ${index + 1} of ${images.length}`}
                  >
                    <Picture media={image} size="thumbnail" sizes="80px" />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="product-info" aria-labelledby="product-name">
          <p className="product-brand">{product.brand}</p>
          <h1 id="product-name">{product.model}</h1>
          {(product.ratingCount ?? 0) > 0 && (
            <a href="#reviews" className="rating-link">
              <Stars rating={product.ratingAverage ?? 0} count={product.ratingCount} />
            </a>
          )}
          <Price product={product} large />
          <p className={inStock ? 'stock stock-in' : 'stock stock-out'}>
            {inStock
              ? product.stock <= 5
                ? `Only ${product.stock} left in stock`
                : 'In stock'
              : 'Out of stock'}
          </p>
          <AddToCart
            product={product.id}
            name={nameOf(product)}
            stock={product.stock}
            signedIn={Boolean(user)}
          />
          {product.description && (
            <div className="description">
              <RichText data={product.description} disableContainer />
            </div>
          )}
        </section>
      </article>
      {video?.url && (
        <section className="video" aria-labelledby="video-heading">
          <h2 id="video-heading">Video</h2>
          <figure>
            <video
              controls
              preload="metadata"
              width={video.width ?? undefined}
              height={video.height ?? undefined}
            >
              <source src={video.url} type={video.mimeType ?? undefined} />
              <a href={video.url}>Download the video</a>
            </video>
            <figcaption>{video.alt || `Video of the ${nameOf(product)}`}</figcaption>
          </figure>
        </section>
      )}
      <section className="reviews" id="reviews" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Customer reviews</h2>
        {user ? (
          <ReviewForm
            product={product.id}
            review={
              ownReview
                ? {
                    id: ownReview.id,
                    rating: ownReview.rating,
                    title: ownReview.title,
                    body: ownReview.body,
                  }
                : undefined
            }
          />
        ) : (
          <p className="notice">
            <a href={`/account/sign-in?next=${encodeURIComponent(`${path}#reviews`)}`}>Sign in</a>{' '}
            to write a review.
          </p>
        )}
        {totalRatings === 0 ? (
          <p className="notice">No reviews yet.</p>
        ) : (
          <div className="reviews-layout">
            <div className="rating-summary">
              <p className="rating-average">
                {(product.ratingAverage ?? 0).toFixed(1)}
                <span className="visually-hidden"> out of 5</span>
              </p>
              <Stars rating={product.ratingAverage ?? 0} />
              <p>
                {totalRatings} {totalRatings === 1 ? 'review' : 'reviews'}
              </p>
              <table className="histogram">
                <caption className="visually-hidden">Reviews by rating</caption>
                <tbody>
                  {histogram.map((row) => (
                    <tr key={row.rating}>
                      <th scope="row">{row.rating === 1 ? '1 star' : `${row.rating} stars`}</th>
                      <td className="histogram-bar">
                        <span
                          className="bar"
                          aria-hidden="true"
                          style={{ width: `${Math.round((row.count / totalRatings) * 100)}%` }}
                        />
                      </td>
                      <td className="histogram-count">{row.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="review-list">
              <SortForm
                action={`${path}#reviews`}
                id="review-sort"
                name="reviewSort"
                label="Sort reviews"
                options={Object.entries(REVIEW_SORTS).map(([value, { label }]) => ({
                  value,
                  label,
                }))}
                selected={reviewSort}
              />
              <ol className="review-items">
                {reviews.docs.map((review) => (
                  <li key={review.id} className="review">
                    <p className="review-head">
                      <Stars rating={review.rating} />
                      {review.title && <strong className="review-title">{review.title}</strong>}
                    </p>
                    <p className="review-meta">
                      {review.authorProfile?.username ?? 'A customer'} ·{' '}
                      <time dateTime={review.createdAt}>
                        {dateFormat.format(new Date(review.createdAt))}
                      </time>
                      {review.verifiedPurchase && (
                        <span className="badge badge-verified">Verified purchase</span>
                      )}
                    </p>
                    {review.body && <p className="review-body">{review.body}</p>}
                  </li>
                ))}
              </ol>
              <Pagination
                path={path}
                params={reviewParams}
                page={reviews.page}
                totalPages={reviews.totalPages}
                name="reviewPage"
                label="Review pages"
                hash="reviews"
              />
            </div>
          </div>
        )}
      </section>
    </>
  )
}

export default ProductPage
