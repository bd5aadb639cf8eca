import fs from 'node:fs'
import net from 'node:net'

import { migrations } from '../../src/migrations'
import { api } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { alive, freshRequest, logLines, readyWorkers, servedBy, waitFor } from '../helpers/cluster'
import { uniqueWord } from '../helpers/fixtures'
import { startTestServer, type TestServer } from '../helpers/testServer'

const LOGIN = { email: 'nobody@example.com', password: 'wrong-password-1' }

describe('a cluster of web workers (WEB_CONCURRENCY=2)', () => {
  let server: TestServer
  let token: string
  let runId: string
  let requests = 0
  /** A request id of this run, to find the request's log line (and the worker that served it). */
  const requestId = () => `${runId}-${(requests += 1)}`

  beforeAll(async () => {
    runId = uniqueWord('cl')
    server = await startTestServer({
      env: {
        WEB_CONCURRENCY: '2',
        // Without Redis (even when CI sets it): what the workers share goes through the primary.
        REDIS_URL: '',
        RATE_LIMIT_CREDENTIALS: '5',
        RATE_LIMIT_API: '100000',
      },
    })
    await waitFor(() => server.output().includes('"msg":"all workers ready"'), 90_000)
    // The one credential request before the limit test: five allowed, four left.
    token = await registerAdmin(server.url)
  })

  afterAll(async () => {
    await server?.stop()
    // For a failure's post-mortem: everything the primary and its workers printed.
    fs.mkdirSync('tests/results/cluster', { recursive: true })
    fs.writeFileSync('tests/results/cluster/server.log', server?.output() ?? '')
  })

  it('migrates once, in the primary, before it forks any worker', () => {
    const output = server.output()
    const firstFork = output.indexOf('"msg":"worker started"')
    expect(firstFork).toBeGreaterThan(0)
    // Payload's migration log lines (plain text), each migration once, all before the first fork.
    const migrated = [...output.matchAll(/Migrated: *(\S+)/g)]
    expect(migrated.map((match) => match[1]).sort()).toEqual(
      migrations.map(({ name }) => name).sort(),
    )
    expect(migrated.every((match) => match.index < firstFork)).toBe(true)
  })

  it('answers /readyz from every worker', async () => {
    const ids = [requestId(), requestId(), requestId(), requestId()]
    const indexes = new Set<number>()
    for (const id of ids) {
      const response = await freshRequest(server.url, '/readyz', {
        headers: { 'X-Request-Id': id },
      })
      expect(response.status).toBe(200)
      const body = JSON.parse(response.text)
      expect(body).toMatchObject({ status: 'ready', checks: { database: 'up' } })
      indexes.add(body.worker)
    }
    expect(indexes).toEqual(new Set([0, 1]))
    await waitFor(() => ids.every((id) => servedBy(server.output(), id)))
    const pids = new Set(ids.map((id) => servedBy(server.output(), id)))
    expect(pids).toEqual(new Set(readyWorkers(server.output()).map(({ pid }) => pid)))
    expect(pids.size).toBe(2)
  })

  it("empties every worker's in-memory cache when one worker takes a write", async () => {
    const brand = uniqueWord()
    const created = await api(server.url, '/api/products', {
      method: 'POST',
      token,
      body: { brand, model: 'Before', slug: brand, price: 10, finalPrice: 10, stock: 1 },
    })
    expect(created.status).toBe(201)
    const path = `/api/products/${(created.body as { doc: { id: number } }).doc.id}`
    const approved = await api(server.url, path, {
      method: 'PATCH',
      token,
      body: { status: 'approved' },
    })
    expect(approved.status).toBe(200)
    // Both workers cache the product.
    const ids = Array.from({ length: 4 }, requestId)
    const warm = []
    for (const id of ids) {
      warm.push(await freshRequest(server.url, path, { headers: { 'X-Request-Id': id } }))
    }
    expect(warm.map((response) => response.headers['x-cache'])).toEqual([
      'MISS',
      'MISS',
      'HIT',
      'HIT',
    ])
    await waitFor(() => ids.every((id) => servedBy(server.output(), id)))
    expect(new Set(ids.map((id) => servedBy(server.output(), id))).size).toBe(2)

    const renamed = await freshRequest(server.url, path, {
      method: 'PATCH',
      body: { model: 'After' },
      headers: { Authorization: `JWT ${token}` },
    })
    expect(renamed.status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 50))
    for (let read = 0; read < 4; read += 1) {
      const response = await freshRequest(server.url, path)
      expect(JSON.parse(response.text)).toMatchObject({ model: 'After' })
    }
  })

  it('shares one credential limit between the workers (no Redis)', async () => {
    const ids = Array.from({ length: 8 }, requestId)
    const statuses: number[] = []
    for (const id of ids) {
      const response = await freshRequest(server.url, '/api/users/login', {
        method: 'POST',
        body: LOGIN,
        headers: { 'X-Request-Id': id },
      })
      statuses.push(response.status)
    }
    // Four left of five (first-register took one); counted per process, each worker would have
    // let more through.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429])
    await waitFor(() => ids.every((id) => servedBy(server.output(), id)))
    expect(new Set(ids.map((id) => servedBy(server.output(), id))).size).toBe(2)
  })

  it('replaces a worker killed with SIGKILL and keeps answering meanwhile', async () => {
    const [victim, survivor] = readyWorkers(server.output())
    let stopLoad = false
    const outcomes: { at: number; ok: boolean }[] = []
    const CONCURRENCY = 2
    const load = async () => {
      while (!stopLoad) {
        const at = Date.now()
        const ok = await freshRequest(server.url, '/api/products?limit=1').then(
          (response) => response.status === 200,
          () => false,
        )
        outcomes.push({ at, ok })
      }
    }
    const loops = Array.from({ length: CONCURRENCY }, load)
    const replacementOf = () =>
      readyWorkers(server.output()).find(
        ({ worker, pid }) => worker === victim.worker && pid !== victim.pid,
      )
    let killedAt = 0
    let replacedAt = 0
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      killedAt = Date.now()
      process.kill(victim.pid, 'SIGKILL')
      // A worker's start (Next, the OpenAPI document) is slow on a loaded machine.
      await waitFor(() => replacementOf() !== undefined, 150_000)
      replacedAt = Date.now()
      await new Promise((resolve) => setTimeout(resolve, 1000))
    } finally {
      stopLoad = true
      await Promise.all(loops)
    }
    const replacement = replacementOf()!

    expect(alive(victim.pid)).toBe(false)
    expect(alive(replacement.pid)).toBe(true)
    expect(alive(survivor.pid)).toBe(true)
    expect(server.output()).toMatch(/"msg":"worker exited unexpectedly; replacing it"/)
    // Only requests in flight on the killed worker may fail; the survivor answered the rest.
    const failed = outcomes.filter(({ ok }) => !ok)
    expect(failed.length).toBeLessThanOrEqual(CONCURRENCY)
    // (A connection accepted in the instant before the primary saw the exit may go down with it.)
    expect(failed.every(({ at }) => at <= killedAt + 250)).toBe(true)
    const whileReplacing = outcomes.filter(({ at, ok }) => ok && at > killedAt && at < replacedAt)
    expect(whileReplacing.length).toBeGreaterThan(0)

    // The replacement serves too.
    const ids = Array.from({ length: 4 }, requestId)
    for (const id of ids) {
      const response = await freshRequest(server.url, '/readyz', {
        headers: { 'X-Request-Id': id },
      })
      expect(response.status).toBe(200)
    }
    await waitFor(() => ids.every((id) => servedBy(server.output(), id)))
    expect(new Set(ids.map((id) => servedBy(server.output(), id)))).toEqual(
      new Set([survivor.pid, replacement.pid]),
    )
  }, 240_000)

  it('on SIGTERM finishes an in-flight request, stops every worker, then exits 0', async () => {
    const workers = readyWorkers(server.output()).filter(({ pid }) => alive(pid))
    expect(workers).toHaveLength(2)
    // A GraphQL POST waits for its whole body (the credential limiter reads it) before answering.
    const body = JSON.stringify({ query: '{ Products { totalDocs } }' })
    const { hostname, port } = new URL(server.url)
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const connection = net.connect({ host: hostname, port: Number(port) }, () =>
        resolve(connection),
      )
      connection.once('error', reject)
    })
    let response = ''
    socket.on('data', (chunk) => (response += chunk))
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
    socket.write(
      `POST /api/graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: keep-alive\r\n\r\n` +
        body.slice(0, 10),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    server.process.kill('SIGTERM')
    await waitFor(() => server.output().includes('draining in-flight requests'), 20_000)
    socket.write(body.slice(10))
    const exitCode = await server.exited
    await closed

    expect(response).toMatch(/^HTTP\/1\.1 200/)
    expect(response).toContain('"totalDocs":1')
    expect(exitCode).toBe(0)
    for (const { pid } of workers) expect(alive(pid)).toBe(false)
    const stoppedWorkers = logLines(server.output()).filter(
      (line) => line.msg === 'worker stopped' && line.code === 0,
    )
    expect(stoppedWorkers).toHaveLength(2)
    expect(server.output()).toMatch(/"msg":"stopped"/)
  })
})
