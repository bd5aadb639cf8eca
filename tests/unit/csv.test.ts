/** CSV cells: RFC 4180 quoting, and text a spreadsheet would run as a formula neutralised. */
import { csvCell, toCsv } from '../../src/lib/csv'

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=1+1', "'=1+1"],
    ['+31 20 000', "'+31 20 000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('writes the text %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('writes numbers (negative ones too), yes/no and empty values as they are', () => {
    expect([csvCell(-2.5), csvCell(0), csvCell(true), csvCell(null), csvCell(undefined)]).toEqual([
      '-2.5',
      '0',
      'true',
      '',
      '',
    ])
  })

  it('joins a header and rows with CRLF, ending with one', () => {
    expect(
      toCsv(
        ['id', 'name'],
        [
          [1, 'a,b'],
          [2, null],
        ],
      ),
    ).toBe('id,name\r\n1,"a,b"\r\n2,\r\n')
  })
})
