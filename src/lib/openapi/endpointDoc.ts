/**
 * OpenAPI metadata that every custom endpoint carries in `custom.openapi`, so the generated
 * document describes it (see `documentedEndpoint`). Schemas are JSON Schema (OpenAPI 3.1 dialect).
 */
export type JsonSchema = Record<string, unknown>

export type EndpointDoc = {
  summary: string
  description?: string
  /** Grouping in the reference; defaults to the collection's slug. */
  tags?: string[]
  /** `none`: public; `optional`: acts for the caller when authenticated; `required`: 401 without. */
  auth: 'none' | 'optional' | 'required'
  parameters?: Array<{
    name: string
    in: 'query' | 'path' | 'header'
    required?: boolean
    description?: string
    schema: JsonSchema
  }>
  requestBody?: { description?: string; required?: boolean; schema: JsonSchema; example?: unknown }
  /** Status code → response. Error statuses may omit `schema` (Payload's error shape is implied). */
  responses: Record<number, { description: string; schema?: JsonSchema; example?: unknown }>
}

export type DocumentedEndpointCustom = { openapi: EndpointDoc }
