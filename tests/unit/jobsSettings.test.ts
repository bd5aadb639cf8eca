import { pendingOrderTtlMs, webProcessRunsJobs } from '../../src/jobs/settings'

describe('jobs settings', () => {
  it.each([
    [{}, true],
    [{ JOBS_AUTORUN: 'true' }, true],
    [{ JOBS_AUTORUN: 'false' }, false],
    [{ WEB_WORKER_INDEX: '0' }, true],
    [{ WEB_WORKER_INDEX: '1' }, false],
    [{ WEB_WORKER_INDEX: '3', JOBS_AUTORUN: 'true' }, false],
    [{ WEB_WORKER_INDEX: '0', JOBS_AUTORUN: 'false' }, false],
  ])('the web process runs the queue with %j: %s', (env, runs) => {
    expect(webProcessRunsJobs(env as NodeJS.ProcessEnv)).toBe(runs)
  })

  it('reads PENDING_ORDER_TTL in seconds, 48 h by default or when invalid', () => {
    const saved = process.env.PENDING_ORDER_TTL
    try {
      delete process.env.PENDING_ORDER_TTL
      expect(pendingOrderTtlMs()).toBe(48 * 3600 * 1000)
      process.env.PENDING_ORDER_TTL = '3600'
      expect(pendingOrderTtlMs()).toBe(3600 * 1000)
      for (const invalid of ['0', '-5', 'soon']) {
        process.env.PENDING_ORDER_TTL = invalid
        expect(pendingOrderTtlMs()).toBe(48 * 3600 * 1000)
      }
    } finally {
      if (saved === undefined) delete process.env.PENDING_ORDER_TTL
      else process.env.PENDING_ORDER_TTL = saved
    }
  })
})
