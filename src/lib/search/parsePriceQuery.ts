/** Prices mentioned in a search text, and the text left once they are taken out. */
export type ParsedPriceQuery = {
  /** The query with every price expression removed and whitespace collapsed. */
  text: string
  minPrice?: number
  maxPrice?: number
}

const CURRENCY = '(?:[$€£]|usd|eur|gbp)'
/** A price: an optional currency sign before or after a number (`1,299.99`, `500`, `$500`, `500€`). */
const PRICE = `${CURRENCY}?\\s*(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*${CURRENCY}?`

const RANGE = new RegExp(
  `(?:^|\\s)(?:between\\s+)?${PRICE}\\s*(?:-|–|to|and)\\s*${PRICE}(?=\\s|$)`,
  'giu',
)
const UPPER = new RegExp(
  `(?:^|\\s)(?:under|below|less\\s+than|cheaper\\s+than|up\\s+to|max(?:imum)?|<=?)\\s*${PRICE}(?=\\s|$)`,
  'giu',
)
const LOWER = new RegExp(
  `(?:^|\\s)(?:over|above|more\\s+than|from|min(?:imum)?|>=?)\\s*${PRICE}(?=\\s|$)`,
  'giu',
)

const toNumber = (raw: string): number => Number(raw.replace(/,/g, ''))

const tighter = (current: number | undefined, next: number, pick: 'min' | 'max'): number =>
  current === undefined ? next : pick === 'max' ? Math.max(current, next) : Math.min(current, next)

/**
 * Takes price ranges out of free search text: `under 500`, `< 500`, `below $500`, `200-500`,
 * `$200 to $500`, `between 200 and 500`, `over 1000`, `> 1000`, `from 1,000€`. Bounds are inclusive.
 * Several expressions combine into the tightest range; a reversed range (`500-200`) is put in
 * order. Text that is not a price expression (`iphone 15`, `4k tv`) is left alone.
 */
export const parsePriceQuery = (input: string): ParsedPriceQuery => {
  let minPrice: number | undefined
  let maxPrice: number | undefined
  let text = ` ${input} `
  text = text.replace(RANGE, (_match, from: string, to: string) => {
    const [low, high] = [toNumber(from), toNumber(to)].sort((a, b) => a - b)
    minPrice = tighter(minPrice, low, 'max')
    maxPrice = tighter(maxPrice, high, 'min')
    return ' '
  })
  text = text.replace(UPPER, (_match, value: string) => {
    maxPrice = tighter(maxPrice, toNumber(value), 'min')
    return ' '
  })
  text = text.replace(LOWER, (_match, value: string) => {
    minPrice = tighter(minPrice, toNumber(value), 'max')
    return ' '
  })
  const result: ParsedPriceQuery = { text: text.replace(/\s+/g, ' ').trim() }
  if (minPrice !== undefined) result.minPrice = minPrice
  if (maxPrice !== undefined) result.maxPrice = maxPrice
  return result
}
