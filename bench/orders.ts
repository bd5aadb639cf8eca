import type autocannon from 'autocannon'

/** A bench order: one unit of `product`, shipped to a fixed address. */
export const benchOrder = (product: number) => ({
  items: [{ product, quantity: 1 }],
  shippingAddress: {
    name: 'Bench Customer',
    lines: '1 Load Street',
    city: 'Testville',
    postcode: '12345',
    country: 'GB',
    phone: '+441234567890',
  },
})

/**
 * Autocannon requests placing one-unit orders, round robin over the customers' `tokens`;
 * `productFor` picks the product of the n-th order.
 */
export const orderRequests = (
  tokens: string[],
  productFor: (counter: number) => number,
): autocannon.Request[] => {
  let counter = 0
  return [
    {
      setupRequest: (request) => {
        counter += 1
        return {
          ...request,
          headers: {
            'Content-Type': 'application/json',
            Authorization: `JWT ${tokens[counter % tokens.length]}`,
          },
          body: JSON.stringify(benchOrder(productFor(counter))),
        }
      },
    },
  ]
}
