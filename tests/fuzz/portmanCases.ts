import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** The parts of a Postman collection (v2.1) item that Portman generates and the runner sends. */
type PostmanKeyValue = { key: string; value?: string; disabled?: boolean; type?: string }
type PostmanItem = {
  name: string
  item?: PostmanItem[]
  request?: {
    method: string
    url: { path?: string[]; query?: PostmanKeyValue[]; variable?: PostmanKeyValue[] }
    header?: PostmanKeyValue[]
    body?: { mode?: string; raw?: string; formdata?: PostmanKeyValue[] }
  }
}

/** One request to send: a Portman base request, a Portman fuzz variation or a malformed body. */
export type FuzzCase = {
  /** `METHOD /path/{template}` of the OpenAPI operation. */
  operation: string
  /** Portman's request name, with the variation in brackets (`…[Fuzz][required price]`). */
  name: string
  method: string
  /** Path segments; `:name` segments are filled from `pathVariables`. */
  segments: string[]
  pathVariables: Record<string, string>
  /** Send `pathVariables` as Portman made them; otherwise an `id` is replaced by a stored row's. */
  keepPathValues?: boolean
  query: Array<[string, string]>
  headers: Record<string, string>
  body?: { kind: 'raw'; text: string } | { kind: 'form'; fields: PostmanKeyValue[] }
}

const PORTMAN_CONFIG = path.resolve('tests/fuzz/portman-config.json')
const PORTMAN_CLI = path.resolve('node_modules/@apideck/portman/bin/portman')

const runPortman = (workDir: string, documentFile: string, outputFile: string): Promise<void> =>
  new Promise((resolve, reject) => {
    // Portman writes its working files under ./tmp: keep them in the throwaway directory.
    const child = spawn(
      process.execPath,
      [
        PORTMAN_CLI,
        ...['--local', documentFile, '--output', outputFile, '--portmanConfigFile', PORTMAN_CONFIG],
        ...['--baseUrl', 'http://fuzz.invalid', '--ignoreCircularRefs', 'true', '--warn', 'false'],
      ],
      {
        cwd: workDir,
        env: { ...process.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('close', (code) =>
      code === 0 && fs.existsSync(outputFile)
        ? resolve()
        : reject(new Error(`portman failed (${code}):\n${output}`)),
    )
  })

const template = (segments: string[]): string =>
  `/${segments.map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment)).join('/')}`

const toCase = (item: PostmanItem): FuzzCase => {
  const request = item.request!
  const segments = request.url.path ?? []
  const enabled = (entries: PostmanKeyValue[] | undefined) =>
    (entries ?? []).filter((entry) => !entry.disabled)
  const body = request.body
  return {
    operation: `${request.method} ${template(segments)}`,
    name: item.name,
    method: request.method,
    segments,
    pathVariables: Object.fromEntries(
      (request.url.variable ?? []).map((variable) => [variable.key, variable.value ?? '']),
    ),
    query: enabled(request.url.query).map((entry) => [entry.key, entry.value ?? '']),
    headers: Object.fromEntries(
      enabled(request.header)
        .filter((header) => header.key.toLowerCase() !== 'authorization')
        .map((header) => [header.key, header.value ?? '']),
    ),
    body:
      body?.mode === 'raw' && body.raw !== undefined
        ? { kind: 'raw', text: body.raw }
        : body?.mode === 'formdata'
          ? { kind: 'form', fields: enabled(body.formdata) }
          : undefined,
  }
}

const flatten = (items: PostmanItem[]): PostmanItem[] =>
  items.flatMap((item) => (item.item ? flatten(item.item) : item.request ? [item] : []))

/**
 * Bodies no schema describes, for every operation that takes JSON: broken JSON and a JSON value
 * of the wrong type. Portman's fuzzing only varies values inside a well-formed body.
 */
const malformedBodies = (base: FuzzCase[]): FuzzCase[] =>
  base
    .filter((fuzzCase) => fuzzCase.body?.kind === 'raw')
    .flatMap((fuzzCase) => [
      { ...fuzzCase, name: `${fuzzCase.name}[malformed JSON]`, body: { kind: 'raw', text: '{"' } },
      { ...fuzzCase, name: `${fuzzCase.name}[array body]`, body: { kind: 'raw', text: '[1]' } },
    ])

/** Each operation on one document once more with the id Portman made up (a random number). */
const madeUpIds = (base: FuzzCase[]): FuzzCase[] =>
  base
    .filter((fuzzCase) => 'id' in fuzzCase.pathVariables)
    .map((fuzzCase) => ({
      ...fuzzCase,
      name: `${fuzzCase.name}[made-up id]`,
      keepPathValues: true,
    }))

/**
 * Turns the OpenAPI document into fuzz cases with Portman: one base request per operation
 * (example values from the schemas), Portman's fuzz variations of each (required fields removed,
 * numbers and lengths past their limits, in bodies and query strings), two malformed bodies per
 * JSON operation and, per operation on one document, a made-up id.
 */
export const portmanCases = async (document: unknown): Promise<FuzzCase[]> => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-fuzz-'))
  try {
    const documentFile = path.join(workDir, 'openapi.json')
    const outputFile = path.join(workDir, 'collection.json')
    fs.writeFileSync(documentFile, JSON.stringify(document))
    await runPortman(workDir, documentFile, outputFile)
    const collection = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as { item: PostmanItem[] }
    const variationFolder = collection.item.find((item) => item.name === 'Variation Tests')
    const base = flatten(collection.item.filter((item) => item !== variationFolder)).map(toCase)
    const variations = flatten(variationFolder?.item ?? []).map(toCase)
    return [...base, ...variations, ...malformedBodies(base), ...madeUpIds(base)]
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}
