import * as migration_20261125_225325_initial from './20261125_225325_initial'
import * as migration_20261125_230705_auth_tokens from './20261125_230705_auth_tokens'
import * as migration_20261125_230743_auth_tokens_cascade from './20261125_230743_auth_tokens_cascade'

export const migrations = [
  {
    up: migration_20261125_225325_initial.up,
    down: migration_20261125_225325_initial.down,
    name: '20261125_225325_initial',
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
]
