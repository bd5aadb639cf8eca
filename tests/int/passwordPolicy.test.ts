import { passwordProblem } from '../../src/lib/auth/passwordPolicy'
import { hashSecret, randomSecret } from '../../src/lib/auth/secrets'

describe('password policy', () => {
  it('accepts a long password mixing character classes', () => {
    expect(passwordProblem('Correct-Horse-9', { username: 'alice', email: 'a@example.com' })).toBe(
      null,
    )
    expect(passwordProblem('correcthorse9')).toBe(null)
  })

  it('refuses short passwords', () => {
    expect(passwordProblem('Abc-12345')).toMatch(/at least 10 characters/)
  })

  it('refuses passwords of a single character class', () => {
    expect(passwordProblem('abcdefghijkl')).toMatch(/two kinds/)
    expect(passwordProblem('ABCDEFGHIJKL')).toMatch(/two kinds/)
    expect(passwordProblem('123456789012')).toMatch(/two kinds/)
    expect(passwordProblem('!@#$%^&*()_+')).toMatch(/two kinds/)
  })

  it('refuses the username or email, ignoring case and surrounding spaces', () => {
    expect(passwordProblem('Alice.Smith9', { username: 'alice.smith9' })).toMatch(/username/)
    expect(passwordProblem(' Bob@Example.com ', { email: 'bob@example.com' })).toMatch(/email/)
  })
})

describe('token secrets', () => {
  it('are random, URL-safe, and hashed deterministically to 64 hex characters', () => {
    const a = randomSecret()
    const b = randomSecret()
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/)
    expect(hashSecret(a)).toBe(hashSecret(a))
    expect(hashSecret(a)).not.toBe(hashSecret(b))
  })
})
