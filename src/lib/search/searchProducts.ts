import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'
import { APIError, type PayloadRequest, type Where } from 'payload'

import type { Product } from '@/payload-types'
import { inStockSql, listedSql, listedWhere, notTrashedSql } from '../availability'
import { DEFAULT_LIMIT, MAX_DEPTH, MAX_LIMIT, MAX_PAGE } from '../limits/clampQueryArgs'
import { isSerialId } from '../serialId'
import { parsePriceQuery } from './parsePriceQuery'
import { whereToSql } from './whereToSql'

type SQL = ReturnType<typeof sql>

export const SEARCH_SORTS = ['relevance', 'price', '-price', 'rating', 'newest'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

/** Validated search input (see `parseSearchParams`). */
export type SearchParams = {
  query: string
  minPrice?: number
  maxPrice?: number
  brand?: string
  /** A category id, or a slug. */
  category?: number | string
  inStock?: boolean
  minRating?: number
  sort: SearchSort
  page: number
  limit: number
  depth: number
  /**
   * Approved products only, whoever asks (the storefront: staff and vendors read pending products
   * too, but a shop window never shows them). Never set from request parameters.
   */
  approvedOnly?: boolean
}

export type SearchFacets = {
  brands: Array<{ value: string; count: number }>
  categories: Array<{ id: number; slug: string; name: string; count: number }>
  price: { min: number | null; max: number | null }
}

/** Payload's list shape plus the facets of the whole matching set. */
export type SearchResult = {
  docs: Product[]
  totalDocs: number
  limit: number
  page: number
  totalPages: number
  hasNextPage: boolean
  hasPrevPage: boolean
  nextPage: number | null
  prevPage: number | null
  pagingCounter: number
  facets: SearchFacets
}

const MAX_QUERY_LENGTH = 200
/** Words this short are matched exactly only: trigrams of 1–3 letters match too much. */
const MIN_FUZZY_LENGTH = 4
const MAX_TERMS = 8
const FACET_BRANDS = 30
const WORD_SIMILARITY = 0.5

const bad = (message: string): never => {
  throw new APIError(message, 400)
}

const numberParam = (
  name: string,
  raw: unknown,
  { min, max, integer }: { min: number; max?: number; integer?: boolean },
): number | undefined => {
  if (raw === undefined || raw === null || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min)
    bad(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}`)
  if (max !== undefined && value > max) bad(`${name} must be ≤ ${max}`)
  return value
}

const stringParam = (name: string, raw: unknown, maxLength: number): string | undefined => {
  if (raw === undefined || raw === null) return undefined
  if (typeof raw !== 'string') return bad(`${name} must be a single text value`)
  const value = raw.trim()
  if (value.includes('\u0000')) bad(`${name} cannot contain NUL bytes`)
  if (value.length > maxLength) bad(`${name} must be at most ${maxLength} characters`)
  return value || undefined
}

/**
 * Validates raw search parameters (query string values, or GraphQL arguments). Bad input throws a
 * 400 `APIError`; `limit` is clamped to the API's maximum like every list, `depth` to its maximum.
 */
export const parseSearchParams = (raw: Record<string, unknown>): SearchParams => {
  const query = stringParam('query', raw.query ?? raw.q, MAX_QUERY_LENGTH) ?? ''
  const sort = (stringParam('sort', raw.sort, 20) ?? 'relevance') as SearchSort
  if (!SEARCH_SORTS.includes(sort)) bad(`sort must be one of ${SEARCH_SORTS.join(', ')}`)
  let inStock: boolean | undefined
  if (raw.inStock !== undefined && raw.inStock !== '') {
    if (['true', '1', true].includes(raw.inStock as string | boolean)) inStock = true
    else if (['false', '0', false].includes(raw.inStock as string | boolean)) inStock = false
    else bad('inStock must be true or false')
  }
  const categoryRaw = stringParam('category', raw.category?.toString(), 200)
  const categoryId = categoryRaw && /^\d+$/.test(categoryRaw) ? categoryRaw : undefined
  if (categoryId && !isSerialId(categoryId)) bad(`category ${categoryId} is not a valid id`)
  const limit = numberParam('limit', raw.limit, { min: 1, integer: true }) ?? DEFAULT_LIMIT
  const params: SearchParams = {
    query,
    minPrice: numberParam('minPrice', raw.minPrice, { min: 0 }),
    maxPrice: numberParam('maxPrice', raw.maxPrice, { min: 0 }),
    brand: stringParam('brand', raw.brand, 100),
    category: categoryId ? Number(categoryId) : categoryRaw,
    inStock,
    minRating: numberParam('minRating', raw.minRating, { min: 0, max: 5 }),
    sort,
    page: numberParam('page', raw.page, { min: 1, max: MAX_PAGE, integer: true }) ?? 1,
    limit: Math.min(limit, MAX_LIMIT),
    depth: Math.min(numberParam('depth', raw.depth, { min: 0, integer: true }) ?? 1, MAX_DEPTH),
  }
  return params
}

/** Words of the free text (prices already taken out), lower-cased and de-duplicated. */
const termsOf = (text: string): string[] =>
  [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ].slice(0, MAX_TERMS)

/** The read-access filter of `products` for this request, as SQL on alias `p`. */
const accessFilter = async (req: PayloadRequest): Promise<SQL> => {
  const collection = req.payload.collections.products.config
  const result = await collection.access.read({ req })
  if (result === true) return sql`true`
  if (!result) return sql`false`
  return whereToSql(result as Where, collection.flattenedFields, 'p')
}

type SearchRow = {
  total: string
  ids: number[]
  brands: SearchFacets['brands']
  categories: SearchFacets['categories']
  price: { min: string | null; max: string | null }
}

/** The query words as tsqueries: `match` requires every word, `rank` scores any of them. */
type ExpandedQuery = { match: string; rank: string }

type Executor = Pick<PostgresAdapter['drizzle'], 'execute'>

/**
 * Turns the query words into tsqueries. A word of 4+ letters also stands for the brand and model
 * words it resembles (trigram word similarity against the `products_search_words` dictionary:
 * `samsng` → `samsng | samsung`), so the products' GIN index on `search_vector` alone answers the
 * search, typos included. Stop words drop out; `undefined` when no word is left.
 */
const expandTerms = async (db: Executor, terms: string[]): Promise<ExpandedQuery | undefined> => {
  if (terms.length === 0) return undefined
  const expressions = terms.map((term) =>
    term.length >= MIN_FUZZY_LENGTH
      ? sql`(plainto_tsquery('english', ${term}) || coalesce((
          SELECT to_tsquery('english', string_agg(word, ' | '))
            FROM products_search_words WHERE ${term} <% word), ''::tsquery))::text`
      : sql`plainto_tsquery('english', ${term})::text`,
  )
  const { rows } = await db.execute<{ queries: string[] }>(
    sql`SELECT ARRAY[${sql.join(expressions, sql`, `)}] AS queries`,
  )
  // PG prints tsqueries in their input syntax, so they combine as text and parse back as one.
  const words = (rows[0]?.queries ?? []).filter(Boolean).map((query) => `(${query})`)
  if (words.length === 0) return undefined
  return { match: words.join(' & '), rank: words.join(' | ') }
}

/**
 * The search itself: the visible products matching every filter, ranked and paged, with the
 * count and facets of the whole matching set, in one statement.
 */
const searchStatement = (
  filters: SQL[],
  rank: SQL,
  params: SearchParams,
  query: ExpandedQuery | undefined,
): SQL => {
  const order: Record<SearchSort, SQL> = {
    relevance: query ? sql`rank DESC, created_at DESC, id DESC` : sql`created_at DESC, id DESC`,
    price: sql`final_price ASC NULLS LAST, id ASC`,
    '-price': sql`final_price DESC NULLS LAST, id DESC`,
    rating: sql`rating_average DESC NULLS LAST, id DESC`,
    newest: sql`created_at DESC, id DESC`,
  }
  const offset = (params.page - 1) * params.limit

  return sql`
    WITH matched AS MATERIALIZED (
      SELECT p.id, p.brand, p.category_id, p.final_price, p.rating_average, p.created_at,
             ${rank} AS rank
      FROM products p
      WHERE ${sql.join(filters, sql` AND `)}
    ),
    page AS (
      SELECT id, row_number() OVER () AS position
      FROM (SELECT id FROM matched ORDER BY ${order[params.sort]}
            LIMIT ${params.limit} OFFSET ${offset}) ordered
    )
    SELECT
      (SELECT count(*) FROM matched) AS total,
      (SELECT coalesce(json_agg(id ORDER BY position), '[]'::json) FROM page) AS ids,
      (SELECT coalesce(json_agg(json_build_object('value', brand, 'count', n)
                                ORDER BY n DESC, brand), '[]'::json)
         FROM (SELECT brand, count(*) AS n FROM matched GROUP BY brand
               ORDER BY n DESC, brand LIMIT ${FACET_BRANDS}) b) AS brands,
      (SELECT coalesce(json_agg(json_build_object('id', c.id, 'slug', c.slug, 'name', c.name,
                                                  'count', g.n) ORDER BY g.n DESC, c.name),
                       '[]'::json)
         FROM (SELECT category_id, count(*) AS n FROM matched
               WHERE category_id IS NOT NULL GROUP BY category_id) g
         JOIN categories c ON c.id = g.category_id) AS categories,
      (SELECT json_build_object('min', min(final_price), 'max', max(final_price))
         FROM matched) AS price
  `
}

/**
 * Catalog search: full text (english stemming, brand and model weigh more than category and
 * description) with typo tolerance on brand and model words (`expandTerms`), price ranges from the
 * text and the parameters, filters, sorting, paging and facets: one small statement to expand the
 * words, then one over the GIN-indexed `search_vector` for everything else. Visibility is the collection's own read access: its
 * `Where` is translated into the statement (so counts and facets only see visible products), and
 * the page's documents are then loaded through `payload.find` with `overrideAccess: false`, which
 * applies the same rule a second time.
 */
export const searchProducts = async (
  req: PayloadRequest,
  params: SearchParams,
): Promise<SearchResult> => {
  const parsed = parsePriceQuery(params.query)
  const bounds = (values: Array<number | undefined>, pick: (...n: number[]) => number) => {
    const present = values.filter((value): value is number => value !== undefined)
    return present.length ? pick(...present) : undefined
  }
  const minPrice = bounds([parsed.minPrice, params.minPrice], Math.max)
  const maxPrice = bounds([parsed.maxPrice, params.maxPrice], Math.min)
  const terms = termsOf(parsed.text)
  const textQuery = terms.join(' ')

  // Never the trash; only listed products when a shop window asks (`approvedOnly`).
  const visible = params.approvedOnly ? listedSql('p') : notTrashedSql('p')
  const filters: SQL[] = [visible, await accessFilter(req)]
  if (minPrice !== undefined) filters.push(sql`p.final_price >= ${minPrice}`)
  if (maxPrice !== undefined) filters.push(sql`p.final_price <= ${maxPrice}`)
  if (params.brand) {
    const escaped = params.brand.replace(/[\\%_]/g, (char) => `\\${char}`)
    filters.push(sql`p.brand ILIKE ${escaped}`)
  }
  if (typeof params.category === 'number') filters.push(sql`p.category_id = ${params.category}`)
  else if (params.category)
    filters.push(sql`p.category_id IN (SELECT id FROM categories WHERE slug = ${params.category})`)
  if (params.inStock === true) filters.push(inStockSql(sql`p.stock`))
  if (params.inStock === false) filters.push(sql`NOT (${inStockSql(sql`p.stock`)})`)
  if (params.minRating !== undefined) filters.push(sql`p.rating_average >= ${params.minRating}`)

  const db = (req.payload.db as unknown as PostgresAdapter).drizzle
  const row = await db.transaction(async (tx) => {
    // pg_trgm's default word-similarity threshold (0.6) misses one-letter typos in short words
    // ("samsng" → Samsung scores 0.57); the threshold is per session, so set it for this search.
    await tx.execute(sql.raw(`SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY}`))
    const query = await expandTerms(tx, terms)
    let rank: SQL = sql`0::real`
    if (query) {
      filters.push(sql`p.search_vector @@ ${query.match}::tsquery`)
      rank = sql`(ts_rank(p.search_vector, ${query.rank}::tsquery) + 0.5 * greatest(word_similarity(${textQuery}, p.brand), word_similarity(${textQuery}, p.model)))`
    }
    const { rows } = await tx.execute<SearchRow>(searchStatement(filters, rank, params, query))
    return rows[0] as SearchRow
  })

  const ids = row.ids
  let docs: Product[] = []
  if (ids.length) {
    const found = await req.payload.find({
      collection: 'products',
      where: params.approvedOnly
        ? { and: [{ id: { in: ids } }, listedWhere()] }
        : { id: { in: ids } },
      overrideAccess: false,
      req,
      depth: params.depth,
      limit: ids.length,
      pagination: false,
    })
    const byId = new Map(found.docs.map((doc) => [doc.id, doc]))
    docs = ids.map((id) => byId.get(id)).filter((doc): doc is Product => Boolean(doc))
    if (docs.length !== ids.length)
      req.payload.logger.error(
        { expected: ids.length, visible: docs.length },
        'search: the SQL access filter let through products that read access hides',
      )
  }

  const totalDocs = Number(row.total)
  const totalPages = Math.max(1, Math.ceil(totalDocs / params.limit))
  const toPrice = (value: string | null): number | null => (value === null ? null : Number(value))
  return {
    docs,
    totalDocs,
    limit: params.limit,
    page: params.page,
    totalPages,
    hasNextPage: params.page < totalPages,
    hasPrevPage: params.page > 1,
    nextPage: params.page < totalPages ? params.page + 1 : null,
    prevPage: params.page > 1 ? params.page - 1 : null,
    pagingCounter: (params.page - 1) * params.limit + 1,
    facets: {
      brands: row.brands,
      categories: row.categories,
      price: { min: toPrice(row.price.min), max: toPrice(row.price.max) },
    },
  }
}
