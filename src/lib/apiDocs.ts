import express, { type Express } from 'express'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Payload } from 'payload'

import { buildOpenApiDocument, type OpenApiBuild } from './openapi/document'
import type { ExpressRoute, HttpMethod } from './openapi/routes'

type RouterLayer = { route?: { path: unknown; methods: Record<string, boolean> } }

/** The routes this Express app answers itself, read from its router (Express 5). */
export const listExpressRoutes = (app: Express): ExpressRoute[] => {
  const stack = (app as unknown as { router: { stack: RouterLayer[] } }).router.stack
  const routes: ExpressRoute[] = []
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') {
        routes.push({ method: method as HttpMethod, path: layer.route.path })
      }
    }
  }
  return routes
}

const swaggerUiDir = (): string =>
  path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const docsPage = (api: string): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Marketplace API reference</title>
    <link rel="stylesheet" href="${api}/docs/assets/swagger-ui.css" />
    <style>body { margin: 0 } .swagger-ui .topbar { display: none }</style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${api}/docs/assets/swagger-ui-bundle.js"></script>
    <script src="${api}/docs/init.js"></script>
  </body>
</html>
`

const initScript = (api: string): string => `window.ui = SwaggerUIBundle({
  url: '${api}/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  displayRequestDuration: true,
  filter: true,
  docExpansion: 'none',
  defaultModelsExpandDepth: 0,
})
`

const readVersion = (): string => {
  try {
    const root = process.env.MARKETPLACE_ROOT ?? process.cwd()
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0'
  } catch {
    return '0.0.0'
  }
}

/**
 * Serves `GET /api/openapi.json` (generated from the Payload config and this app's own routes,
 * built once and cached) and `GET /api/docs` (Swagger UI from the installed swagger-ui-dist: no
 * CDN, works offline). Call `build()` once every route is registered: it builds the document and
 * returns the routes nobody documented, so the server can say so at start.
 */
export const mountApiDocs = (app: Express, payload: Payload): { build: () => OpenApiBuild } => {
  const api = payload.config.routes.api
  let cached: OpenApiBuild | undefined
  const build = (): OpenApiBuild => {
    cached ??= buildOpenApiDocument(payload.config, {
      expressRoutes: listExpressRoutes(app),
      version: readVersion(),
    })
    return cached
  }

  app.get(`${api}/openapi.json`, (_req, res) => {
    res.json(build().document)
  })
  app.get(`${api}/docs`, (_req, res) => {
    res.type('html').send(docsPage(api))
  })
  app.use(`${api}/docs/init.js`, (_req, res) => {
    res.type('application/javascript').send(initScript(api))
  })
  app.use(
    `${api}/docs/assets`,
    express.static(swaggerUiDir(), { index: false, maxAge: '1d', fallthrough: false }),
  )
  return { build }
}
