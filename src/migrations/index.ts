import * as migration_20261125_225325_initial from './20261125_225325_initial'
import * as migration_20261125_230359_domain_catalog from './20261125_230359_domain_catalog'
import * as migration_20261125_230500_users_username_ci from './20261125_230500_users_username_ci'
import * as migration_20261125_230705_auth_tokens from './20261125_230705_auth_tokens'
import * as migration_20261125_230743_auth_tokens_cascade from './20261125_230743_auth_tokens_cascade'
import * as migration_20261125_232558_reviews_orders from './20261125_232558_reviews_orders'

export const migrations = [
  {
    up: migration_20261125_225325_initial.up,
    down: migration_20261125_225325_initial.down,
    name: '20261125_225325_initial',
  },
  {
    up: migration_20261125_230359_domain_catalog.up,
    down: migration_20261125_230359_domain_catalog.down,
    name: '20261125_230359_domain_catalog',
  },
  {
    up: migration_20261125_230500_users_username_ci.up,
    down: migration_20261125_230500_users_username_ci.down,
    name: '20261125_230500_users_username_ci',
  },
  {
    up: migration_20261125_230705_auth_tokens.up,
    down: migration_20261125_230705_auth_tokens.down,
    name: '20261125_230705_auth_tokens',
  },
  {
    up: migration_20261125_230743_auth_tokens_cascade.up,
    down: migration_20261125_230743_auth_tokens_cascade.down,
    name: '20261125_230743_auth_tokens_cascade',
  },
  {
    up: migration_20261125_232558_reviews_orders.up,
    down: migration_20261125_232558_reviews_orders.down,
    name: '20261125_232558_reviews_orders',
  },
]
