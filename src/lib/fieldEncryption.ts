import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

import { localSecret } from './localSecrets'

/**
 * AES-256-GCM encryption for personal data stored at rest (orders' shipping addresses).
 *
 * Keys come from `ORDER_ENCRYPTION_KEYS`: a keyring `kid2:base64key,kid1:base64key` of 32-byte
 * keys, the first one current. New values are encrypted with the current key; older keys stay in
 * the ring so existing rows still decrypt, which is how a key rotates. Outside a production
 * deployment an unset variable falls back to a key generated under `.data/` (key id `local`).
 *
 * Stored format: `v1:<kid>:<iv>:<tag>:<ciphertext>` (base64 parts, 12-byte IV, 16-byte tag).
 */
export const ENCRYPTION_KEYS_ENV = 'ORDER_ENCRYPTION_KEYS'

const VERSION = 'v1'
const ALGORITHM = 'aes-256-gcm'

export type Keyring = { current: string; keys: Map<string, Buffer> }

/** Parses a keyring value; a bare 64-hex-digit value (the generated dev key) gets id `local`. */
export const parseKeyring = (value: string): Keyring => {
  const keys = new Map<string, Buffer>()
  let current: string | undefined
  const trimmed = value.trim()
  if (/^[0-9a-f]{64}$/i.test(trimmed)) {
    keys.set('local', Buffer.from(trimmed, 'hex'))
    return { current: 'local', keys }
  }
  for (const entry of trimmed.split(',')) {
    const separator = entry.indexOf(':')
    if (separator <= 0) throw new Error(`${ENCRYPTION_KEYS_ENV}: expected kid:base64key entries`)
    const kid = entry.slice(0, separator).trim()
    if (!/^[A-Za-z0-9_-]+$/.test(kid)) {
      throw new Error(`${ENCRYPTION_KEYS_ENV}: key ids use letters, digits, _ and - only`)
    }
    const key = Buffer.from(entry.slice(separator + 1).trim(), 'base64')
    if (key.length !== 32) {
      throw new Error(`${ENCRYPTION_KEYS_ENV}: key "${kid}" must be 32 bytes (base64)`)
    }
    if (keys.has(kid)) throw new Error(`${ENCRYPTION_KEYS_ENV}: duplicate key id "${kid}"`)
    keys.set(kid, key)
    current ??= kid
  }
  if (!current) throw new Error(`${ENCRYPTION_KEYS_ENV} holds no key`)
  return { current, keys }
}

let cached: { source: string; keyring: Keyring } | undefined

/** The keyring from the environment (parsed once per value). */
export const currentKeyring = (): Keyring => {
  const source = localSecret(ENCRYPTION_KEYS_ENV)
  if (cached?.source !== source) cached = { source, keyring: parseKeyring(source) }
  return cached.keyring
}

/** Encrypts `plaintext` with the keyring's current key. */
export const encryptString = (plaintext: string, keyring: Keyring = currentKeyring()): string => {
  const key = keyring.keys.get(keyring.current)!
  const iv = randomBytes(12)
  const cipher = createCipheriv(ALGORITHM, key, iv)
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [VERSION, keyring.current, iv, tag, ciphertext]
    .map((part) => (Buffer.isBuffer(part) ? part.toString('base64') : part))
    .join(':')
}

/** Decrypts a value written by `encryptString`; throws when the key is unknown or data altered. */
export const decryptString = (stored: string, keyring: Keyring = currentKeyring()): string => {
  const [version, kid, iv, tag, ciphertext] = stored.split(':')
  if (version !== VERSION || !ciphertext) throw new Error('Unrecognised encrypted value')
  const key = keyring.keys.get(kid)
  if (!key) throw new Error(`No decryption key with id "${kid}" in ${ENCRYPTION_KEYS_ENV}`)
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64')),
    decipher.final(),
  ]).toString('utf8')
}

/** The key id a stored value was encrypted with. */
export const keyIdOf = (stored: string): string => stored.split(':')[1]
