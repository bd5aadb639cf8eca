import * as migration_20261125_225325_initial from './20261125_225325_initial'
import * as migration_20261125_232558_reviews_orders from './20261125_232558_reviews_orders'

export const migrations = [
  {
    up: migration_20261125_225325_initial.up,
    down: migration_20261125_225325_initial.down,
    name: '20261125_225325_initial',
  },
  {
    up: migration_20261125_232558_reviews_orders.up,
    down: migration_20261125_232558_reviews_orders.down,
    name: '20261125_232558_reviews_orders',
  },
]
