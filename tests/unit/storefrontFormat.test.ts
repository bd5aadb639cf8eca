import { jsonForScript } from '../../src/storefront/jsonLd'
import { formatCents, formatMoney } from '../../src/lib/money'
import { priceParts } from '../../src/storefront/money'

describe('storefront JSON-LD and prices', () => {
  it('keeps a value containing </script> or <!-- inside the script element, and parses back the same', () => {
    const data = { name: 'Evil </script><script>alert(1)</script> <!-- & \u2028' }
    const text = jsonForScript(data)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(text.toLowerCase()).not.toContain('</script')
    expect(JSON.parse(text)).toEqual(data)
  })

  it('formats the unit price orders charge, with the original and the discount', () => {
    expect(formatCents(129_900)).toBe('€1,299.00')
    expect(priceParts({ price: 200, discount: 25, finalPrice: 150 })).toEqual({
      final: '€150.00',
      original: '€200.00',
      discount: 25,
      amount: '150.00',
    })
    expect(priceParts({ price: 19.99, discount: 0, finalPrice: 19.99 })).toEqual({
      final: '€19.99',
      amount: '19.99',
    })
    // No stored finalPrice yet: derived the way orders derive it (half up to the cent).
    expect(priceParts({ price: 10.05, discount: 50 }).final).toBe('€5.03')
  })

  it('formats stored amounts in the given currency, exactly to the cent', () => {
    expect(formatMoney(1877.15)).toBe('€1,877.15')
    expect(formatMoney(0.1 + 0.2)).toBe('€0.30')
    expect(formatMoney(104.3, 'USD')).toBe('$104.30')
    expect(formatCents(5, 'GBP')).toBe('£0.05')
  })
})
