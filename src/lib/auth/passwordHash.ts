import { pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const derive = promisify(pbkdf2)

/** Payload 3.90's hash formats (auth/strategies/local/generatePasswordSaltHash), newest first. */
const CURRENT_PREFIX = 'pbkdf2-sha256-v1:'
const CURRENT = { iterations: 600_000, keyLength: 32 }
const LEGACY = { iterations: 25_000, keyLength: 512 }

const DUMMY_SALT = 'f'.repeat(64)

/**
 * True when `password` matches a user's stored `hash` and `salt`, checked the way Payload's
 * local strategy checks it (constant-time comparison), without opening a session or counting
 * a failed attempt.
 */
export const passwordMatches = async (
  stored: { hash?: unknown; salt?: unknown },
  password: string,
): Promise<boolean> => {
  const { hash, salt } = stored
  if (typeof hash !== 'string' || typeof salt !== 'string') return false
  const current = hash.startsWith(CURRENT_PREFIX)
  const { iterations, keyLength } = current ? CURRENT : LEGACY
  const expected = Buffer.from(current ? hash.slice(CURRENT_PREFIX.length) : hash, 'hex')
  const actual = await derive(password, salt, iterations, keyLength, 'sha256')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/**
 * Spends what checking a password against a real account costs, so a sign-in for an account
 * that does not exist takes as long as one with a wrong password.
 */
export const spendPasswordCheck = async (password: string): Promise<void> => {
  await derive(password, DUMMY_SALT, CURRENT.iterations, CURRENT.keyLength, 'sha256')
}
