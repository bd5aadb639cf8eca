/**
 * The storefront's browser side of the REST API: same-origin requests with the session cookie,
 * JSON both ways. Payload's errors (`{ errors: [{ message }] }`) become `message`.
 */
export type RestAnswer<T> = { ok: boolean; status: number; body: T; message: string }

export const rest = async <T = Record<string, unknown>>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<RestAnswer<T>> => {
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    return {
      ok: false,
      status: 0,
      body: {} as T,
      message: 'The shop could not be reached. Check your connection and try again.',
    }
  }
  const body = (await response.json().catch(() => ({}))) as T & {
    errors?: Array<{ message?: string }>
    message?: string
  }
  const message = response.ok
    ? ''
    : (body.errors?.[0]?.message ?? body.message ?? `The request failed (${response.status}).`)
  return { ok: response.ok, status: response.status, body, message }
}
