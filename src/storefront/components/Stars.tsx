/** A rating as five stars, read out as "Rated 4.2 out of 5". */
export const Stars = ({ rating, count }: { rating: number; count?: number | null }) => {
  const rounded = Math.round(rating)
  const label = `Rated ${rating.toFixed(1)} out of 5`
  return (
    <span className="stars">
      <span aria-hidden="true" className="stars-glyphs">
        {'★'.repeat(rounded)}
        <span className="stars-empty">{'★'.repeat(5 - rounded)}</span>
      </span>
      <span className="visually-hidden">{label}</span>
      {count !== undefined && count !== null && (
        <span className="stars-count">
          {` ${rating.toFixed(1)} (${count} ${count === 1 ? 'review' : 'reviews'})`}
        </span>
      )}
    </span>
  )
}
