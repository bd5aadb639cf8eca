import type { CollectionAfterReadHook, PayloadRequest } from 'payload'

import type { Media, Review } from '@/payload-types'
import { relationId } from '../../src/lib/relationId'

type AuthorProfile = NonNullable<Review['authorProfile']>

const CACHE_KEY = 'reviewAuthorProfiles'

const loadProfile = async (req: PayloadRequest, authorId: number): Promise<AuthorProfile> => {
  const { docs } = await req.payload.find({
    collection: 'users',
    where: { id: { equals: authorId } },
    select: { username: true, avatar: true },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const author = docs[0]
  if (!author) return { username: null, avatarUrl: null }
  const avatarId = relationId(author.avatar)
  let avatarUrl: string | null = null
  if (avatarId !== undefined) {
    const { docs: media } = await req.payload.find({
      collection: 'media',
      where: { id: { equals: avatarId } },
      depth: 0,
      limit: 1,
      pagination: false,
      overrideAccess: true,
      req,
    })
    avatarUrl = (media[0] as Media | undefined)?.url ?? null
  }
  return { username: author.username, avatarUrl }
}

/**
 * Readers of a review see its author's public profile (username and avatar) and nothing else of
 * the user: users' own read access is limited to themselves and staff, so this looks the two
 * values up with access overridden (depth 0, selected fields only), once per author per request.
 */
export const attachAuthorProfile: CollectionAfterReadHook<Review> = async ({ doc, req }) => {
  const authorId = relationId(doc.author)
  if (authorId === undefined) return doc
  const cache = ((req.context[CACHE_KEY] as Map<number, Promise<AuthorProfile>> | undefined) ??=
    new Map())
  let profile = cache.get(authorId)
  if (!profile) {
    profile = loadProfile(req, authorId)
    cache.set(authorId, profile)
  }
  doc.authorProfile = await profile
  return doc
}
