import { parsePriceQuery } from '../../src/lib/search/parsePriceQuery'

describe('parsePriceQuery', () => {
  it.each([
    ['phone under 500', { text: 'phone', maxPrice: 500 }],
    ['phone under $500', { text: 'phone', maxPrice: 500 }],
    ['phone below 500€', { text: 'phone', maxPrice: 500 }],
    ['phone < 500', { text: 'phone', maxPrice: 500 }],
    ['phone <500', { text: 'phone', maxPrice: 500 }],
    ['phone <= 499.99', { text: 'phone', maxPrice: 499.99 }],
    ['laptop over 1000', { text: 'laptop', minPrice: 1000 }],
    ['laptop > $1,000', { text: 'laptop', minPrice: 1000 }],
    ['laptop more than 1000', { text: 'laptop', minPrice: 1000 }],
    ['tv 200-500', { text: 'tv', minPrice: 200, maxPrice: 500 }],
    ['tv $200-$500', { text: 'tv', minPrice: 200, maxPrice: 500 }],
    ['tv $200 - $500 samsung', { text: 'tv samsung', minPrice: 200, maxPrice: 500 }],
    ['tv 200 to 500', { text: 'tv', minPrice: 200, maxPrice: 500 }],
    ['tv between 200 and 500', { text: 'tv', minPrice: 200, maxPrice: 500 }],
    ['tv 500-200', { text: 'tv', minPrice: 200, maxPrice: 500 }],
    ['under 300', { text: '', maxPrice: 300 }],
    ['over 100 under 300 headphones', { text: 'headphones', minPrice: 100, maxPrice: 300 }],
    ['under 500 under 300', { text: '', maxPrice: 300 }],
  ])('parses %j', (input, expected) => {
    expect(parsePriceQuery(input)).toEqual(expected)
  })

  it.each(['iphone 15', '4k tv', 'galaxy s24 ultra', 'ps5', 'sony wh-1000xm5', 'usb-c cable'])(
    'leaves %j without a price alone',
    (input) => {
      expect(parsePriceQuery(input)).toEqual({ text: input })
    },
  )

  it('collapses whitespace and handles an empty query', () => {
    expect(parsePriceQuery('  ')).toEqual({ text: '' })
    expect(parsePriceQuery(' samsung   phone ')).toEqual({ text: 'samsung phone' })
  })
})
