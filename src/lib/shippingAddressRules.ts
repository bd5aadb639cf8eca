/**
 * The shipping address's rules, without Payload (the checkout form shows them field by field
 * before sending; the server applies them in `shippingAddress.ts`).
 */
export type ShippingAddress = {
  name: string
  lines: string
  city: string
  postcode: string
  country: string
  phone?: string | null
}

export type AddressField = keyof ShippingAddress

/** Every field with its longest length, in form order. */
export const ADDRESS_LIMITS: Record<AddressField, number> = {
  name: 200,
  lines: 500,
  city: 100,
  postcode: 20,
  country: 100,
  phone: 40,
}

export const REQUIRED_ADDRESS_FIELDS: readonly AddressField[] = [
  'name',
  'lines',
  'city',
  'postcode',
  'country',
]

/** What is wrong with one field: not text, too long, or missing. */
export type AddressProblem = { field: AddressField } & (
  { reason: 'type' } | { reason: 'length'; limit: number } | { reason: 'required' }
)

/**
 * The address trimmed (empty parts null) and its problems, the type and length ones first in
 * field order, then the missing required parts. No problems: the address is valid.
 */
export const checkShippingAddress = (
  input: Record<string, unknown>,
): { address: Record<AddressField, string | null>; problems: AddressProblem[] } => {
  const address = {} as Record<AddressField, string | null>
  const problems: AddressProblem[] = []
  for (const field of Object.keys(ADDRESS_LIMITS) as AddressField[]) {
    const raw = input[field]
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      problems.push({ field, reason: 'type' })
    }
    const text = typeof raw === 'string' ? raw.trim() : ''
    if (text.length > ADDRESS_LIMITS[field]) {
      problems.push({ field, reason: 'length', limit: ADDRESS_LIMITS[field] })
    }
    address[field] = text || null
  }
  for (const field of REQUIRED_ADDRESS_FIELDS) {
    if (!address[field] && !problems.some((problem) => problem.field === field)) {
      problems.push({ field, reason: 'required' })
    }
  }
  return { address, problems }
}
