import {
  BODIES,
  type BodyName,
  type BuiltinContext,
  ERROR_TEXT,
  PARAMS,
  type ParamName,
  SHAPES,
  type ShapeName,
} from './builtinParts'
import type { EndpointDoc } from './endpointDoc'
import type { ServerRoute } from './routes'

export { type BuiltinContext, ERROR_TEXT, type EntityNames } from './builtinParts'

type Text = string | ((c: BuiltinContext) => string | undefined)

/**
 * What Payload's config does not say about one of its own routes: the words, and which
 * parameters, body and response shape (named in builtinParts) it has. Which routes exist, and the
 * schemas, parameters and options they depend on (auth, upload, drafts, trash, locales), come
 * from the sanitized config.
 */
type Row = {
  summary: Text
  description?: Text
  /** operationId, after the collection's or global's slug and `_`. */
  op: string
  auth: EndpointDoc['auth']
  sessionOnly?: boolean
  tags?: string[]
  params?: ParamName[]
  body?: BodyName
  /** Success status (200 unless said), its description and the shape of its body. */
  status?: number
  ok: [description: string, shape?: ShapeName]
  contentType?: string
  /** Error statuses, each with its standard text (ERROR_TEXT). */
  errors?: number[] | ((c: BuiltinContext) => number[])
  /** Error statuses whose text is particular to the route. */
  otherErrors?: Record<number, string>
}

type Table = { prefix: (c: BuiltinContext) => string; rows: Record<string, Row> }

const internalNote = 'Used by the admin UI.'
const uploadLimit = (c: BuiltinContext): number[] => (c.collection?.upload ? [413] : [])
const slugOf = (c: BuiltinContext): string => (c.collection ?? c.global)!.slug

const PATCH_BY_ID: Row = {
  summary: 'Update a document by id',
  op: 'updateById',
  auth: 'optional',
  params: ['id', 'depth', 'write'],
  body: 'updateById',
  ok: ['Updated', 'docMessage'],
  errors: (c) => [400, 401, 403, 404, 409, ...uploadLimit(c)],
}

/** Payload's default collection routes (collections/endpoints), keyed `method path`. */
const COLLECTION: Table = {
  prefix: slugOf,
  rows: {
    'get /': {
      summary: (c) => `List ${slugOf(c)}`,
      description:
        'Paginated list of the documents this caller may read, filtered with `where`, ordered with `sort`.',
      op: 'find',
      auth: 'optional',
      params: [
        'where',
        'sort',
        'limit',
        'page',
        'depth',
        'select',
        'populate',
        'pagination',
        'read',
      ],
      ok: ['A page of documents', 'list'],
      errors: [400, 401, 403],
    },
    'get /count': {
      summary: (c) => `Count ${slugOf(c)}`,
      op: 'count',
      auth: 'optional',
      params: ['where', 'read'],
      ok: ['How many documents match', 'count'],
      errors: [400, 401, 403],
    },
    'get /:id': {
      summary: (c) => `Get one ${slugOf(c)} document by id`,
      op: 'findById',
      auth: 'optional',
      params: ['id', 'depth', 'select', 'populate', 'read'],
      ok: ['The document', 'doc'],
      errors: [400, 401, 403, 404],
    },
    'post /': {
      summary: (c) =>
        c.collection?.auth ? `Create a ${slugOf(c)} account (sign-up)` : 'Create a document',
      description: (c) =>
        c.collection?.upload
          ? 'Multipart upload: the file in `file`, the other fields either as form fields or JSON in `_payload`.'
          : undefined,
      op: 'create',
      auth: 'optional',
      params: ['depth', 'write'],
      body: 'create',
      status: 201,
      ok: ['Created', 'docMessage'],
      errors: (c) => [400, 401, 403, 409, ...uploadLimit(c)],
    },
    'patch /:id': PATCH_BY_ID,
    // The front server answers PUT as this PATCH (see payloadRest).
    'put /:id': {
      ...PATCH_BY_ID,
      summary: 'Update a document by id (PUT, same as PATCH)',
      description:
        'Accepted for clients written to PUT. It merges like PATCH: fields left out keep their ' +
        'values; nothing the body omits is cleared.',
      op: 'putById',
    },
    'patch /': {
      summary: 'Update every document matching `where`',
      description: 'Bulk update; documents the caller may not update are reported in `errors`.',
      op: 'update',
      auth: 'optional',
      params: ['whereRequired', 'depth', 'write'],
      body: 'update',
      ok: ['Updated documents', 'bulk'],
      errors: [400, 401, 403, 409],
    },
    'delete /:id': {
      summary: (c) =>
        c.collection?.trash
          ? 'Delete a document by id (moves it to the trash)'
          : 'Delete a document by id',
      op: 'deleteById',
      auth: 'optional',
      params: ['id', 'depth'],
      ok: ['Deleted', 'docMessage'],
      errors: [400, 401, 403, 404, 409],
    },
    'delete /': {
      summary: 'Delete every document matching `where`',
      op: 'delete',
      auth: 'optional',
      params: ['whereRequired', 'depth'],
      ok: ['Deleted documents', 'bulk'],
      errors: [400, 401, 403, 409],
    },
    'post /:id/duplicate': {
      summary: 'Duplicate a document',
      op: 'duplicate',
      auth: 'optional',
      params: ['id', 'depth'],
      ok: ['The copy', 'docMessage'],
      errors: [400, 401, 403, 404, 409],
    },
    'post /access': {
      summary: 'What the caller may do in this collection',
      description: internalNote,
      op: 'access',
      auth: 'optional',
      ok: ['Permissions', 'permissions'],
    },
    'post /access/:id': {
      summary: 'What the caller may do with one document',
      description: `${internalNote} The body may hold unsaved data to evaluate field access against.`,
      op: 'docAccess',
      auth: 'optional',
      params: ['id'],
      ok: ['Permissions', 'permissions'],
      errors: [404],
    },
    'get /versions': {
      summary: 'List versions',
      op: 'findVersions',
      auth: 'optional',
      params: ['where', 'versionSort', 'depth'],
      ok: ['A page of versions', 'object'],
      errors: [400, 401, 403],
    },
    'get /versions/:id': {
      summary: 'Get a version',
      op: 'findVersionById',
      auth: 'optional',
      params: ['id', 'depth'],
      ok: ['The version', 'object'],
      errors: [404],
    },
    'post /versions/:id': {
      summary: 'Restore a version',
      op: 'restoreVersion',
      auth: 'optional',
      params: ['id', 'depth'],
      ok: ['Restored', 'docMessage'],
      errors: [401, 403, 404],
    },
  },
}

type AuthOptions = { loginWithUsername?: false | { allowEmailLogin?: boolean } }

/** `email`, `username` or both, as the collection's `auth.loginWithUsername` allows. */
const loginName = (c: BuiltinContext): string => {
  const withUsername = (c.collection?.auth as AuthOptions | undefined)?.loginWithUsername
  if (!withUsername) return 'email'
  return withUsername.allowEmailLogin === false ? 'username' : 'email (or username)'
}

const loginDescription = (c: BuiltinContext): string =>
  [
    `Returns a JWT (\`token\`) and sets the HTTP-only \`${c.config.cookiePrefix}-token\` cookie.`,
    ...(c.collection?.auth?.maxLoginAttempts ? ['Locks the account after too many failures.'] : []),
    'Rate limited as a credential endpoint.',
  ].join(' ')

/** Payload's auth routes (auth/endpoints), which Payload adds to every auth collection. */
const AUTH: Table = {
  prefix: slugOf,
  rows: {
    'post /login': {
      summary: (c) => `Log in with ${loginName(c)} and password`,
      description: loginDescription,
      op: 'login',
      auth: 'none',
      body: 'credentials',
      ok: ['Logged in', 'login'],
      errors: [400, 401, 403],
    },
    'post /logout': {
      summary: 'Log out: ends this session (its JWT stops working) and clears the cookie',
      op: 'logout',
      auth: 'required',
      sessionOnly: true,
      params: ['allSessions'],
      ok: ['Logged out', 'message'],
      // 403: an API token cannot end sessions.
      errors: [400, 401, 403],
    },
    'get /me': {
      summary: 'The authenticated user (or `user: null`)',
      op: 'me',
      auth: 'optional',
      ok: ['The caller', 'me'],
    },
    'post /refresh-token': {
      summary: 'Exchange a still-valid session JWT for a fresh one',
      description:
        'Refused (403) for access tokens of a `/api/token` pair: those are renewed with their refresh token.',
      op: 'refreshToken',
      auth: 'required',
      sessionOnly: true,
      ok: ['A new token with a new expiry', 'refresh'],
      errors: [401, 403],
    },
    'post /forgot-password': {
      summary: 'Send a password-reset email',
      description:
        'Answers the same way whether or not the account exists. Rate limited as a credential endpoint.',
      op: 'forgotPassword',
      auth: 'none',
      body: 'identity',
      ok: ['Email sent if the account exists', 'object'],
      errors: [400],
    },
    'post /reset-password': {
      summary: 'Set a new password with the token from the reset email',
      op: 'resetPassword',
      auth: 'none',
      body: 'resetPassword',
      ok: ['Password changed; logged in', 'login'],
      errors: [400, 403],
    },
    'post /verify/:id': {
      summary: 'Verify an email address with the token from the verification email',
      op: 'verify',
      auth: 'none',
      params: ['verifyToken'],
      ok: ['Verified', 'message'],
      errors: [400, 403],
    },
    'post /unlock': {
      summary: 'Unlock an account locked after too many failed logins',
      description: 'Admins only.',
      op: 'unlock',
      auth: 'required',
      sessionOnly: true,
      body: 'identity',
      ok: ['Unlocked', 'message'],
      errors: [400, 401, 403],
    },
    'post /first-register': {
      summary: 'Create the first user of an empty database (becomes admin)',
      description: 'Refused with 403 once any user exists.',
      op: 'firstRegister',
      auth: 'none',
      body: 'createJson',
      ok: ['Registered and logged in', 'login'],
      errors: [400, 403],
    },
    'get /init': {
      summary: 'Whether any user exists yet',
      description: internalNote,
      op: 'init',
      auth: 'none',
      ok: ['Initialisation state', 'init'],
    },
    // Added by Payload only with `auth.useAPIKey.reveal`.
    'post /:id/api-key/reveal': {
      summary: "Reveal a user's API key",
      description: internalNote,
      op: 'revealApiKey',
      auth: 'required',
      sessionOnly: true,
      params: ['id'],
      ok: ['The key', 'object'],
      errors: [401, 403, 404],
    },
  },
}

/** Payload's upload routes (uploads/endpoints), which Payload adds to every upload collection. */
const UPLOAD: Table = {
  prefix: slugOf,
  rows: {
    'get /file/:filename': {
      summary: 'Download a stored file (or one of its image sizes) by file name',
      op: 'file',
      auth: 'optional',
      params: ['filename'],
      ok: ['The file', 'file'],
      contentType: 'application/octet-stream',
      errors: [403, 404],
    },
    'get /paste-url': {
      summary: 'Fetch a remote file for upload by URL',
      description: `${internalNote} Query: \`src\` (the URL).`,
      op: 'pasteUrl',
      auth: 'required',
      params: ['src'],
      ok: ['The fetched file'],
      contentType: 'application/octet-stream',
      errors: [400, 401, 403],
    },
    'get /paste-url/:id': {
      summary: 'Fetch a remote file to replace a document’s file',
      description: internalNote,
      op: 'pasteUrlForDocument',
      auth: 'required',
      params: ['id', 'src'],
      ok: ['The fetched file'],
      contentType: 'application/octet-stream',
      errors: [400, 401, 403, 404],
    },
  },
}

const VERSIONS_KEY = { 404: 'The key `versions` (this collection keeps none)' }

/**
 * Endpoints Payload itself adds to its internal preferences collection. They come before the
 * collection's default routes, so they also answer `GET /count` and `POST /access` (the keys
 * `count` and `access`); the key `versions` is refused with 404, as every versions route of a
 * collection without versions (see payloadRest).
 */
const PREFERENCES: Table = {
  prefix: () => 'preferences',
  rows: {
    'get /:key': {
      summary: "Read one of the caller's admin-UI preferences",
      description: `${internalNote} A key never saved answers 200 \`{"message":"Not Found","value":null}\`.`,
      op: 'get',
      auth: 'required',
      params: ['key'],
      ok: ['The preference', 'object'],
      otherErrors: VERSIONS_KEY,
    },
    'post /:key': {
      summary: "Save one of the caller's admin-UI preferences",
      description: internalNote,
      op: 'set',
      auth: 'required',
      params: ['key'],
      body: 'preference',
      ok: ['Saved', 'object'],
      errors: [400],
      otherErrors: VERSIONS_KEY,
    },
    'delete /:key': {
      summary: "Delete one of the caller's admin-UI preferences",
      description: internalNote,
      op: 'delete',
      auth: 'required',
      params: ['key'],
      ok: ['Deleted', 'object'],
      errors: [404],
    },
  },
}

/** Payload's default global routes (globals/endpoints). */
const GLOBAL: Table = {
  prefix: slugOf,
  rows: {
    'get /': {
      summary: (c) => `Read the ${slugOf(c)} global`,
      op: 'get',
      auth: 'optional',
      params: ['depth', 'select', 'read'],
      ok: ['The global', 'doc'],
      errors: [403],
    },
    'post /': {
      summary: (c) => `Update the ${slugOf(c)} global`,
      op: 'update',
      auth: 'required',
      params: ['depth', 'write'],
      body: 'update',
      ok: ['Updated', 'docMessage'],
      errors: [400, 401, 403],
    },
    'post /access': {
      summary: (c) => `What the caller may do with the ${slugOf(c)} global`,
      description: internalNote,
      op: 'access',
      auth: 'optional',
      ok: ['Permissions', 'permissions'],
    },
    'get /versions': {
      summary: 'List versions',
      op: 'findVersions',
      auth: 'optional',
      params: ['where', 'depth'],
      ok: ['Versions', 'object'],
    },
    'get /versions/:id': {
      summary: 'Get a version',
      op: 'findVersionById',
      auth: 'optional',
      params: ['id'],
      ok: ['The version', 'object'],
      errors: [404],
    },
    'post /versions/:id': {
      summary: 'Restore a version',
      op: 'restoreVersion',
      auth: 'required',
      params: ['id'],
      ok: ['Restored', 'object'],
      errors: [404],
    },
  },
}

/** Root routes Payload adds to every config (config.endpoints). */
const ROOT: Table = {
  prefix: () => '',
  rows: {
    'get /access': {
      summary: 'What the caller may do in every collection and global',
      description: internalNote,
      op: 'access',
      auth: 'optional',
      tags: ['general'],
      ok: ['Permissions', 'permissions'],
    },
  },
}

const text = (value: Text | undefined, c: BuiltinContext): string | undefined =>
  typeof value === 'function' ? value(c) : value

const responsesOf = (row: Row, c: BuiltinContext): EndpointDoc['responses'] => {
  const [description, shape] = row.ok
  const errors = typeof row.errors === 'function' ? row.errors(c) : (row.errors ?? [])
  return {
    [row.status ?? 200]: {
      description,
      ...(row.contentType ? { contentType: row.contentType } : {}),
      ...(shape ? { schema: SHAPES[shape](c) } : {}),
    },
    ...Object.fromEntries(errors.map((status) => [status, { description: ERROR_TEXT[status] }])),
    ...Object.fromEntries(
      Object.entries(row.otherErrors ?? {}).map(([status, text]) => [
        status,
        { description: text },
      ]),
    ),
  }
}

/** The EndpointDoc of one row, for one collection or global. */
const docOf = (row: Row, table: Table, c: BuiltinContext): EndpointDoc => {
  const prefix = table.prefix(c)
  const description = text(row.description, c)
  const parameters = (row.params ?? []).flatMap((name) => PARAMS[name](c))
  return {
    summary: text(row.summary, c)!,
    ...(description ? { description } : {}),
    ...(row.tags ? { tags: row.tags } : {}),
    operationId: prefix ? `${prefix}_${row.op}` : row.op,
    auth: row.auth,
    ...(row.sessionOnly ? { sessionOnly: true } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(row.body ? { requestBody: BODIES[row.body](c) } : {}),
    responses: responsesOf(row, c),
  }
}

/** The tables of a route's scope, the most particular first (a route takes the first row found). */
const tablesFor = (route: ServerRoute, c: BuiltinContext): Table[] => {
  if (route.scope === 'global') return [GLOBAL]
  if (route.scope === 'root') return [ROOT]
  if (route.scope !== 'collection') return []
  return [
    ...(route.slug === 'payload-preferences' ? [PREFERENCES] : []),
    ...(c.collection?.auth ? [AUTH] : []),
    ...(c.collection?.upload ? [UPLOAD] : []),
    COLLECTION,
  ]
}

/** Documentation of one of Payload's own routes, or undefined when it is not one of them. */
export const builtinDoc = (route: ServerRoute, c: BuiltinContext): EndpointDoc | undefined => {
  const key = `${route.method} ${route.endpointPath}`
  const table = tablesFor(route, c).find((candidate) => candidate.rows[key])
  return table && docOf(table.rows[key], table, c)
}
