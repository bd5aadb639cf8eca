import type { Field, SanitizedConfig } from 'payload'

import type { EntityNames } from './builtinParts'
import type { JsonSchema } from './endpointDoc'
import { fieldsSchema, type ObjectSchema } from './fieldSchemas'
import { type Naming, summaryName } from './names'

/** Fields Payload's upload feature fills from the file; never part of a request body. */
const UPLOAD_MANAGED = new Set([
  'filename',
  'mimeType',
  'filesize',
  'width',
  'height',
  'url',
  'thumbnailURL',
  'sizes',
  'prefix',
])

/** Fields Payload sets itself; never part of a request body. */
const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'deletedAt']

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

/** Schemas that are not a collection's or global's. */
const BASE_SCHEMAS: Record<string, JsonSchema> = {
  PayloadError: {
    type: 'object',
    description: "Payload's error shape, used by every error response",
    required: ['errors'],
    properties: {
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['message'],
          properties: {
            message: { type: 'string' },
            name: { type: 'string', description: 'Error class, e.g. ValidationError' },
            data: {
              description:
                'Details; for validation errors `{ collection, errors: [{ path, message }] }`',
            },
          },
        },
      },
    },
    example: { errors: [{ message: 'You are not allowed to perform this action.' }] },
  },
  GraphQLRequest: {
    type: 'object',
    required: ['query'],
    properties: {
      query: { type: 'string' },
      variables: { type: 'object', additionalProperties: true },
      operationName: { type: 'string' },
    },
  },
  GraphQLResponse: {
    type: 'object',
    properties: {
      data: { type: ['object', 'null'], additionalProperties: true },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            message: { type: 'string' },
            path: { type: 'array' },
            extensions: { type: 'object' },
          },
        },
      },
    },
  },
}

type EntityOptions = {
  fields: Field[]
  idType?: 'number' | 'string'
  /** An auth collection with the local strategy: bodies take a password. */
  auth?: boolean
  upload?: boolean
  defaultPopulate?: Record<string, unknown>
}

/** A document as the API returns it. */
const readSchema = (naming: Naming, entity: EntityOptions): ObjectSchema => {
  const read = fieldsSchema(entity.fields, naming.schemaContext('read'))
  if (entity.idType) {
    read.properties = { id: { type: entity.idType }, ...read.properties }
    read.required = ['id', ...(read.required ?? [])]
  }
  return read
}

/** A document as populated into others: its `defaultPopulate` fields. */
const summarySchema = (
  names: EntityNames,
  read: ObjectSchema,
  defaultPopulate: Record<string, unknown>,
): JsonSchema => {
  // Payload adds `deletedAt` to collections with a trash.
  const kept = ['id', 'deletedAt', ...Object.keys(defaultPopulate)]
  return {
    type: 'object',
    description: `A ${names.doc} as populated into other documents (its defaultPopulate fields); \`populate[<collection>][<field>]=true\` asks for others`,
    required: ['id'],
    properties: Object.fromEntries(
      Object.entries(read.properties ?? {}).filter(([key]) => kept.includes(key)),
    ),
  }
}

/** A create (POST) or update (PATCH) body. */
const inputSchema = (
  naming: Naming,
  entity: EntityOptions,
  mode: 'create' | 'update',
): ObjectSchema => {
  const input = fieldsSchema(entity.fields, naming.schemaContext(mode))
  for (const key of SYSTEM_FIELDS) delete input.properties[key]
  if (entity.upload) {
    for (const key of UPLOAD_MANAGED) delete input.properties[key]
    if (input.required) input.required = input.required.filter((k) => !UPLOAD_MANAGED.has(k))
  }
  if (entity.auth) {
    input.properties.password = { type: 'string', format: 'password', writeOnly: true }
    if (mode === 'create') input.required = [...(input.required ?? []), 'password']
  }
  return input
}

/** A page of documents, as Payload paginates. */
const listSchema = (names: EntityNames): JsonSchema => ({
  type: 'object',
  required: ['docs', 'totalDocs', 'page', 'totalPages', 'hasNextPage', 'hasPrevPage'],
  properties: {
    docs: { type: 'array', items: ref(names.doc) },
    totalDocs: { type: 'integer' },
    limit: { type: 'integer' },
    totalPages: { type: 'integer' },
    page: { type: 'integer' },
    pagingCounter: { type: 'integer' },
    hasPrevPage: { type: 'boolean' },
    hasNextPage: { type: 'boolean' },
    prevPage: { type: ['integer', 'null'] },
    nextPage: { type: ['integer', 'null'] },
  },
})

/**
 * Every component schema: Payload's error shape, GraphQL's, and per collection its document,
 * summary (with `defaultPopulate`), create and update bodies and list page; per global its
 * document and update body. All derived from the fields.
 */
export const buildSchemas = (
  config: SanitizedConfig,
  naming: Naming,
): Record<string, JsonSchema> => {
  const schemas: Record<string, JsonSchema> = { ...BASE_SCHEMAS }
  for (const collection of config.collections) {
    const names = naming.names.get(collection.slug)!
    const entity: EntityOptions = {
      fields: collection.fields,
      idType: naming.idTypeOf(collection),
      auth: Boolean(collection.auth && !collection.auth.disableLocalStrategy),
      upload: Boolean(collection.upload),
      defaultPopulate: collection.defaultPopulate as Record<string, unknown> | undefined,
    }
    const read = readSchema(naming, entity)
    if (entity.defaultPopulate) {
      schemas[summaryName(names)] = summarySchema(names, read, entity.defaultPopulate)
    }
    schemas[names.doc] = read
    schemas[names.create] = inputSchema(naming, entity, 'create')
    schemas[names.update] = inputSchema(naming, entity, 'update')
    schemas[names.list] = listSchema(names)
  }
  for (const global of config.globals) {
    const names = naming.names.get(`global:${global.slug}`)!
    const entity: EntityOptions = { fields: global.fields }
    schemas[names.doc] = readSchema(naming, entity)
    schemas[names.update] = inputSchema(naming, entity, 'update')
  }
  return schemas
}
