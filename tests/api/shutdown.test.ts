import net from 'node:net'
import pg from 'pg'

import { call, registerFirstAdmin } from '../helpers/authClient'
import { emailsTo } from '../helpers/outbox'
import { startTestServer } from '../helpers/testServer'

const connect = (url: string): Promise<net.Socket> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const socket = net.connect({ host: hostname, port: Number(port) }, () => resolve(socket))
    socket.once('error', reject)
  })

const waitFor = async (
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new connections, then exits cleanly', async () => {
    const server = await startTestServer()
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'wrong-password-1' })
    const socket = await connect(server.url)
    let response = ''
    socket.on('data', (chunk) => (response += chunk))
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))

    // Headers and half the body: the request is in flight when the signal arrives.
    socket.write(
      `POST /api/users/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n` +
        body.slice(0, 10),
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    server.process.kill('SIGTERM')
    // The server stops listening in the same tick as it logs this line.
    await waitFor(() => server.output().includes('shutting down'))

    await expect(connect(server.url)).rejects.toThrow(/ECONNREFUSED/)

    socket.write(body.slice(10))
    const exitCode = await server.exited
    await closed
    await server.stop()

    expect(response).toMatch(/^HTTP\/1\.1 401/)
    expect(response).toContain('"errors"')
    expect(exitCode).toBe(0)
    expect(server.output()).toMatch(/"msg":"stopped"/)
  })
  it('finishes a running reset-email job before it stops', async () => {
    const server = await startTestServer()
    const account = await registerFirstAdmin(server.url)
    // Holding the account's row keeps the job's work (the reset token) waiting.
    const lock = new pg.Client({ connectionString: server.databaseUrl })
    await lock.connect()
    try {
      await lock.query('BEGIN')
      await lock.query('SELECT id FROM users WHERE email = $1 FOR UPDATE', [account.email])
      const forgot = await call(`${server.url}/api/users/forgot-password`, {
        body: { email: account.email },
      })
      expect(forgot.status).toBe(200)
      const running = new pg.Client({ connectionString: server.databaseUrl })
      await running.connect()
      await waitFor(async () => {
        const { rows } = await running.query(
          `SELECT 1 FROM payload_jobs WHERE task_slug = 'sendPasswordReset' AND processing`,
        )
        return rows.length === 1
      })
      await running.end()
      server.process.kill('SIGTERM')
      let exited = false
      void server.exited.then(() => (exited = true))
      await waitFor(() => exited || server.output().includes('waiting for running jobs'))
      await lock.query('COMMIT')
    } finally {
      await lock.end()
    }
    expect(await server.exited).toBe(0)
    await server.stop()
    expect(emailsTo(account.email).map(({ subject }) => subject)).toContain(
      'Reset your Marketplace password',
    )
  })
})
