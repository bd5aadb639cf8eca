import { createHash, randomBytes } from 'node:crypto'

/** Prefix of personal API tokens, so clients, logs and secret scanners can recognise them. */
export const API_TOKEN_PREFIX = 'mkt_'

/** A URL-safe random secret of `bytes` bytes of entropy. */
export const randomSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/**
 * SHA-256 of a high-entropy secret, hex encoded. Secrets are random (≥ 256 bits), so a fast hash
 * is enough: nothing can be guessed from the stored value, and look-ups by hash use an index.
 */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex')
