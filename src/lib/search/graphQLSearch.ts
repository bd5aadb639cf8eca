import type { GraphQLExtension, PayloadRequest } from 'payload'

import { parseSearchParams, searchProducts, SEARCH_SORTS } from './searchProducts'

/**
 * `searchProducts(query, minPrice, …)`: the catalog search for GraphQL clients, with the same
 * parameters, access and result as `GET /api/products/search` (documents come back at depth 0 and
 * GraphQL resolves relationships as the query asks).
 */
export const graphQLSearchQueries: GraphQLExtension = (GraphQL, context) => {
  const productType = context.collections.products.graphQL?.type
  if (!productType) return {}
  const {
    GraphQLBoolean,
    GraphQLFloat,
    GraphQLInt,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLString,
    GraphQLEnumType,
  } = GraphQL
  const brandFacet = new GraphQLObjectType({
    name: 'ProductSearchBrandFacet',
    fields: { value: { type: GraphQLString }, count: { type: GraphQLInt } },
  })
  const categoryFacet = new GraphQLObjectType({
    name: 'ProductSearchCategoryFacet',
    fields: {
      id: { type: GraphQLInt },
      slug: { type: GraphQLString },
      name: { type: GraphQLString },
      count: { type: GraphQLInt },
    },
  })
  const priceFacet = new GraphQLObjectType({
    name: 'ProductSearchPriceFacet',
    fields: { min: { type: GraphQLFloat }, max: { type: GraphQLFloat } },
  })
  const facets = new GraphQLObjectType({
    name: 'ProductSearchFacets',
    fields: {
      brands: { type: new GraphQLList(brandFacet) },
      categories: { type: new GraphQLList(categoryFacet) },
      price: { type: priceFacet },
    },
  })
  const result = new GraphQLObjectType({
    name: 'ProductSearchResult',
    fields: {
      docs: { type: new GraphQLNonNull(new GraphQLList(productType)) },
      totalDocs: { type: GraphQLInt },
      limit: { type: GraphQLInt },
      page: { type: GraphQLInt },
      totalPages: { type: GraphQLInt },
      hasNextPage: { type: GraphQLBoolean },
      hasPrevPage: { type: GraphQLBoolean },
      nextPage: { type: GraphQLInt },
      prevPage: { type: GraphQLInt },
      pagingCounter: { type: GraphQLInt },
      facets: { type: facets },
    },
  })
  const sort = new GraphQLEnumType({
    name: 'ProductSearchSort',
    values: Object.fromEntries(
      SEARCH_SORTS.map((value) => [value === '-price' ? 'price_desc' : value, { value }]),
    ),
  })
  return {
    searchProducts: {
      type: result,
      args: {
        query: { type: GraphQLString },
        minPrice: { type: GraphQLFloat },
        maxPrice: { type: GraphQLFloat },
        brand: { type: GraphQLString },
        category: { type: GraphQLString },
        inStock: { type: GraphQLBoolean },
        minRating: { type: GraphQLFloat },
        sort: { type: sort },
        page: { type: GraphQLInt },
        limit: { type: GraphQLInt },
      },
      resolve: async (
        _root: unknown,
        args: Record<string, unknown>,
        { req }: { req: PayloadRequest },
      ) => searchProducts(req, parseSearchParams({ ...args, depth: 0 })),
    },
  }
}
