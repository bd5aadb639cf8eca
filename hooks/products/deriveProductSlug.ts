import type { CollectionBeforeValidateHook } from 'payload'

import type { Product } from '@/payload-types'
import { slugify } from '../../src/lib/slugify'

/** A product without a slug gets one from its brand and model ("Sony WH-1000XM6" → "sony-wh-1000xm6"). */
export const deriveProductSlug: CollectionBeforeValidateHook<Product> = ({ data, operation }) => {
  if (!data || operation !== 'create') return data
  if (typeof data.slug === 'string' && data.slug.trim()) return data
  const source = [data.brand, data.model].filter((part) => typeof part === 'string').join(' ')
  if (source.trim()) data.slug = slugify(source)
  return data
}
