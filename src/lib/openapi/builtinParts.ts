import type { SanitizedCollectionConfig, SanitizedConfig, SanitizedGlobalConfig } from 'payload'

import type { EndpointDoc, JsonSchema } from './endpointDoc'

/** Component names of one collection's or global's schemas. */
export type EntityNames = { doc: string; create: string; update: string; list: string }

/** What the description of one of Payload's own routes is derived from. */
export type BuiltinContext = {
  config: SanitizedConfig
  collection?: SanitizedCollectionConfig
  global?: SanitizedGlobalConfig
  names?: EntityNames
  idType: 'number' | 'string'
}

type Parameter = NonNullable<EndpointDoc['parameters']>[number]

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
const message: JsonSchema = { type: 'string' }
const names = (c: BuiltinContext): EntityNames => c.names!

const q = (name: string, schema: JsonSchema, description: string): Parameter => ({
  name,
  in: 'query',
  description,
  schema,
})

// Payload reads nested query objects with `qs`: `where[price][less_than]=500`. OpenAPI's
// `deepObject` style is the closest description of that syntax.
const deep = (name: string, description: string, required = false): Parameter => ({
  name,
  in: 'query',
  required,
  description,
  style: 'deepObject',
  explode: true,
  // No `additionalProperties` schema: Swagger UI would prefill "Try it out" with sample keys.
  schema: { type: 'object' },
})

const WHERE_TEXT =
  'Filter, in qs syntax: `where[field][operator]=value`, e.g. `where[price][less_than]=500`, `where[brand][equals]=Acme`, `where[or][0][brand][like]=ph&where[or][1][model][like]=ph`. Operators: equals, not_equals, in, not_in, all, exists, greater_than, greater_than_equal, less_than, less_than_equal, like, contains, near, within, intersects. See docs/API.md#filtering-sorting-pagination.'

/** Query parameters that exist only where the config enables the feature (drafts, trash, locales). */
const featureParams = (c: BuiltinContext, kind: 'read' | 'write'): Parameter[] => {
  const versions = (c.collection ?? c.global)?.versions
  const drafts = Boolean(versions && typeof versions === 'object' && versions.drafts)
  const read = kind === 'read'
  return [
    ...(drafts
      ? [q('draft', { type: 'boolean' }, read ? 'Read the latest draft' : 'Save as a draft')]
      : []),
    ...(c.collection?.trash && read
      ? [
          q(
            'trash',
            { type: 'boolean' },
            'Include soft-deleted (trashed) documents; combine with `where[deletedAt][exists]=true` to list only those.',
          ),
        ]
      : []),
    ...(c.config.localization ? [q('locale', { type: 'string' }, 'Locale code, or `all`')] : []),
    ...(c.config.localization && read
      ? [q('fallback-locale', { type: 'string' }, 'Fallback locale')]
      : []),
  ]
}

const pathParam = (name: string, schema: JsonSchema, description?: string): Parameter => ({
  name,
  in: 'path',
  required: true,
  ...(description ? { description } : {}),
  schema,
})

/** The parameters a row of the route tables names. */
export const PARAMS = {
  where: () => deep('where', WHERE_TEXT),
  whereRequired: () => deep('where', WHERE_TEXT, true),
  sort: () =>
    q(
      'sort',
      { type: 'string' },
      'Field to sort by; prefix `-` for descending; comma-separate several (`-price,createdAt`)',
    ),
  versionSort: () => q('sort', { type: 'string' }, 'Sort'),
  limit: () => q('limit', { type: 'integer', minimum: 0 }, 'Page size (Payload default 10)'),
  page: () => q('page', { type: 'integer', minimum: 1 }, 'Page number, from 1'),
  depth: () =>
    q(
      'depth',
      { type: 'integer', minimum: 0 },
      'How many levels of relationships to populate (0: ids only). The server may cap it.',
    ),
  select: () =>
    deep(
      'select',
      'Return only these fields: `select[brand]=true&select[model]=true` (or `=false` to exclude).',
    ),
  populate: () =>
    deep(
      'populate',
      'Per-collection select for populated documents: `populate[categories][name]=true`.',
    ),
  pagination: () =>
    q(
      'pagination',
      { type: 'boolean' },
      '`false` returns every match without counting (the server may refuse or cap it)',
    ),
  read: (c: BuiltinContext) => featureParams(c, 'read'),
  write: (c: BuiltinContext) => featureParams(c, 'write'),
  id: (c: BuiltinContext) => pathParam('id', { type: c.idType }, 'Document id'),
  verifyToken: () => pathParam('id', { type: 'string' }, 'The verification token'),
  filename: () => pathParam('filename', { type: 'string' }),
  key: () =>
    pathParam(
      'key',
      { type: 'string' },
      'The preference key, any single path segment (`count` and `access` too) but `versions`',
    ),
  allSessions: () =>
    q('allSessions', { type: 'boolean' }, 'End every session of this user, not only this one'),
  src: () => q('src', { type: 'string', format: 'uri' }, 'URL to fetch'),
} satisfies Record<string, (c: BuiltinContext) => Parameter | Parameter[]>

export type ParamName = keyof typeof PARAMS

type LoginWithUsername = { allowEmailLogin?: boolean }

/**
 * The identity an auth collection's login, forgot-password and unlock take, from its
 * `auth.loginWithUsername`: email; email or username; or username alone.
 */
const identity = (c: BuiltinContext): JsonSchema => {
  const withUsername = c.collection?.auth?.loginWithUsername as LoginWithUsername | false
  const email = { type: 'string', format: 'email' }
  if (!withUsername) return { type: 'object', required: ['email'], properties: { email } }
  if (withUsername.allowEmailLogin === false) {
    return { type: 'object', required: ['username'], properties: { username: { type: 'string' } } }
  }
  return { type: 'object', properties: { email, username: { type: 'string' } } }
}

const credentials = (c: BuiltinContext): JsonSchema => {
  const base = identity(c)
  return {
    ...base,
    required: [...((base.required as string[]) ?? []), 'password'],
    properties: {
      ...(base.properties as Record<string, JsonSchema>),
      password: { type: 'string', format: 'password' },
    },
  }
}

type RequestBody = NonNullable<EndpointDoc['requestBody']>

const uploadCreate = (c: BuiltinContext): RequestBody => ({
  required: true,
  contentType: 'multipart/form-data',
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: { type: 'string', contentMediaType: 'application/octet-stream' },
      _payload: { type: 'string', description: `JSON of the other fields (${names(c).create})` },
    },
  },
})

/** The request bodies a row of the route tables names. */
export const BODIES = {
  credentials: (c: BuiltinContext) => ({ required: true, schema: credentials(c) }),
  identity: (c: BuiltinContext) => ({ required: true, schema: identity(c) }),
  createJson: (c: BuiltinContext) => ({ required: true, schema: ref(names(c).create) }),
  /** An upload collection takes the file as multipart. */
  create: (c: BuiltinContext) =>
    c.collection?.upload ? uploadCreate(c) : { required: true, schema: ref(names(c).create) },
  update: (c: BuiltinContext) => ({ required: true, schema: ref(names(c).update) }),
  updateById: (c: BuiltinContext) => ({
    required: true,
    ...(c.collection?.upload
      ? { description: 'JSON, or multipart with a replacement `file` and `_payload`' }
      : {}),
    schema: ref(names(c).update),
  }),
  resetPassword: () => ({
    required: true,
    schema: {
      type: 'object',
      required: ['token', 'password'],
      properties: { token: { type: 'string' }, password: { type: 'string', format: 'password' } },
    },
  }),
  preference: () => ({ schema: { type: 'object', properties: { value: {} } } }),
} satisfies Record<string, (c: BuiltinContext) => RequestBody>

export type BodyName = keyof typeof BODIES

const docMessage = (c: BuiltinContext): JsonSchema => ({
  type: 'object',
  required: ['doc', 'message'],
  properties: { doc: ref(names(c).doc), message },
})

const bulkResult = (c: BuiltinContext): JsonSchema => ({
  type: 'object',
  required: ['docs', 'errors'],
  properties: {
    docs: { type: 'array', items: ref(names(c).doc) },
    errors: {
      type: 'array',
      description: 'Documents that could not be changed, with the reason',
      items: { type: 'object', properties: { id: { type: ['string', 'number'] }, message } },
    },
    message,
  },
})

const loginResult = (c: BuiltinContext): JsonSchema => ({
  type: 'object',
  required: ['user'],
  properties: {
    message,
    user: ref(names(c).doc),
    token: { type: 'string', description: 'A JWT; send as `Authorization: JWT <token>`' },
    exp: { type: 'integer', description: 'Expiry of the token (seconds since the epoch)' },
  },
})

const octetStream: JsonSchema = { type: 'string', contentMediaType: 'application/octet-stream' }

/** The success-response schemas a row of the route tables names. */
export const SHAPES = {
  doc: (c: BuiltinContext) => ref(names(c).doc),
  list: (c: BuiltinContext) => ref(names(c).list),
  docMessage,
  bulk: bulkResult,
  login: loginResult,
  count: () => ({
    type: 'object',
    required: ['totalDocs'],
    properties: { totalDocs: { type: 'integer' } },
  }),
  permissions: () => ({
    type: 'object',
    additionalProperties: true,
    description: 'Permissions by collection/global and operation (used by the admin UI)',
  }),
  me: (c: BuiltinContext) => ({
    type: 'object',
    properties: {
      user: { anyOf: [ref(names(c).doc), { type: 'null' }] },
      collection: { type: 'string' },
      strategy: { type: 'string' },
      token: { type: 'string' },
      exp: { type: 'integer' },
    },
  }),
  refresh: (c: BuiltinContext) => ({
    type: 'object',
    properties: {
      message,
      refreshedToken: { type: 'string' },
      exp: { type: 'integer' },
      user: ref(names(c).doc),
    },
  }),
  init: () => ({ type: 'object', properties: { initialized: { type: 'boolean' } } }),
  message: () => ({ type: 'object', properties: { message } }),
  object: () => ({ type: 'object' }),
  file: () => octetStream,
} satisfies Record<string, (c: BuiltinContext) => JsonSchema>

export type ShapeName = keyof typeof SHAPES

/** What each error status means on Payload's standard routes. */
export const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: invalid input (validation errors name the field in `data.errors`) or a malformed query',
  401: 'Unauthenticated: missing, expired, revoked or malformed credentials where a user is required',
  403: 'Forbidden: access control denies this caller the operation',
  404: 'Not found (or not visible to this caller)',
  409: 'Conflict: the change breaks a rule of the current state (duplicate, illegal transition, still referenced)',
  413: 'Payload too large: the upload exceeds the configured file-size limit',
  429: 'Too many requests: a rate limit was hit; see `Retry-After` and `RateLimit`',
}
