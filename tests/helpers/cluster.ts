import http from 'node:http'

export type FreshResponse = { status: number; headers: http.IncomingHttpHeaders; text: string }

/**
 * One HTTP request on a connection of its own (no keep-alive pool): node:cluster hands each new
 * connection to the next worker, so consecutive calls reach the workers in turn.
 */
export const freshRequest = (
  baseUrl: string,
  path: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<FreshResponse> =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: {
          Connection: 'close',
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    // A connection the primary handed to a worker that then died may never be answered.
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${method} ${path} in 15 s`)))
    req.end(payload)
  })

type LogLine = Record<string, unknown>

/** The JSON log lines a server printed (other output skipped). */
export const logLines = (output: string): LogLine[] =>
  output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return []
    try {
      return [JSON.parse(line) as LogLine]
    } catch {
      return []
    }
  })

/** The pid of the process that logged the request with this `X-Request-Id`. */
export const servedBy = (output: string, requestId: string): number | undefined =>
  logLines(output).find((line) => line.msg === 'request' && line.requestId === requestId)?.pid as
    number | undefined

/** Every `worker ready` line of a cluster's primary: the slot and pid of each worker that listened. */
export const readyWorkers = (output: string): { worker: number; pid: number }[] =>
  logLines(output)
    .filter((line) => line.msg === 'worker ready')
    .map((line) => ({ worker: line.worker as number, pid: line.workerPid as number }))

export const waitFor = async (condition: () => boolean, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Whether a process with this pid is alive. */
export const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
