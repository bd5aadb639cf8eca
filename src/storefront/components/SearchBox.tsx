'use client'

import { usePathname, useSearchParams } from 'next/navigation'

/**
 * The header's search form (a plain GET form to /search), showing the current query on the search
 * page. A client component only to read the URL in the root layout; it gets plain strings as props.
 */
export const SearchBox = ({ suggestions }: { suggestions: string[] }) => {
  const pathname = usePathname()
  const query = useSearchParams().get('q') ?? ''
  const current = pathname === '/search' ? query : ''
  return (
    <form className="site-search" role="search" action="/search" method="get">
      <label htmlFor="site-search" className="visually-hidden">
        Search products
      </label>
      <input
        // A new query (another page) resets the field: it is uncontrolled.
        key={current}
        id="site-search"
        type="search"
        name="q"
        defaultValue={current}
        placeholder="Search products…"
        autoComplete="off"
        list="search-suggestions"
        maxLength={200}
      />
      <datalist id="search-suggestions">
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
      <button type="submit" className="button">
        Search
      </button>
    </form>
  )
}
