import { asMedia, type ProductCardData } from '../catalog'
import { Picture } from './Picture'
import { Price } from './Price'
import { Stars } from './Stars'

/** A product in a grid: picture, name, price, rating and stock, linking to its page. */
export const ProductCard = ({ product }: { product: ProductCardData }) => {
  const image = asMedia(product.images?.[0])
  const inStock = product.stock > 0
  return (
    <li className="card">
      <a className="card-link" href={`/p/${product.slug}`}>
        <div className="card-image">
          {image ? (
            <Picture
              media={image}
              size="card"
              sizes="(min-width: 1200px) 270px, (min-width: 600px) 45vw, 90vw"
            />
          ) : (
            <span className="card-noimage" aria-hidden="true">
              {product.brand.slice(0, 1).toUpperCase()}
            </span>
          )}
        </div>
        <span className="card-brand">{product.brand}</span>
        <span className="card-title">{product.model}</span>
      </a>
      <Price product={product} />
      {(product.ratingCount ?? 0) > 0 && (
        <Stars rating={product.ratingAverage ?? 0} count={product.ratingCount} />
      )}
      <span className={inStock ? 'stock stock-in' : 'stock stock-out'}>
        {inStock ? 'In stock' : 'Out of stock'}
      </span>
    </li>
  )
}

/** A grid of product cards. */
export const ProductGrid = ({
  products,
  label,
}: {
  products: ProductCardData[]
  label: string
}) => (
  <ul className="grid" aria-label={label}>
    {products.map((product) => (
      <ProductCard key={product.id} product={product} />
    ))}
  </ul>
)
