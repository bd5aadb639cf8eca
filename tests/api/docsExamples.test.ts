import fs from 'node:fs'

import { examples } from '../../docs/examples/examples'
import { guideExampleIds } from '../../docs/examples/guide'
import { type ExampleResult, runExamples } from '../../docs/examples/run'
import { startTestServer, type TestServer } from '../helpers/testServer'

const guide = fs.readFileSync('docs/API.md', 'utf8')

/** The status a block of docs/API.md shows (`HTTP 200 OK`), or undefined for a sketch. */
const shownStatus = (id: string): number | undefined => {
  const block = new RegExp(`<!-- example:${id} -->([\\s\\S]*?)<!-- /example:${id} -->`).exec(
    guide,
  )?.[1]
  const status = block && /^HTTP (\d{3})/m.exec(block)?.[1]
  return status ? Number(status) : undefined
}

describe('docs/API.md examples', () => {
  let server: TestServer
  let results: ExampleResult[]

  beforeAll(async () => {
    // The same setup as `npm run docs:examples`: the demo seed, a 1 MB upload limit for the 413.
    server = await startTestServer({
      env: { SEED_DEMO: 'true', MAX_UPLOAD_BYTES: String(1024 * 1024) },
      readyTimeoutMs: 300_000,
    })
    results = await runExamples(server.url)
  }, 420_000)

  afterAll(async () => {
    await server?.stop()
  })

  it('has one block in the guide for every example, and no stale block', () => {
    expect(guideExampleIds(guide).sort()).toEqual(examples.map((example) => example.id).sort())
  })

  it('runs every example with the status the guide shows', () => {
    const failures = results
      .filter((result) => !result.ok && !result.example.pending)
      .map(
        (result) => `${result.example.id}: got ${result.status}, expected ${result.example.status}`,
      )
    expect(failures).toEqual([])
    for (const { example } of results) {
      if (!example.pending)
        expect([example.id, shownStatus(example.id)]).toEqual([example.id, example.status])
    }
    const waiting = results.filter((result) => !result.ok && result.example.pending)
    if (waiting.length) {
      console.log(
        `docs examples waiting for other branches: ${waiting
          .map((result) => `${result.example.id} (#${result.example.pending})`)
          .join(', ')}`,
      )
    }
  })
})
