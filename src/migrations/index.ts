import * as migration_20261125_224623_initial from './20261125_224623_initial'

export const migrations = [
  {
    up: migration_20261125_224623_initial.up,
    down: migration_20261125_224623_initial.down,
    name: '20261125_224623_initial',
  },
]
