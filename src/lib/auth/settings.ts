const seconds = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback
}

/**
 * Lifetimes and throttles of the authentication flows, in seconds, read from the environment on
 * each use so tests can start servers with short lifetimes.
 */
export const authSettings = () => ({
  /** Access JWTs issued by `POST /api/token` and `/api/token/refresh` (default 15 min). */
  accessTokenTtl: seconds('ACCESS_TOKEN_TTL', 15 * 60),
  /** Opaque refresh tokens (default 14 days). */
  refreshTokenTtl: seconds('REFRESH_TOKEN_TTL', 14 * 24 * 60 * 60),
  /** Admin UI / `POST /api/users/login` sessions: Payload's `auth.tokenExpiration` (default 2 h). */
  sessionTtl: seconds('SESSION_TTL', 2 * 60 * 60),
  /** Activation links (default 48 h). */
  activationTtl: seconds('ACTIVATION_TTL', 48 * 60 * 60),
  /** Minimum time between two activation emails for one account (default 60 s). */
  activationResendCooldown: seconds('ACTIVATION_RESEND_COOLDOWN', 60),
  /** Email-change confirmation links, sent to the new address (default 24 h). */
  emailChangeTtl: seconds('EMAIL_CHANGE_TTL', 24 * 60 * 60),
  /** Password-reset links (default 1 h). */
  resetPasswordTtl: seconds('RESET_PASSWORD_TTL', 60 * 60),
})
