import { replacementDelayMs } from '../../src/lib/cluster/backoff'

describe('replacing crashed web workers', () => {
  it('replaces the first exit of a minute at once, then backs off doubling up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(replacementDelayMs)).toEqual([
      0, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ])
    expect(replacementDelayMs(100)).toBe(30_000)
  })
})
