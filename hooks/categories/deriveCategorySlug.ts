import type { CollectionBeforeValidateHook } from 'payload'

import type { Category } from '@/payload-types'
import { slugify } from '../../src/lib/slugify'

/** A category without a slug gets one from its name ("Smart Home" → "smart-home"). */
export const deriveCategorySlug: CollectionBeforeValidateHook<Category> = ({ data }) => {
  if (!data) return data
  if (typeof data.slug === 'string' && data.slug.trim()) {
    data.slug = data.slug.trim()
  } else if (typeof data.name === 'string' && data.name.trim()) {
    data.slug = slugify(data.name)
  }
  return data
}
