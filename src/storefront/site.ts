/** The shop's name, shown in the header, titles and structured data. */
export const STORE_NAME = 'Marketplace'

/** The public origin (PUBLIC_URL, as Payload's serverURL), for canonical links and the sitemap. */
export const siteUrl = (): string =>
  (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')

/** `path` as an absolute URL on the public origin. */
export const absoluteUrl = (path: string): string => new URL(path, `${siteUrl()}/`).toString()

/** A URL's query string from the non-empty values of `params` (in their order). */
export const withQuery = (
  path: string,
  params: Record<string, string | number | undefined | null>,
): string => {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value))
  }
  const text = query.toString()
  return text ? `${path}?${text}` : path
}
