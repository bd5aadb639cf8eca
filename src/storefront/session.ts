import config from '@payload-config'
import { headers } from 'next/headers'
import { getPayload, type Payload } from 'payload'
import { cache } from 'react'

import type { User } from '@/payload-types'

export type Shopper = { payload: Payload; user: User | null }

/**
 * The Payload instance and the signed-in user of this request (from its cookie or Authorization
 * header, through `payload.auth`), resolved once per request. Every storefront read acts for this
 * user with `overrideAccess: false`, so the collections' access rules apply as on the API.
 */
export const shopper = cache(async (): Promise<Shopper> => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  // Only the users collection signs in (auth: true); API tokens authenticate as their user.
  return { payload, user: (user as User | null) ?? null }
})

/**
 * This response's CSP nonce: securityHeaders puts its policy on the request (Next reads it there
 * for its own scripts); inline scripts of the storefront carry the same nonce.
 */
export const requestNonce = async (): Promise<string | undefined> =>
  /'nonce-([^']+)'/.exec((await headers()).get('content-security-policy') ?? '')?.[1]
