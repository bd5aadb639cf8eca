import * as migration_20261125_225325_initial from './20261125_225325_initial'
import * as migration_20261125_230053_search from './20261125_230053_search'

export const migrations = [
  {
    up: migration_20261125_225325_initial.up,
    down: migration_20261125_225325_initial.down,
    name: '20261125_225325_initial',
  },
  {
    up: migration_20261125_230053_search.up,
    down: migration_20261125_230053_search.down,
    name: '20261125_230053_search',
  },
]
