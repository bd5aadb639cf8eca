/**
 * A cluster worker for tests/unit/clusterBumps.test.ts: one in-memory cache store, driven by the
 * test through IPC (`bump` a kind, `read` the generations).
 */
import { MemoryStore } from '../../src/lib/cache/store'

const store = new MemoryStore()

process.on('message', (message: { type?: string; kind?: 'content' | 'stock' }) => {
  if (message.type === 'test:bump' && message.kind) {
    void store.bump(message.kind).then(() => process.send?.({ type: 'test:bumped' }))
  } else if (message.type === 'test:read') {
    void store
      .generations()
      .then((generations) => process.send?.({ type: 'test:generations', generations }))
  }
})
process.send?.({ type: 'test:ready' })
