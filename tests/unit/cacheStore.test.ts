import { type CachedResponse, MemoryStore, servable, stockLagMs } from '../../src/lib/cache/store'

const entry = (stockGeneration: number, builtAt: number): CachedResponse => ({
  status: 200,
  etag: '"e"',
  contentType: 'application/json',
  body: '{}',
  stockGeneration,
  builtAt,
})

describe('catalog cache entries after stock changes', () => {
  const now = 1_000_000

  it('serves an entry built after the last stock change, however old', () => {
    expect(servable(entry(7, now - 60_000), 7, now)).toBe(true)
  })

  it('serves an entry that predates a stock change for at most the stock lag', () => {
    expect(stockLagMs()).toBe(1000)
    expect(servable(entry(7, now - 1000), 8, now)).toBe(true)
    expect(servable(entry(7, now - 1001), 8, now)).toBe(false)
  })

  it('keeps entries on a stock bump and drops them all on a content bump', async () => {
    const store = new MemoryStore()
    await store.set('0:/api/products', entry(0, now))
    await store.bump('stock')
    expect(await store.generations()).toEqual({ content: 0, stock: 1 })
    expect(await store.get('0:/api/products')).toBeDefined()
    await store.bump('content')
    expect(await store.generations()).toEqual({ content: 1, stock: 1 })
    expect(await store.get('0:/api/products')).toBeUndefined()
  })
})
