import type { Metadata } from 'next'

import type { Product } from '@/payload-types'
import { PUBLISHED_REVIEW_STATUS } from '@/lib/statuses'
import { myReviews } from '@/storefront/account'
import { AccountNav } from '@/storefront/components/AccountNav'
import { Stars } from '@/storefront/components/Stars'

export const metadata: Metadata = { title: 'My reviews', robots: { index: false, follow: false } }

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })

/** `/account/reviews`: the customer's reviews; each is edited or deleted on its product's page. */
const ReviewsPage = async () => {
  const reviews = await myReviews()
  return (
    <>
      <h1>My reviews</h1>
      <AccountNav current="/account/reviews" />
      {reviews.length === 0 ? (
        <p className="notice">You have not reviewed anything yet.</p>
      ) : (
        <ol className="review-items">
          {reviews.map((review) => {
            const product = typeof review.product === 'object' ? (review.product as Product) : null
            return (
              <li key={review.id} className="review">
                <p className="review-head">
                  <Stars rating={review.rating} />
                  {review.title && <strong className="review-title">{review.title}</strong>}
                </p>
                <p className="review-meta">
                  {product ? `${product.brand} ${product.model}` : 'A product no longer sold'} ·{' '}
                  <time dateTime={review.createdAt}>
                    {dateFormat.format(new Date(review.createdAt))}
                  </time>
                  {review.verifiedPurchase && (
                    <span className="badge badge-verified">Verified purchase</span>
                  )}
                  {review.status !== PUBLISHED_REVIEW_STATUS && (
                    <span className="badge">Hidden by the shop</span>
                  )}
                </p>
                {review.body && <p className="review-body">{review.body}</p>}
                {product && (
                  <p>
                    <a href={`/p/${product.slug}#reviews`}>
                      Edit or delete{' '}
                      <span className="visually-hidden">
                        your review of {product.brand} {product.model}
                      </span>
                    </a>
                  </p>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </>
  )
}

export default ReviewsPage
