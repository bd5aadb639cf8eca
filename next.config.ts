import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  // Minified server bundles lose error class names, and Payload's error formatter then turns
  // `APIError('…', 409)` into "An unknown error occurred" for clients.
  experimental: { serverMinification: false },
  // Next would add `X-Powered-By: Next.js` to every page; the stack is nobody's business.
  poweredByHeader: false,
  // Type checking runs once, in `npm run typecheck`; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: path.resolve(dirname) },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
