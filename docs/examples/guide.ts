import type { ExampleResult } from './run'

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
}

const KEEP_DOCS = 2

/** Shortens what a reader needs not see in full: long lists, JWTs, rich text. */
const tidy = (value: unknown, notes: string[], key = ''): unknown => {
  if (typeof value === 'string') {
    return /^eyJ[\w-]{30,}/.test(value) ? `${value.slice(0, 20)}…` : value
  }
  if (Array.isArray(value)) {
    if (key === 'docs' && value.length > KEEP_DOCS) {
      notes.push(`\`docs\` trimmed to ${KEEP_DOCS} of ${value.length}`)
      return value.slice(0, KEEP_DOCS).map((item) => tidy(item, notes))
    }
    return value.map((item) => tidy(item, notes))
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, tidy(item, notes, name)]),
    )
  }
  return value
}

const statusLine = (status: number): string => `${status} ${STATUS_TEXT[status] ?? ''}`.trim()

/** The Markdown between an example's markers. */
export const renderBlock = (result: ExampleResult): string => {
  const { example } = result
  const lines = ['```sh', result.curl, '```']
  if (!result.ok && example.pending) {
    lines.push(
      '',
      `> **Not generated yet:** this endpoint comes with issue #${example.pending} and is not in this build. ` +
        `Expected \`${statusLine(example.status)}\`; the body below is a sketch from the issue. ` +
        '`npm run docs:examples` replaces it with the real response once the endpoint is merged.',
    )
    if (example.sketch !== undefined) {
      lines.push('', '```json', JSON.stringify(example.sketch, null, 2), '```')
    }
    return lines.join('\n')
  }
  const notes: string[] = []
  const shown = [`HTTP ${statusLine(result.status)}`]
  for (const name of example.showHeaders ?? []) {
    const value = result.headers.get(name)
    shown.push(`${name}: ${value ?? '(not sent)'}`)
  }
  lines.push('', 'Response:', '', '```http', shown.join('\n'), '```')
  if (result.body !== '' && result.body !== undefined) {
    const body =
      typeof result.body === 'string'
        ? result.body
        : JSON.stringify(tidy(result.body, notes), null, 2)
    lines.push('', '```json', body, '```')
  }
  if (notes.length) lines.push('', `(${[...new Set(notes)].join('; ')})`)
  return lines.join('\n')
}

const markerPattern = /<!-- example:([\w-]+) -->\n[\s\S]*?<!-- \/example:\1 -->/g

/** Ids of the example blocks in a guide. */
export const guideExampleIds = (markdown: string): string[] =>
  [...markdown.matchAll(markerPattern)].map((match) => match[1])

/** Writes each result between its markers; returns the new guide. */
export const fillGuide = (markdown: string, results: ExampleResult[]): string => {
  const byId = new Map(results.map((result) => [result.example.id, result]))
  return markdown.replace(markerPattern, (block, id: string) => {
    const result = byId.get(id)
    if (!result) return block
    return `<!-- example:${id} -->\n${renderBlock(result)}\n<!-- /example:${id} -->`
  })
}
