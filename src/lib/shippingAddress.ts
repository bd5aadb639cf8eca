import { APIError } from 'payload'

import { decryptString, encryptString } from './fieldEncryption'

export type ShippingAddress = {
  name: string
  lines: string
  city: string
  postcode: string
  country: string
  phone?: string | null
}

const REQUIRED = ['name', 'lines', 'city', 'postcode', 'country'] as const
const LIMITS: Record<keyof ShippingAddress, number> = {
  name: 200,
  lines: 500,
  city: 100,
  postcode: 20,
  country: 100,
  phone: 40,
}

/** Validates and trims a client's address; throws 400 naming the first bad part. */
export const parseShippingAddress = (value: unknown): ShippingAddress => {
  if (!value || typeof value !== 'object') throw new APIError('A shipping address is required', 400)
  const input = value as Record<string, unknown>
  const address: Record<string, string | null> = {}
  for (const key of Object.keys(LIMITS) as Array<keyof ShippingAddress>) {
    const raw = input[key]
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      throw new APIError(`shippingAddress.${key} must be text`, 400)
    }
    const text = typeof raw === 'string' ? raw.trim() : ''
    if (text.length > LIMITS[key]) {
      throw new APIError(`shippingAddress.${key} is longer than ${LIMITS[key]} characters`, 400)
    }
    address[key] = text || null
  }
  for (const key of REQUIRED) {
    if (!address[key]) throw new APIError(`shippingAddress.${key} is required`, 400)
  }
  return address as ShippingAddress
}

/** The stored (encrypted) form of an address. */
export const sealAddress = (address: ShippingAddress): string =>
  encryptString(JSON.stringify(address))

/** The address back from its stored form. */
export const openAddress = (stored: string): ShippingAddress =>
  JSON.parse(decryptString(stored)) as ShippingAddress

/** True when two addresses say the same thing. */
export const sameAddress = (a: ShippingAddress | null, b: ShippingAddress | null): boolean =>
  JSON.stringify(a && Object.keys(LIMITS).map((key) => a[key as keyof ShippingAddress] ?? null)) ===
  JSON.stringify(b && Object.keys(LIMITS).map((key) => b[key as keyof ShippingAddress] ?? null))
