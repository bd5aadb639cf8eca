import DataLoader from 'dataloader'
import type { Payload } from 'payload'
import { cache } from 'react'

import type { Media } from '@/payload-types'

/** What a list's thumbnail needs of a picture. */
export type Thumbnail = Pick<Media, 'id' | 'alt'> & { url: string }

/**
 * Thumbnails by media id, loaded once per render of the page: every cell of a list asks for its
 * picture and one query answers them all (`id in (...)`). Read as an anonymous visitor, who may
 * read every picture.
 */
export const thumbnailLoader = cache(
  (payload: Payload) =>
    new DataLoader<number, Thumbnail | null>(async (ids) => {
      const { docs } = await payload.find({
        collection: 'media',
        where: { id: { in: [...ids] } },
        select: { alt: true, sizes: { thumbnail: true } },
        depth: 0,
        limit: ids.length,
        pagination: false,
        overrideAccess: false,
      })
      const byId = new Map(
        docs.map((doc) => [
          doc.id,
          doc.sizes?.thumbnail?.url
            ? { id: doc.id, alt: doc.alt, url: doc.sizes.thumbnail.url }
            : null,
        ]),
      )
      return ids.map((id) => byId.get(id) ?? null)
    }),
)
