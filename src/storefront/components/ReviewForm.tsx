'use client'

import { useState } from 'react'

import { rest } from '../client/rest'

type OwnReview = { id: number; rating: number; title?: string | null; body?: string | null }

/**
 * The signed-in customer's own review of a product: write one, or edit or delete theirs, through
 * the reviews REST API (the collection's rules: one review per customer and product, authors
 * change only their own). The page reloads after a change, to show the new rating and list.
 */
export const ReviewForm = ({ product, review }: { product: number; review?: OwnReview }) => {
  const [rating, setRating] = useState(review ? String(review.rating) : '')
  const [title, setTitle] = useState(review?.title ?? '')
  const [body, setBody] = useState(review?.body ?? '')
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)

  const send = async (method: 'POST' | 'PATCH' | 'DELETE', data?: object) => {
    setBusy(true)
    const answer = await rest(review ? `/api/reviews/${review.id}` : '/api/reviews', {
      method,
      body: data,
    })
    setBusy(false)
    if (!answer.ok) {
      setProblem(answer.message)
      return
    }
    window.location.assign(`${window.location.pathname}#reviews`)
    window.location.reload()
  }

  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!rating) {
      setProblem('Choose a rating from 1 to 5 stars.')
      return
    }
    const data = { rating: Number(rating), title: title.trim(), body: body.trim() }
    await send(review ? 'PATCH' : 'POST', review ? data : { ...data, product })
  }

  return (
    <form className="review-form" onSubmit={submit} aria-labelledby="review-form-heading">
      <h3 id="review-form-heading">{review ? 'Your review' : 'Write a review'}</h3>
      <fieldset className="rating-choice">
        <legend>Your rating</legend>
        {[1, 2, 3, 4, 5].map((stars) => (
          <label key={stars}>
            <input
              type="radio"
              name="rating"
              value={stars}
              checked={rating === String(stars)}
              onChange={() => setRating(String(stars))}
            />
            {stars === 1 ? '1 star' : `${stars} stars`}
          </label>
        ))}
      </fieldset>
      <label htmlFor="review-title">Title (optional)</label>
      <input
        id="review-title"
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <label htmlFor="review-body">Your review (optional)</label>
      <textarea
        id="review-body"
        rows={4}
        maxLength={5000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
      <div role="alert" className="form-outcome">
        {problem && <p className="message message-error">{problem}</p>}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {review ? 'Save changes' : 'Post review'}
        </button>
        {review && (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => {
              if (window.confirm('Delete your review?')) void send('DELETE')
            }}
          >
            Delete review
          </button>
        )}
      </div>
    </form>
  )
}
