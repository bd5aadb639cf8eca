import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020'

import type { OpenApiDocument } from '../../src/lib/openapi/document'

type Operation = { responses: Record<string, { $ref?: string; content?: Record<string, unknown> }> }

type Route = { template: string; pattern: RegExp; parameters: number }

type ResponseValidator = (
  method: string,
  path: string,
  status: number,
  contentType: string | null,
  text: string,
) => string | undefined

const escapePointer = (token: string): string =>
  encodeURIComponent(token.replace(/~/g, '~0').replace(/\//g, '~1'))

const routeOf = (template: string): Route => {
  const source = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return {
    template,
    // Payload matches routes regardless of letter case, and so does the credential limit.
    pattern: new RegExp(`^${source}/?$`, 'i'),
    parameters: (template.match(/\{/g) ?? []).length,
  }
}

/** The validator of one served document: which statuses each operation may answer, and bodies. */
const validatorFor = (document: OpenApiDocument): ResponseValidator => {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true })
  ajv.addSchema(document as object, 'openapi')
  // A literal route (`/api/users/me`) wins over a templated one (`/api/users/{id}`).
  const routes = Object.keys(document.paths)
    .map(routeOf)
    .sort((a, b) => a.parameters - b.parameters)
  const compiled = new Map<string, ValidateFunction>()
  const schemaAt = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer)
    if (!validate) {
      validate = ajv.compile({ $ref: `openapi#${pointer}` })
      compiled.set(pointer, validate)
    }
    return validate
  }

  return (method, path, status, contentType, text) => {
    const verb = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
    const route = routes.find(
      (candidate) => candidate.pattern.test(path) && document.paths[candidate.template][verb],
    )
    if (!route) {
      // Unknown routes and methods may answer "not found" / "method not allowed" undocumented.
      return [404, 405].includes(status) || !path.startsWith('/api/')
        ? undefined
        : `${method} ${path} answered ${status} but the document has no such operation`
    }
    const operation = document.paths[route.template][verb] as Operation
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find(
      (candidate) => candidate in operation.responses,
    )
    const name = `${method} ${route.template}`
    if (!key) {
      return `${name} answered ${status}, which the document does not list (it lists ${Object.keys(operation.responses).join(', ')}): ${text.slice(0, 300)}`
    }
    let pointer = `/paths/${escapePointer(route.template)}/${verb}/responses/${key}`
    let response = operation.responses[key]
    if (response.$ref) {
      pointer = response.$ref.slice(1)
      const name = response.$ref.split('/').pop()!
      response = (document.components.responses[name] ?? {}) as typeof response
    }
    if (method.toUpperCase() === 'HEAD' || !text) return undefined
    if (!contentType?.includes('json') || !response.content?.['application/json']) return undefined
    const media = response.content['application/json'] as { schema?: unknown }
    if (!media.schema) return undefined
    let body: unknown
    try {
      body = JSON.parse(text)
    } catch {
      return `${name} ${status}: the body is not JSON: ${text.slice(0, 300)}`
    }
    const validate = schemaAt(`${pointer}/content/application~1json/schema`)
    if (validate(body)) return undefined
    return `${name} ${status}: the body does not match the documented schema: ${ajv.errorsText(validate.errors, { separator: '; ' })}\n${text.slice(0, 500)}`
  }
}

const validators = new Map<string, Promise<ResponseValidator>>()

/**
 * Checks a response against the OpenAPI document its server serves (`/api/openapi.json`, fetched
 * once per server): the status must be documented for the operation, and a JSON body must match
 * the documented schema. Returns the mismatch as a readable sentence, or undefined.
 */
export const undocumentedResponse = async (
  url: string,
  method: string,
  response: { status: number; headers: Headers },
  text: string,
): Promise<string | undefined> => {
  const { origin, pathname } = new URL(url)
  let validator = validators.get(origin)
  if (!validator) {
    validator = fetch(`${origin}/api/openapi.json`).then(async (served) => {
      if (served.status !== 200) {
        validators.delete(origin)
        throw new Error(`GET /api/openapi.json answered ${served.status}: nothing to validate with`)
      }
      return validatorFor((await served.json()) as OpenApiDocument)
    })
    validators.set(origin, validator)
  }
  return (await validator)(
    method,
    pathname,
    response.status,
    response.headers.get('content-type'),
    text,
  )
}

/** Fails the calling test when a response drifts from the served OpenAPI document. */
export const expectDocumentedResponse = async (
  url: string,
  method: string,
  response: { status: number; headers: Headers },
  text: string,
): Promise<void> => {
  const problem = await undocumentedResponse(url, method, response, text)
  if (problem) throw new Error(`Response does not match the OpenAPI document: ${problem}`)
}
