'use client'

import { useEffect, useState } from 'react'

import { CART_CHANGE_EVENT, readGuestCart } from '../client/cart'

/**
 * The header's link to the cart with the number of units in it: a signed-in customer's count
 * comes from the server with the page; a guest's from localStorage once the page runs. Either is
 * updated by every cart change on the page.
 */
export const CartLink = ({ signedIn, count }: { signedIn: boolean; count: number }) => {
  const [units, setUnits] = useState(count)
  useEffect(() => {
    if (!signedIn) setUnits(readGuestCart().reduce((sum, line) => sum + line.quantity, 0))
    const update = (event: Event) => setUnits((event as CustomEvent<number>).detail)
    window.addEventListener(CART_CHANGE_EVENT, update)
    return () => window.removeEventListener(CART_CHANGE_EVENT, update)
  }, [signedIn])
  return (
    <a className="header-link cart-link" href="/cart">
      Cart
      <span className="cart-count" aria-label={`, ${units} item${units === 1 ? '' : 's'}`}>
        {units}
      </span>
    </a>
  )
}
