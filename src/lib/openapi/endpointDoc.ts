/**
 * OpenAPI metadata that every custom endpoint carries in `custom.openapi`, so the generated
 * document describes it (see src/lib/openapi/document.ts). Schemas are JSON Schema (OpenAPI 3.1
 * dialect); `$ref: '#/components/schemas/<Name>'` may point at a generated collection schema
 * (e.g. `Product`, `ProductList`, `User`) or at the shared `PayloadError`.
 *
 * An endpoint without this metadata is reported as undocumented: the completeness test fails on
 * it by name, and the server logs it at start. Path parameters missing from `parameters` are added
 * as strings; `401` (when `auth: 'required'`) and `429` are added when absent.
 *
 * @example
 * endpoints: [{
 *   path: '/:id/reject',
 *   method: 'post',
 *   handler: rejectProduct,
 *   custom: {
 *     openapi: {
 *       summary: 'Reject a pending product',
 *       auth: 'required',
 *       sessionOnly: true, // staff power: an API token is refused
 *       parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
 *       requestBody: {
 *         schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } },
 *       },
 *       responses: {
 *         200: { description: 'Rejected', schema: { $ref: '#/components/schemas/Product' } },
 *         400: { description: 'No reason given' },
 *         403: { description: 'Not admin or staff' },
 *         409: { description: 'The product is not pending' },
 *       },
 *     } satisfies EndpointDoc,
 *   },
 * }]
 */
export type JsonSchema = Record<string, unknown>

export type EndpointResponseDoc = {
  description: string
  schema?: JsonSchema
  example?: unknown
  /** Defaults to `application/json` (error statuses always use Payload's JSON error shape). */
  contentType?: string
  /** Response headers worth knowing (e.g. `Retry-After`). */
  headers?: Record<string, { description: string; schema?: JsonSchema }>
}

export type EndpointDoc = {
  summary: string
  description?: string
  /** Grouping in the reference; defaults to the collection's slug (`general` for root endpoints). */
  tags?: string[]
  /** Stable id for client generators; derived from the method and path when absent. */
  operationId?: string
  /** `none`: public; `optional`: acts for the caller when authenticated; `required`: 401 without. */
  auth: 'none' | 'optional' | 'required'
  /**
   * True when the endpoint needs a session (JWT or cookie): a personal API token is refused, as for
   * admin and staff powers. The API-token security scheme is then left off the operation.
   */
  sessionOnly?: boolean
  parameters?: Array<{
    name: string
    in: 'query' | 'path' | 'header'
    required?: boolean
    description?: string
    schema: JsonSchema
    example?: unknown
    /** Serialisation; `deepObject` for qs-style nested objects (`where[price][less_than]=5`). */
    style?: 'form' | 'simple' | 'deepObject'
    explode?: boolean
  }>
  requestBody?: {
    description?: string
    required?: boolean
    schema: JsonSchema
    example?: unknown
    /** Defaults to `application/json`. */
    contentType?: string
  }
  /** Status code → response. Error statuses may omit `schema` (Payload's error shape is implied). */
  responses: Record<number, EndpointResponseDoc>
  deprecated?: boolean
}

export type DocumentedEndpointCustom = { openapi: EndpointDoc }
