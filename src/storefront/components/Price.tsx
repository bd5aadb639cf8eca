import { priceParts } from '../money'

/** The price a buyer pays, with the original price struck through and the discount when any. */
export const Price = ({
  product,
  large = false,
}: {
  product: { price: number; discount?: number | null; finalPrice?: number | null }
  large?: boolean
}) => {
  const parts = priceParts(product)
  return (
    <p className={large ? 'price price-large' : 'price'}>
      <span className="price-final">{parts.final}</span>
      {parts.original && (
        <>
          {' '}
          <del className="price-original">
            <span className="visually-hidden">was </span>
            {parts.original}
          </del>{' '}
          <span className="badge badge-sale">{`−${parts.discount}%`}</span>
        </>
      )}
    </p>
  )
}
