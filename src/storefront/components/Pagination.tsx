import { withQuery } from '../site'

/**
 * Previous / numbered / next links that keep every other URL parameter; the current page is
 * marked `aria-current`. Nothing when there is one page.
 */
export const Pagination = ({
  path,
  params,
  page,
  totalPages,
  name = 'page',
  label = 'Pages',
  hash,
}: {
  path: string
  params: Record<string, string | undefined>
  page: number
  totalPages: number
  /** The page parameter's name (reviews page separately from products). */
  name?: string
  label?: string
  /** An anchor to land on (the reviews section). */
  hash?: string
}) => {
  if (totalPages <= 1) return null
  const href = (target: number) =>
    withQuery(path, { ...params, [name]: target > 1 ? String(target) : undefined }) +
    (hash ? `#${hash}` : '')
  // The first, the last, and two either side of the current page.
  const shown = [...Array(totalPages).keys()]
    .map((index) => index + 1)
    .filter((n) => n === 1 || n === totalPages || Math.abs(n - page) <= 2)
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : null}
      <ol>
        {shown.map((n, index) => (
          <li key={n}>
            {index > 0 && shown[index - 1] !== n - 1 && <span aria-hidden="true">… </span>}
            {n === page ? (
              <a href={href(n)} aria-current="page">
                <span className="visually-hidden">Page </span>
                {n}
              </a>
            ) : (
              <a href={href(n)}>
                <span className="visually-hidden">Page </span>
                {n}
              </a>
            )}
          </li>
        ))}
      </ol>
      {page < totalPages ? (
        <a href={href(page + 1)} rel="next">
          Next →
        </a>
      ) : null}
    </nav>
  )
}
