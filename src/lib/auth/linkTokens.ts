import { APIError, type PayloadRequest } from 'payload'

import type { ActivationToken } from '@/payload-types'
import { hashSecret, randomSecret } from './secrets'

/** What an emailed single-use link is for (`activation-tokens.purpose`). */
export type LinkPurpose = NonNullable<ActivationToken['purpose']>

/**
 * Issues a link token of `purpose` for a user, replacing the user's earlier ones of that purpose
 * (they stop working), and returns it; only its hash is stored. Runs in the caller's transaction
 * when `req` carries one.
 */
export const issueLinkToken = async (
  req: PayloadRequest,
  {
    userId,
    purpose,
    ttlSeconds,
    email,
  }: {
    userId: number
    purpose: LinkPurpose
    ttlSeconds: number
    email?: string
  },
): Promise<string> => {
  const token = randomSecret(32)
  await req.payload.delete({
    collection: 'activation-tokens',
    where: { and: [{ user: { equals: userId } }, { purpose: { equals: purpose } }] },
    overrideAccess: true,
    req,
  })
  await req.payload.create({
    collection: 'activation-tokens',
    data: {
      user: userId,
      purpose,
      email,
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
    },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return token
}

/**
 * The stored link token of `purpose` that `token` is, with whether it has expired. A malformed,
 * unknown or used token (or one of another purpose) is a 400 with `invalidMessage`.
 */
export const findLinkToken = async (
  req: PayloadRequest,
  purpose: LinkPurpose,
  token: unknown,
  invalidMessage: string,
): Promise<{ record: ActivationToken; expired: boolean }> => {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{20,200}$/.test(token)) {
    throw new APIError(invalidMessage, 400)
  }
  const { docs } = await req.payload.find({
    collection: 'activation-tokens',
    where: {
      and: [{ tokenHash: { equals: hashSecret(token) } }, { purpose: { equals: purpose } }],
    },
    depth: 0,
    limit: 1,
    pagination: false,
    overrideAccess: true,
    req,
  })
  const record = docs[0]
  if (!record) throw new APIError(invalidMessage, 400)
  return { record, expired: new Date(record.expiresAt).getTime() <= Date.now() }
}

/**
 * Deletes a link token; false when it was already gone. Deleting before acting makes a link
 * single-use even under concurrent clicks: only one delete returns the row.
 */
export const consumeLinkToken = async (req: PayloadRequest, id: number): Promise<boolean> => {
  const { docs } = await req.payload.delete({
    collection: 'activation-tokens',
    where: { id: { equals: id } },
    overrideAccess: true,
    req,
  })
  return docs.length > 0
}
