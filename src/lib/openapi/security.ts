import type { EndpointDoc, JsonSchema } from './endpointDoc'

/**
 * How a personal API token is sent: the ONE place to change when the Authentication work settles
 * its header (issue 4, docs/AUTH.md). Default: Payload's API-key strategy,
 * `Authorization: users API-Key <token>`.
 */
export const API_TOKEN_SCHEME = {
  /** Where the token goes. */
  in: 'header' as 'header' | 'query' | 'cookie',
  name: 'Authorization',
  /** How the value is formed, shown to readers and in Swagger UI's "Authorize" dialog. */
  valueFormat: 'users API-Key <token>',
}

/** How a caller authenticates; the session cookie's name from the config's `cookiePrefix`. */
export const securitySchemes = (cookiePrefix: string): Record<string, JsonSchema> => ({
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Payload JWT (from `POST /api/token`, `POST /api/users/login` or `POST /api/users/refresh-token`) sent as `Authorization: Bearer <token>`. Needed for admin and staff powers.',
  },
  jwtAuth: {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'The same JWT in Payload\'s own header form: `Authorization: JWT <token>`. In "Authorize", type the whole value, `JWT <token>`.',
  },
  apiToken: {
    type: 'apiKey',
    in: API_TOKEN_SCHEME.in,
    name: API_TOKEN_SCHEME.name,
    description: `A personal API token, sent as \`${API_TOKEN_SCHEME.name}: ${API_TOKEN_SCHEME.valueFormat}\` (type the whole value in "Authorize"). Acts with customer and vendor powers only: admin and staff powers need a JWT session. See docs/AUTH.md.`,
  },
  cookieAuth: {
    type: 'apiKey',
    in: 'cookie',
    name: `${cookiePrefix}-token`,
    description: `The HTTP-only \`${cookiePrefix}-token\` cookie set by \`POST /api/users/login\` (browsers on an allowed origin; used by the admin UI).`,
  },
})

type SecurityRequirement = Record<string, string[]>

/** The operation's `security` list: `{}` first when anonymous calls are allowed too. */
export const securityFor = (
  auth: EndpointDoc['auth'],
  sessionOnly = false,
): SecurityRequirement[] | undefined => {
  if (auth === 'none') return [{}]
  const schemes: SecurityRequirement[] = [
    { bearerAuth: [] },
    { jwtAuth: [] },
    ...(sessionOnly ? [] : [{ apiToken: [] }]),
    { cookieAuth: [] },
  ]
  return auth === 'optional' ? [{}, ...schemes] : schemes
}
