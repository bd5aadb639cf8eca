export const PASSWORD_MIN_LENGTH = 10

type Identity = { username?: string | null; email?: string | null }

const CLASSES: RegExp[] = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/]

/**
 * Why `password` breaks the policy, or null when it is acceptable: at least 10 characters, at
 * least two character classes (lower case, upper case, digits, others), and not the account's
 * username or email.
 */
export const passwordProblem = (password: string, identity: Identity = {}): string | null => {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`
  }
  if (CLASSES.filter((pattern) => pattern.test(password)).length < 2) {
    return 'Password must mix at least two kinds of characters (lower case, upper case, digits, symbols).'
  }
  const lowered = password.trim().toLowerCase()
  for (const field of ['username', 'email'] as const) {
    const value = identity[field]
    if (value && lowered === value.trim().toLowerCase()) {
      return `Password must not be the same as the ${field}.`
    }
  }
  return null
}
