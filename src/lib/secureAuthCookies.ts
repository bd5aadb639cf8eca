import type { Plugin } from 'payload'

/**
 * Marks the session cookies of every auth collection `Secure` (sent over HTTPS only) when `secure`
 * is true: set it when the public origin (PUBLIC_URL) is https. Requests that reach the server
 * over HTTPS anyway (through a trusted proxy) get the flag per response from securityHeaders.
 */
export const secureAuthCookies =
  (secure: boolean): Plugin =>
  (config) => ({
    ...config,
    collections: config.collections?.map((collection) => {
      if (!collection.auth) return collection
      const auth = collection.auth === true ? {} : collection.auth
      return { ...collection, auth: { ...auth, cookies: { ...auth.cookies, secure } } }
    }),
  })
