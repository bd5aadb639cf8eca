import type { SanitizedCollectionConfig, SanitizedConfig, SanitizedGlobalConfig } from 'payload'

import type { EndpointDoc, JsonSchema } from './endpointDoc'
import type { ServerRoute } from './routes'

/** Component names of one collection's or global's schemas. */
export type EntityNames = { doc: string; create: string; update: string; list: string }

export type BuiltinContext = {
  config: SanitizedConfig
  collection?: SanitizedCollectionConfig
  global?: SanitizedGlobalConfig
  names?: EntityNames
  idType: 'number' | 'string'
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })
const message: JsonSchema = { type: 'string' }

const q = (
  name: string,
  schema: JsonSchema,
  description: string,
  extra: Partial<NonNullable<EndpointDoc['parameters']>[number]> = {},
): NonNullable<EndpointDoc['parameters']>[number] => ({
  name,
  in: 'query',
  description,
  schema,
  ...extra,
})

// Payload reads nested query objects with `qs`: `where[price][less_than]=500`. OpenAPI's
// `deepObject` style is the closest description of that syntax.
type Parameter = NonNullable<EndpointDoc['parameters']>[number]
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

const whereParam = (required = false): Parameter =>
  deep(
    'where',
    'Filter, in qs syntax: `where[field][operator]=value`, e.g. `where[price][less_than]=500`, `where[brand][equals]=Acme`, `where[or][0][brand][like]=ph&where[or][1][model][like]=ph`. Operators: equals, not_equals, in, not_in, all, exists, greater_than, greater_than_equal, less_than, less_than_equal, like, contains, near, within, intersects. See docs/API.md#filtering-sorting-pagination.',
    required,
  )

const depthParam = q(
  'depth',
  { type: 'integer', minimum: 0 },
  'How many levels of relationships to populate (0: ids only). The server may cap it.',
)
const selectParam = deep(
  'select',
  'Return only these fields: `select[brand]=true&select[model]=true` (or `=false` to exclude).',
)
const populateParam = deep(
  'populate',
  'Per-collection select for populated documents: `populate[categories][name]=true`.',
)

/** Query parameters that only exist when the config enables the feature. */
const featureParams = (context: BuiltinContext, kind: 'read' | 'write'): Parameter[] => {
  const params: Parameter[] = []
  const entity = context.collection ?? context.global
  const versions = entity?.versions
  if (versions && typeof versions === 'object' && versions.drafts) {
    params.push(
      q(
        'draft',
        { type: 'boolean' },
        kind === 'read' ? 'Read the latest draft' : 'Save as a draft',
      ),
    )
  }
  if (context.collection?.trash && kind === 'read') {
    params.push(
      q(
        'trash',
        { type: 'boolean' },
        'Include soft-deleted (trashed) documents; combine with `where[deletedAt][exists]=true` to list only those.',
      ),
    )
  }
  if (context.config.localization) {
    params.push(q('locale', { type: 'string' }, 'Locale code, or `all`'))
    if (kind === 'read') params.push(q('fallback-locale', { type: 'string' }, 'Fallback locale'))
  }
  return params
}

const idParam = (context: BuiltinContext, name = 'id'): Parameter => ({
  name,
  in: 'path',
  required: true,
  description: 'Document id',
  schema: { type: context.idType },
})

const docMessage = (doc: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['doc', 'message'],
  properties: { doc, message },
})

const bulkResult = (doc: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['docs', 'errors'],
  properties: {
    docs: { type: 'array', items: doc },
    errors: {
      type: 'array',
      description: 'Documents that could not be changed, with the reason',
      items: {
        type: 'object',
        properties: { id: { type: ['string', 'number'] }, message },
      },
    },
    message,
  },
})

const errors = (...statuses: number[]): Record<number, { description: string }> =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERROR_TEXT[status] }]))

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

const authCollectionBodies = (context: BuiltinContext) => {
  const auth = context.collection?.auth
  const withUsername = Boolean(auth && auth.loginWithUsername)
  const identity: JsonSchema = withUsername
    ? {
        type: 'object',
        properties: { email: { type: 'string', format: 'email' }, username: { type: 'string' } },
      }
    : {
        type: 'object',
        required: ['email'],
        properties: { email: { type: 'string', format: 'email' } },
      }
  const credentials: JsonSchema = {
    ...identity,
    required: [...((identity.required as string[]) ?? []), 'password'],
    properties: {
      ...(identity.properties as Record<string, JsonSchema>),
      password: { type: 'string', format: 'password' },
    },
  }
  return { identity, credentials }
}

const loginResult = (context: BuiltinContext): JsonSchema => ({
  type: 'object',
  required: ['user'],
  properties: {
    message,
    user: ref(context.names!.doc),
    token: { type: 'string', description: 'A JWT; send as `Authorization: JWT <token>`' },
    exp: { type: 'integer', description: 'Expiry of the token (seconds since the epoch)' },
  },
})

const permissions: JsonSchema = {
  type: 'object',
  additionalProperties: true,
  description: 'Permissions by collection/global and operation (used by the admin UI)',
}

type Builtin = (context: BuiltinContext) => EndpointDoc

const internalNote = 'Used by the admin UI.'

/** Payload's default collection routes (collections/endpoints), keyed `method path`. */
const COLLECTION_BUILTINS: Record<string, Builtin> = {
  'get /': (c) => ({
    summary: `List ${c.collection!.slug}`,
    description:
      'Paginated list of the documents this caller may read, filtered with `where`, ordered with `sort`.',
    operationId: `${c.collection!.slug}_find`,
    auth: 'optional',
    parameters: [
      whereParam(),
      q(
        'sort',
        { type: 'string' },
        'Field to sort by; prefix `-` for descending; comma-separate several (`-price,createdAt`)',
      ),
      q('limit', { type: 'integer', minimum: 0 }, 'Page size (Payload default 10)'),
      q('page', { type: 'integer', minimum: 1 }, 'Page number, from 1'),
      depthParam,
      selectParam,
      populateParam,
      q(
        'pagination',
        { type: 'boolean' },
        '`false` returns every match without counting (the server may refuse or cap it)',
      ),
      ...featureParams(c, 'read'),
    ],
    responses: {
      200: { description: 'A page of documents', schema: ref(c.names!.list) },
      ...errors(400, 401, 403),
    },
  }),
  'get /count': (c) => ({
    summary: `Count ${c.collection!.slug}`,
    operationId: `${c.collection!.slug}_count`,
    auth: 'optional',
    parameters: [whereParam(), ...featureParams(c, 'read')],
    responses: {
      200: {
        description: 'How many documents match',
        schema: {
          type: 'object',
          required: ['totalDocs'],
          properties: { totalDocs: { type: 'integer' } },
        },
      },
      ...errors(400, 401, 403),
    },
  }),
  'get /:id': (c) => ({
    summary: `Get one ${c.collection!.slug} document by id`,
    operationId: `${c.collection!.slug}_findById`,
    auth: 'optional',
    parameters: [idParam(c), depthParam, selectParam, populateParam, ...featureParams(c, 'read')],
    responses: {
      200: { description: 'The document', schema: ref(c.names!.doc) },
      ...errors(400, 401, 403, 404),
    },
  }),
  'post /': (c) => {
    const upload = Boolean(c.collection!.upload)
    const auth = Boolean(c.collection!.auth)
    return {
      summary: auth ? `Create a ${c.collection!.slug} account (sign-up)` : `Create a document`,
      description: upload
        ? 'Multipart upload: the file in `file`, the other fields either as form fields or JSON in `_payload`.'
        : undefined,
      operationId: `${c.collection!.slug}_create`,
      auth: 'optional',
      parameters: [depthParam, ...featureParams(c, 'write')],
      requestBody: upload
        ? {
            required: true,
            contentType: 'multipart/form-data',
            schema: {
              type: 'object',
              required: ['file'],
              properties: {
                file: { type: 'string', contentMediaType: 'application/octet-stream' },
                _payload: {
                  type: 'string',
                  description: `JSON of the other fields (${c.names!.create})`,
                },
              },
            },
          }
        : { required: true, schema: ref(c.names!.create) },
      responses: {
        201: { description: 'Created', schema: docMessage(ref(c.names!.doc)) },
        ...errors(400, 401, 403, 409, ...(upload ? [413] : [])),
      },
    }
  },
  'patch /:id': (c) => ({
    summary: `Update a document by id`,
    operationId: `${c.collection!.slug}_updateById`,
    auth: 'optional',
    parameters: [idParam(c), depthParam, ...featureParams(c, 'write')],
    requestBody: c.collection!.upload
      ? {
          required: true,
          description: 'JSON, or multipart with a replacement `file` and `_payload`',
          schema: ref(c.names!.update),
        }
      : { required: true, schema: ref(c.names!.update) },
    responses: {
      200: { description: 'Updated', schema: docMessage(ref(c.names!.doc)) },
      ...errors(400, 401, 403, 404, 409, ...(c.collection!.upload ? [413] : [])),
    },
  }),
  'put /:id': (c) => ({
    ...COLLECTION_BUILTINS['patch /:id'](c),
    summary: 'Update a document by id (PUT, same as PATCH)',
    description:
      'Accepted for clients written to PUT. It merges like PATCH: fields left out keep their ' +
      'values; nothing the body omits is cleared.',
    operationId: `${c.collection!.slug}_putById`,
  }),
  'patch /': (c) => ({
    summary: `Update every document matching \`where\``,
    description: 'Bulk update; documents the caller may not update are reported in `errors`.',
    operationId: `${c.collection!.slug}_update`,
    auth: 'optional',
    parameters: [whereParam(true), depthParam, ...featureParams(c, 'write')],
    requestBody: { required: true, schema: ref(c.names!.update) },
    responses: {
      200: { description: 'Updated documents', schema: bulkResult(ref(c.names!.doc)) },
      ...errors(400, 401, 403, 409),
    },
  }),
  'delete /:id': (c) => ({
    summary: c.collection!.trash
      ? 'Delete a document by id (moves it to the trash)'
      : 'Delete a document by id',
    operationId: `${c.collection!.slug}_deleteById`,
    auth: 'optional',
    parameters: [idParam(c), depthParam],
    responses: {
      200: { description: 'Deleted', schema: docMessage(ref(c.names!.doc)) },
      ...errors(400, 401, 403, 404, 409),
    },
  }),
  'delete /': (c) => ({
    summary: `Delete every document matching \`where\``,
    operationId: `${c.collection!.slug}_delete`,
    auth: 'optional',
    parameters: [whereParam(true), depthParam],
    responses: {
      200: { description: 'Deleted documents', schema: bulkResult(ref(c.names!.doc)) },
      ...errors(400, 401, 403, 409),
    },
  }),
  'post /:id/duplicate': (c) => ({
    summary: 'Duplicate a document',
    operationId: `${c.collection!.slug}_duplicate`,
    auth: 'optional',
    parameters: [idParam(c), depthParam],
    responses: {
      200: { description: 'The copy', schema: docMessage(ref(c.names!.doc)) },
      ...errors(400, 401, 403, 404, 409),
    },
  }),
  'post /access': (c) => ({
    summary: 'What the caller may do in this collection',
    description: internalNote,
    operationId: `${c.collection!.slug}_access`,
    auth: 'optional',
    responses: { 200: { description: 'Permissions', schema: permissions } },
  }),
  'post /access/:id': (c) => ({
    summary: 'What the caller may do with one document',
    description: `${internalNote} The body may hold unsaved data to evaluate field access against.`,
    operationId: `${c.collection!.slug}_docAccess`,
    auth: 'optional',
    parameters: [idParam(c)],
    responses: { 200: { description: 'Permissions', schema: permissions }, ...errors(404) },
  }),
  'get /versions': (c) => ({
    summary: 'List versions',
    operationId: `${c.collection!.slug}_findVersions`,
    auth: 'optional',
    parameters: [whereParam(), q('sort', { type: 'string' }, 'Sort'), depthParam],
    responses: {
      200: { description: 'A page of versions', schema: { type: 'object' } },
      ...errors(400, 401, 403),
    },
  }),
  'get /versions/:id': (c) => ({
    summary: 'Get a version',
    operationId: `${c.collection!.slug}_findVersionById`,
    auth: 'optional',
    parameters: [idParam(c), depthParam],
    responses: { 200: { description: 'The version', schema: { type: 'object' } }, ...errors(404) },
  }),
  'post /versions/:id': (c) => ({
    summary: 'Restore a version',
    operationId: `${c.collection!.slug}_restoreVersion`,
    auth: 'optional',
    parameters: [idParam(c), depthParam],
    responses: {
      200: { description: 'Restored', schema: docMessage(ref(c.names!.doc)) },
      ...errors(401, 403, 404),
    },
  }),
}

/** Payload's auth routes (auth/endpoints), added to every auth collection. */
const AUTH_BUILTINS: Record<string, Builtin> = {
  'post /login': (c) => ({
    summary: 'Log in with email (or username) and password',
    description:
      'Returns a JWT (`token`) and sets the HTTP-only `payload-token` cookie. Locks the account after too many failures. Rate limited as a credential endpoint.',
    operationId: `${c.collection!.slug}_login`,
    auth: 'none',
    requestBody: { required: true, schema: authCollectionBodies(c).credentials },
    responses: {
      200: { description: 'Logged in', schema: loginResult(c) },
      ...errors(400, 401, 403),
    },
  }),
  'post /logout': (c) => ({
    summary: 'Log out: ends this session (its JWT stops working) and clears the cookie',
    operationId: `${c.collection!.slug}_logout`,
    auth: 'required',
    sessionOnly: true,
    parameters: [
      q('allSessions', { type: 'boolean' }, 'End every session of this user, not only this one'),
    ],
    responses: {
      200: { description: 'Logged out', schema: { type: 'object', properties: { message } } },
      // 403: an API token cannot end sessions.
      ...errors(400, 401, 403),
    },
  }),
  'get /me': (c) => ({
    summary: 'The authenticated user (or `user: null`)',
    operationId: `${c.collection!.slug}_me`,
    auth: 'optional',
    responses: {
      200: {
        description: 'The caller',
        schema: {
          type: 'object',
          properties: {
            user: { anyOf: [ref(c.names!.doc), { type: 'null' }] },
            collection: { type: 'string' },
            strategy: { type: 'string' },
            token: { type: 'string' },
            exp: { type: 'integer' },
          },
        },
      },
    },
  }),
  'post /refresh-token': (c) => ({
    summary: 'Exchange a still-valid session JWT for a fresh one',
    description:
      'Refused (403) for access tokens of a `/api/token` pair: those are renewed with their refresh token.',
    operationId: `${c.collection!.slug}_refreshToken`,
    auth: 'required',
    sessionOnly: true,
    responses: {
      200: {
        description: 'A new token with a new expiry',
        schema: {
          type: 'object',
          properties: {
            message,
            refreshedToken: { type: 'string' },
            exp: { type: 'integer' },
            user: ref(c.names!.doc),
          },
        },
      },
      ...errors(401, 403),
    },
  }),
  'post /forgot-password': (c) => ({
    summary: 'Send a password-reset email',
    description:
      'Answers the same way whether or not the account exists. Rate limited as a credential endpoint.',
    operationId: `${c.collection!.slug}_forgotPassword`,
    auth: 'none',
    requestBody: { required: true, schema: authCollectionBodies(c).identity },
    responses: {
      200: { description: 'Email sent if the account exists', schema: { type: 'object' } },
      ...errors(400),
    },
  }),
  'post /reset-password': (c) => ({
    summary: 'Set a new password with the token from the reset email',
    operationId: `${c.collection!.slug}_resetPassword`,
    auth: 'none',
    requestBody: {
      required: true,
      schema: {
        type: 'object',
        required: ['token', 'password'],
        properties: { token: { type: 'string' }, password: { type: 'string', format: 'password' } },
      },
    },
    responses: {
      200: { description: 'Password changed; logged in', schema: loginResult(c) },
      ...errors(400, 403),
    },
  }),
  'post /verify/:id': (c) => ({
    summary: 'Verify an email address with the token from the verification email',
    operationId: `${c.collection!.slug}_verify`,
    auth: 'none',
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The verification token',
        schema: { type: 'string' },
      },
    ],
    responses: {
      200: { description: 'Verified', schema: { type: 'object', properties: { message } } },
      ...errors(400, 403),
    },
  }),
  'post /unlock': (c) => ({
    summary: 'Unlock an account locked after too many failed logins',
    description: 'Admins only.',
    operationId: `${c.collection!.slug}_unlock`,
    auth: 'required',
    sessionOnly: true,
    requestBody: { required: true, schema: authCollectionBodies(c).identity },
    responses: {
      200: { description: 'Unlocked', schema: { type: 'object', properties: { message } } },
      ...errors(400, 401, 403),
    },
  }),
  'post /first-register': (c) => ({
    summary: 'Create the first user of an empty database (becomes admin)',
    description: 'Refused with 403 once any user exists.',
    operationId: `${c.collection!.slug}_firstRegister`,
    auth: 'none',
    requestBody: { required: true, schema: ref(c.names!.create) },
    responses: {
      200: { description: 'Registered and logged in', schema: loginResult(c) },
      ...errors(400, 403),
    },
  }),
  'get /init': (c) => ({
    summary: 'Whether any user exists yet',
    description: internalNote,
    operationId: `${c.collection!.slug}_init`,
    auth: 'none',
    responses: {
      200: {
        description: 'Initialisation state',
        schema: { type: 'object', properties: { initialized: { type: 'boolean' } } },
      },
    },
  }),
  'post /:id/api-key/reveal': (c) => ({
    summary: "Reveal a user's API key",
    description: internalNote,
    operationId: `${c.collection!.slug}_revealApiKey`,
    auth: 'required',
    sessionOnly: true,
    parameters: [idParam(c)],
    responses: {
      200: { description: 'The key', schema: { type: 'object' } },
      ...errors(401, 403, 404),
    },
  }),
}

/** Payload's upload routes (uploads/endpoints). */
const UPLOAD_BUILTINS: Record<string, Builtin> = {
  'get /file/:filename': (c) => ({
    summary: 'Download a stored file (or one of its image sizes) by file name',
    operationId: `${c.collection!.slug}_file`,
    auth: 'optional',
    parameters: [{ name: 'filename', in: 'path', required: true, schema: { type: 'string' } }],
    responses: {
      200: {
        description: 'The file',
        contentType: 'application/octet-stream',
        schema: { type: 'string', contentMediaType: 'application/octet-stream' },
      },
      ...errors(403, 404),
    },
  }),
  'get /paste-url': (c) => ({
    summary: 'Fetch a remote file for upload by URL',
    description: `${internalNote} Query: \`src\` (the URL).`,
    operationId: `${c.collection!.slug}_pasteUrl`,
    auth: 'required',
    parameters: [q('src', { type: 'string', format: 'uri' }, 'URL to fetch')],
    responses: {
      200: { description: 'The fetched file', contentType: 'application/octet-stream' },
      ...errors(400, 401, 403),
    },
  }),
  'get /paste-url/:id': (c) => ({
    summary: 'Fetch a remote file to replace a document’s file',
    description: internalNote,
    operationId: `${c.collection!.slug}_pasteUrlForDocument`,
    auth: 'required',
    parameters: [idParam(c), q('src', { type: 'string', format: 'uri' }, 'URL to fetch')],
    responses: {
      200: { description: 'The fetched file', contentType: 'application/octet-stream' },
      ...errors(400, 401, 403, 404),
    },
  }),
}

const keyParam: NonNullable<EndpointDoc['parameters']>[number] = {
  name: 'key',
  in: 'path',
  required: true,
  description:
    'The preference key, any single path segment (`count` and `access` too) but `versions`',
  schema: { type: 'string' },
}
const versionsKey = { 404: { description: 'The key `versions` (this collection keeps none)' } }

/**
 * Endpoints Payload itself adds to its internal preferences collection. They come before the
 * collection's default routes, so they also answer `GET /count` and `POST /access` (the keys
 * `count` and `access`); the key `versions` is refused with 404, as every versions route of a
 * collection without versions (see payloadRest).
 */
const PREFERENCE_BUILTINS: Record<string, Builtin> = {
  'get /:key': () => ({
    summary: "Read one of the caller's admin-UI preferences",
    description: `${internalNote} A key never saved answers 200 \`{"message":"Not Found","value":null}\`.`,
    operationId: 'preferences_get',
    auth: 'required',
    parameters: [keyParam],
    responses: {
      200: { description: 'The preference', schema: { type: 'object' } },
      ...versionsKey,
    },
  }),
  'post /:key': () => ({
    summary: "Save one of the caller's admin-UI preferences",
    description: internalNote,
    operationId: 'preferences_set',
    auth: 'required',
    parameters: [keyParam],
    requestBody: { schema: { type: 'object', properties: { value: {} } } },
    responses: {
      200: { description: 'Saved', schema: { type: 'object' } },
      ...errors(400),
      ...versionsKey,
    },
  }),
  'delete /:key': () => ({
    summary: "Delete one of the caller's admin-UI preferences",
    description: internalNote,
    operationId: 'preferences_delete',
    auth: 'required',
    parameters: [keyParam],
    responses: { 200: { description: 'Deleted', schema: { type: 'object' } }, ...errors(404) },
  }),
}

/** Payload's default global routes (globals/endpoints). */
const GLOBAL_BUILTINS: Record<string, Builtin> = {
  'get /': (c) => ({
    summary: `Read the ${c.global!.slug} global`,
    operationId: `${c.global!.slug}_get`,
    auth: 'optional',
    parameters: [depthParam, selectParam, ...featureParams(c, 'read')],
    responses: { 200: { description: 'The global', schema: ref(c.names!.doc) }, ...errors(403) },
  }),
  'post /': (c) => ({
    summary: `Update the ${c.global!.slug} global`,
    operationId: `${c.global!.slug}_update`,
    auth: 'required',
    parameters: [depthParam, ...featureParams(c, 'write')],
    requestBody: { required: true, schema: ref(c.names!.update) },
    responses: {
      200: { description: 'Updated', schema: docMessage(ref(c.names!.doc)) },
      ...errors(400, 401, 403),
    },
  }),
  'post /access': (c) => ({
    summary: `What the caller may do with the ${c.global!.slug} global`,
    description: internalNote,
    operationId: `${c.global!.slug}_access`,
    auth: 'optional',
    responses: { 200: { description: 'Permissions', schema: permissions } },
  }),
  'get /versions': (c) => ({
    summary: 'List versions',
    operationId: `${c.global!.slug}_findVersions`,
    auth: 'optional',
    parameters: [whereParam(), depthParam],
    responses: { 200: { description: 'Versions', schema: { type: 'object' } } },
  }),
  'get /versions/:id': (c) => ({
    summary: 'Get a version',
    operationId: `${c.global!.slug}_findVersionById`,
    auth: 'optional',
    parameters: [idParam(c)],
    responses: { 200: { description: 'The version', schema: { type: 'object' } }, ...errors(404) },
  }),
  'post /versions/:id': (c) => ({
    summary: 'Restore a version',
    operationId: `${c.global!.slug}_restoreVersion`,
    auth: 'required',
    parameters: [idParam(c)],
    responses: { 200: { description: 'Restored', schema: { type: 'object' } }, ...errors(404) },
  }),
}

/** Root routes Payload adds to every config (config.endpoints). */
const ROOT_BUILTINS: Record<string, Builtin> = {
  'get /access': () => ({
    summary: 'What the caller may do in every collection and global',
    description: internalNote,
    operationId: 'access',
    auth: 'optional',
    tags: ['general'],
    responses: { 200: { description: 'Permissions', schema: permissions } },
  }),
}

/** Documentation of one of Payload's own routes, or undefined when it is not one of them. */
export const builtinDoc = (
  route: ServerRoute,
  context: BuiltinContext,
): EndpointDoc | undefined => {
  const key = `${route.method} ${route.endpointPath}`
  let table: Record<string, Builtin> | undefined
  if (route.scope === 'collection') {
    if (route.slug === 'payload-preferences' && PREFERENCE_BUILTINS[key])
      table = PREFERENCE_BUILTINS
    else if (context.collection?.auth && AUTH_BUILTINS[key]) table = AUTH_BUILTINS
    else if (context.collection?.upload && UPLOAD_BUILTINS[key]) table = UPLOAD_BUILTINS
    else table = COLLECTION_BUILTINS
  } else if (route.scope === 'global') table = GLOBAL_BUILTINS
  else if (route.scope === 'root') table = ROOT_BUILTINS
  return table?.[key]?.(context)
}
