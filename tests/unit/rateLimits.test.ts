import { isCredentialRequest } from '../../src/lib/rateLimits'

describe('credential routes', () => {
  it.each([
    ['POST', '/api/users/confirm-email'],
    ['GET', '/api/users/confirm-email/abc'],
    ['POST', '/api/users/Confirm-Email'],
    ['POST', '/api/users/activate'],
    ['POST', '/api/users'],
  ])('puts %s %s under the credential limit', (method, path) => {
    expect(isCredentialRequest(method, path)).toBe(true)
  })

  it.each([
    ['GET', '/api/users'],
    ['PATCH', '/api/users/7'],
  ])('leaves %s %s to the general limit', (method, path) => {
    expect(isCredentialRequest(method, path)).toBe(false)
  })
})
