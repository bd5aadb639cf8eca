import { randomBytes } from 'node:crypto'
import type { Payload } from 'payload'

import type { Category, Product, User } from '../../src/payload-types'
import { databasePool } from '../../src/lib/databasePool'

/** A lower-case word of letters only, unique per call (a search token no other test uses). */
export const uniqueWord = (prefix = 'zq'): string =>
  prefix +
  [...randomBytes(8)]
    .map((byte) => String.fromCharCode(97 + (byte % 26)))
    .join('')
    .slice(0, 7)

/** A Lexical document with one paragraph of `text`. */
export const lexical = (text: string): Product['description'] => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        children: [
          { type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 },
        ],
      },
    ],
  },
})

export const createCategory = async (payload: Payload, name: string): Promise<Category> =>
  payload.create({
    collection: 'categories',
    data: { name, slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-') },
  })

export const createUser = async (payload: Payload, roles: User['roles']): Promise<User> => {
  const name = uniqueWord('u')
  return payload.create({
    collection: 'users',
    data: { email: `${name}@example.test`, username: name, password: 'Secret-Pass-123', roles },
  })
}

type ProductInput = {
  brand: string
  model: string
  description?: string
  category?: number
  price: number
  stock?: number
  status?: Product['status']
  rating?: number
  owner?: number
}

/**
 * Creates a product through the Local API, then pins the fields that other work derives in hooks
 * (status, finalPrice = price, rating) with SQL, so search tests do not depend on those hooks.
 */
export const createProduct = async (payload: Payload, input: ProductInput): Promise<Product> => {
  const created = await payload.create({
    collection: 'products',
    data: {
      brand: input.brand,
      model: input.model,
      slug: `${input.brand}-${input.model}-${uniqueWord('s')}`.toLowerCase().replace(/\s+/g, '-'),
      description: input.description ? lexical(input.description) : undefined,
      category: input.category,
      price: input.price,
      discount: 0,
      finalPrice: input.price,
      stock: input.stock ?? 5,
      status: input.status ?? 'approved',
      ...(input.status === 'rejected' ? { rejectionReason: 'Rejected for the test' } : {}),
      owner: input.owner,
    },
  })
  await databasePool(payload).query(
    `UPDATE products SET status = $2, final_price = $3, rating_average = $4, stock = $5 WHERE id = $1`,
    [created.id, input.status ?? 'approved', input.price, input.rating ?? 0, input.stock ?? 5],
  )
  await databasePool(payload).query(
    `UPDATE products SET available = (status = 'approved' AND stock > 0) WHERE id = $1`,
    [created.id],
  )
  return created
}
