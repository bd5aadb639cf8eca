import type { Config, Plugin } from 'payload'

import { refuseMalformedInput } from '../../../hooks/shared/refuseMalformedInput'

/** Puts `refuseMalformedInput` first among every collection's `beforeOperation` hooks. */
export const guardInput: Plugin = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [refuseMalformedInput, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})
