/** One message for unknown accounts, wrong passwords and locked accounts: nothing leaks. */
export const INVALID_CREDENTIALS =
  'The username/email or password is incorrect, or the account is temporarily locked after too many failed attempts.'

/**
 * Payload's own sign-in errors (REST, GraphQL, admin UI) reworded to that one message: its
 * defaults tell a locked account, and by naming "username" or "email" an unknown one, apart.
 */
export const signInErrorTranslations = {
  en: {
    error: {
      emailOrPasswordIncorrect: INVALID_CREDENTIALS,
      usernameOrPasswordIncorrect: INVALID_CREDENTIALS,
      userLocked: INVALID_CREDENTIALS,
    },
  },
}
