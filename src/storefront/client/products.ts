import type { Media, Product } from '@/payload-types'
import { rest } from './rest'

/** What the cart and checkout show of a product. */
export type CartProduct = Pick<
  Product,
  'id' | 'slug' | 'brand' | 'model' | 'price' | 'discount' | 'finalPrice' | 'stock'
> & { image?: Pick<Media, 'url' | 'alt' | 'sizes' | 'width' | 'height'> }

const FIELDS = ['slug', 'brand', 'model', 'price', 'discount', 'finalPrice', 'stock', 'images']

/**
 * The listed products among `ids`, by id, read through the public REST API (the access rules
 * leave out products that are not listed: they are simply missing from the map).
 */
export const cartProducts = async (ids: number[]): Promise<Map<number, CartProduct>> => {
  if (ids.length === 0) return new Map()
  const query = new URLSearchParams({
    'where[id][in]': ids.join(','),
    'where[status][equals]': 'approved',
    depth: '1',
    limit: String(ids.length),
  })
  for (const field of FIELDS) query.set(`select[${field}]`, 'true')
  const answer = await rest<{ docs: Product[] }>(`/api/products?${query}`)
  if (!answer.ok) throw new Error(answer.message)
  return new Map(
    answer.body.docs.map((product) => {
      const first = product.images?.[0]
      return [
        product.id,
        { ...product, image: first && typeof first === 'object' ? first : undefined },
      ]
    }),
  )
}
