import type { CollectionConfig } from 'payload'

import { TOKEN_STRATEGIES } from '../src/lib/roles'

type AdminAccess = NonNullable<NonNullable<CollectionConfig['access']>['admin']>

/** The admin panel needs a session: requests made with an API token are refused. */
export const canAccessAdminPanel: AdminAccess = ({ req: { user } }) =>
  Boolean(user) &&
  !(TOKEN_STRATEGIES as readonly string[]).includes(
    (user as { _strategy?: string } | null)?._strategy ?? '',
  )
