import type { CatalogSearch } from '../catalog'
import { formatCents } from '../../lib/money'
import { withQuery } from '../site'
import { RadioFacet, SortForm } from './Controls'
import { Pagination } from './Pagination'
import { ProductGrid } from './ProductCard'

/** The URL parameters a listing reads (all strings, as they come from the URL). */
export const LISTING_PARAMS = [
  'q',
  'category',
  'brand',
  'minPrice',
  'maxPrice',
  'minRating',
  'inStock',
  'sort',
  'page',
] as const
export type ListingValues = Partial<Record<(typeof LISTING_PARAMS)[number], string>>

/** The first value of each listing parameter of a page's `searchParams`. */
export const listingValues = (
  searchParams: Record<string, string | string[] | undefined>,
): ListingValues => {
  const values: ListingValues = {}
  for (const name of LISTING_PARAMS) {
    const raw = searchParams[name]
    const value = Array.isArray(raw) ? raw[0] : raw
    if (value) values[name] = value
  }
  return values
}

const SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'newest', label: 'Newest' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: 'rating', label: 'Best rated' },
]

const RATINGS = [4, 3, 2]

/** Hidden inputs that carry the given values through a GET form. */
const Carry = ({ values }: { values: ListingValues }) => (
  <>
    {Object.entries(values).map(([name, value]) =>
      value ? <input key={name} type="hidden" name={name} value={value} /> : null,
    )}
  </>
)

/**
 * A product listing: the facet form (category, brand, price range, rating, in stock), the sort,
 * the results and the pages, all plain GET forms and links so every state is a URL and works
 * without JavaScript. On the category page the category is the path, not a facet.
 */
export const Listing = ({
  path,
  values,
  search,
  showCategoryFacet,
}: {
  path: string
  values: ListingValues
  search: CatalogSearch
  showCategoryFacet: boolean
}) => {
  if (!search.ok) {
    return (
      <p className="notice" role="alert">
        These filters could not be applied: {search.message}.{' '}
        <a href={withQuery(path, { q: values.q })}>Clear the filters</a>
      </p>
    )
  }
  const { result } = search
  const { facets } = result
  const { page: _page, ...kept } = values
  const active = ['category', 'brand', 'minPrice', 'maxPrice', 'minRating', 'inStock'].filter(
    (name) => values[name as keyof ListingValues],
  ).length
  const priceHint = (bound: number | null) =>
    bound === null ? undefined : formatCents(Math.round(bound * 100))
  return (
    <div className="listing">
      <details className="filters">
        <summary>Filters{active ? ` (${active} active)` : ''}</summary>
        <form method="get" action={path} className="facets" aria-label="Filters">
          <Carry values={{ q: values.q, sort: values.sort }} />
          {showCategoryFacet && facets.categories.length > 0 && (
            <RadioFacet
              name="category"
              legend="Category"
              anyLabel="Any category"
              options={facets.categories.map((category) => ({
                value: category.slug,
                label: category.name,
                count: category.count,
              }))}
              selected={values.category}
            />
          )}
          {facets.brands.length > 0 && (
            <RadioFacet
              name="brand"
              legend="Brand"
              anyLabel="Any brand"
              options={facets.brands.map((brand) => ({
                value: brand.value,
                label: brand.value,
                count: brand.count,
              }))}
              selected={values.brand}
            />
          )}
          <fieldset className="price-range">
            <legend>Price</legend>
            <label>
              From
              <input
                type="number"
                name="minPrice"
                min="0"
                step="0.01"
                inputMode="decimal"
                defaultValue={values.minPrice}
                placeholder={priceHint(facets.price.min)}
              />
            </label>
            <label>
              To
              <input
                type="number"
                name="maxPrice"
                min="0"
                step="0.01"
                inputMode="decimal"
                defaultValue={values.maxPrice}
                placeholder={priceHint(facets.price.max)}
              />
            </label>
          </fieldset>
          <RadioFacet
            name="minRating"
            legend="Rating"
            anyLabel="Any rating"
            options={RATINGS.map((rating) => ({
              value: String(rating),
              label: `${rating} stars & up`,
            }))}
            selected={values.minRating}
          />
          <fieldset>
            <legend>Availability</legend>
            <label>
              <input
                type="checkbox"
                name="inStock"
                value="true"
                defaultChecked={values.inStock === 'true'}
              />
              In stock only
            </label>
          </fieldset>
          <div className="facet-actions">
            <button type="submit" className="button">
              Apply filters
            </button>
            <a href={withQuery(path, { q: values.q })}>Clear all</a>
          </div>
        </form>
      </details>
      <section className="results" aria-labelledby="results-heading">
        <div className="results-bar">
          <h2 id="results-heading" className="results-count" aria-live="polite">
            {`${result.totalDocs} ${result.totalDocs === 1 ? 'product' : 'products'}`}
          </h2>
          <SortForm
            action={path}
            id="sort"
            name="sort"
            label="Sort by"
            options={SORTS}
            selected={values.sort ?? 'relevance'}
            hidden={{ ...kept, sort: undefined }}
          />
        </div>
        {result.docs.length ? (
          <ProductGrid products={result.docs} label="Products" />
        ) : (
          <p className="notice">
            No products match.{' '}
            {active > 0 && <a href={withQuery(path, { q: values.q })}>Clear the filters</a>}
          </p>
        )}
        <Pagination path={path} params={kept} page={result.page} totalPages={result.totalPages} />
      </section>
    </div>
  )
}
