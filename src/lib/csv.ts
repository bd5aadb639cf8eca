/** A cell value as exported: text, a number, a yes/no, or nothing. */
export type CsvValue = string | number | boolean | null | undefined

/** Characters that make a spreadsheet read a text cell as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)` in a vendor's brand) is
 * prefixed with `'`; numbers are written as they are, negative ones included.
 */
export const csvCell = (value: CsvValue): string => {
  if (value === null || value === undefined) return ''
  if (typeof value !== 'string') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A CSV document: the header line, then one line per row, CRLF-separated as RFC 4180 says. */
export const toCsv = (header: string[], rows: CsvValue[][]): string =>
  [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
