import { randomBytes } from 'node:crypto'

import { decryptString, encryptString, keyIdOf, parseKeyring } from '../../src/lib/fieldEncryption'
import { finalPriceCents, fromCents, toCents } from '../../src/lib/money'

const key = () => randomBytes(32).toString('base64')

describe('field encryption keyring', () => {
  it('encrypts with the first key and stores its id with the ciphertext', () => {
    const ring = parseKeyring(`new:${key()},old:${key()}`)
    const stored = encryptString('10 Downing Street', ring)
    expect(stored).toMatch(/^v1:new:/)
    expect(stored).not.toContain('Downing')
    expect(keyIdOf(stored)).toBe('new')
    expect(decryptString(stored, ring)).toBe('10 Downing Street')
  })

  it('still decrypts values written with an older key after rotation', () => {
    const oldKey = key()
    const before = parseKeyring(`old:${oldKey}`)
    const stored = encryptString('221B Baker Street', before)
    const rotated = parseKeyring(`new:${key()},old:${oldKey}`)
    expect(decryptString(stored, rotated)).toBe('221B Baker Street')
    expect(keyIdOf(encryptString('x', rotated))).toBe('new')
  })

  it('refuses tampered ciphertext and unknown key ids', () => {
    const ring = parseKeyring(`k1:${key()}`)
    const stored = encryptString('secret', ring)
    const parts = stored.split(':')
    const flipped = Buffer.from(parts[4], 'base64')
    flipped[0] ^= 1
    parts[4] = flipped.toString('base64')
    expect(() => decryptString(parts.join(':'), ring)).toThrow()
    expect(() => decryptString(stored, parseKeyring(`k2:${key()}`))).toThrow(/k1/)
  })

  it('rejects malformed keyrings', () => {
    expect(() => parseKeyring('nokey')).toThrow()
    expect(() => parseKeyring(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/)
    expect(() => parseKeyring(`k1:${key()},k1:${key()}`)).toThrow(/duplicate/)
  })

  it('accepts the generated development key (64 hex digits)', () => {
    const ring = parseKeyring(randomBytes(32).toString('hex'))
    expect(ring.current).toBe('local')
    expect(decryptString(encryptString('dev', ring), ring)).toBe('dev')
  })
})

describe('money in integer cents', () => {
  it('computes discounted prices without floating-point drift', () => {
    expect(finalPriceCents(19.99, 15)).toBe(1699)
    expect(finalPriceCents(0.1, 0)).toBe(10)
    expect(finalPriceCents(100, 90)).toBe(1000)
    expect(finalPriceCents(9.99, 12.5)).toBe(874)
    expect(finalPriceCents(1.15, null)).toBe(115)
    expect(fromCents(toCents(0.1) + toCents(0.2))).toBe(0.3)
  })
})
