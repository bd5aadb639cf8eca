import cluster, { type Worker } from 'node:cluster'
import path from 'node:path'

import { relayCacheBumps } from '../../src/lib/cache/clusterBumps'

type Generations = { content: number; stock: number }

const next = <T>(worker: Worker, type: string): Promise<T> =>
  new Promise((resolve) => {
    const listener = (message: { type?: string } & T) => {
      if (message.type !== type) return
      worker.off('message', listener)
      resolve(message)
    }
    worker.on('message', listener)
  })

const read = async (worker: Worker): Promise<Generations> => {
  const answer = next<{ generations: Generations }>(worker, 'test:generations')
  worker.send({ type: 'test:read' })
  return (await answer).generations
}

const bump = async (worker: Worker, kind: 'content' | 'stock'): Promise<void> => {
  const done = next(worker, 'test:bumped')
  worker.send({ type: 'test:bump', kind })
  await done
}

describe('cache invalidation between the workers of one machine (no Redis)', () => {
  const workers: Worker[] = []

  beforeAll(async () => {
    relayCacheBumps()
    cluster.setupPrimary({
      exec: path.resolve('tests/helpers/cacheClusterWorker.ts'),
      execArgv: ['--import', 'tsx'],
      silent: true,
    })
    for (let index = 0; index < 3; index += 1) {
      const worker = cluster.fork()
      await next(worker, 'test:ready')
      workers.push(worker)
    }
  }, 60_000)

  afterAll(async () => {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve())
            worker.kill()
          }),
      ),
    )
  })

  it("applies one worker's bump in every other worker before the write is answered", async () => {
    const [writer, ...others] = workers
    await bump(writer!, 'content')
    // The bump resolved: the others have applied it already, with no waiting.
    for (const worker of workers) expect(await read(worker)).toEqual({ content: 1, stock: 0 })
    await bump(others[1]!, 'stock')
    await bump(others[1]!, 'stock')
    for (const worker of workers) expect(await read(worker)).toEqual({ content: 1, stock: 2 })
  })

  it('keeps answering writes when a worker has died', async () => {
    const dead = workers.pop()!
    await new Promise<void>((resolve) => {
      dead.once('exit', () => resolve())
      dead.process.kill('SIGKILL')
    })
    const before = await read(workers[1]!)
    await bump(workers[0]!, 'content')
    expect(await read(workers[1]!)).toEqual({ ...before, content: before.content + 1 })
  })
})
