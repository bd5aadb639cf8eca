import { APIError } from 'payload'

import { decryptString, encryptString } from './fieldEncryption'
import {
  ADDRESS_LIMITS,
  type AddressProblem,
  checkShippingAddress,
  type ShippingAddress,
} from './shippingAddressRules'

const describe = (problem: AddressProblem): string => {
  const name = `shippingAddress.${problem.field}`
  if (problem.reason === 'type') return `${name} must be text`
  if (problem.reason === 'length') return `${name} is longer than ${problem.limit} characters`
  return `${name} is required`
}

/** Validates and trims a client's address (`shippingAddressRules`); throws 400 naming the first bad part. */
export const parseShippingAddress = (value: unknown): ShippingAddress => {
  if (!value || typeof value !== 'object') throw new APIError('A shipping address is required', 400)
  const { address, problems } = checkShippingAddress(value as Record<string, unknown>)
  if (problems[0]) throw new APIError(describe(problems[0]), 400)
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
  JSON.stringify(
    a && Object.keys(ADDRESS_LIMITS).map((key) => a[key as keyof ShippingAddress] ?? null),
  ) ===
  JSON.stringify(
    b && Object.keys(ADDRESS_LIMITS).map((key) => b[key as keyof ShippingAddress] ?? null),
  )
