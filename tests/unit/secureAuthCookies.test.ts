import type { Config } from 'payload'

import { secureAuthCookies } from '../../src/lib/secureAuthCookies'

const config = {
  collections: [
    { slug: 'users', auth: { tokenExpiration: 7200, cookies: { sameSite: 'Lax' } }, fields: [] },
    { slug: 'admins', auth: true, fields: [] },
    { slug: 'media', fields: [] },
  ],
} as unknown as Config

describe('secureAuthCookies', () => {
  it('marks the session cookies of every auth collection Secure, keeping their other settings', async () => {
    const [users, admins, media] = (await secureAuthCookies(true)(config)).collections!
    expect(users.auth).toEqual({
      tokenExpiration: 7200,
      cookies: { sameSite: 'Lax', secure: true },
    })
    expect(admins.auth).toEqual({ cookies: { secure: true } })
    expect(media.auth).toBeUndefined()
  })

  it('leaves them unmarked for a plain-HTTP public origin', async () => {
    const [users] = (await secureAuthCookies(false)(config)).collections!
    expect(users.auth).toMatchObject({ cookies: { secure: false } })
  })
})
