import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { ActivationTokens } from './collections/ActivationTokens'
import { ApiTokens } from './collections/ApiTokens'
import { AuditLog } from './collections/AuditLog'
import { Carts } from './collections/Carts'
import { Categories } from './collections/Categories'
import { Media } from './collections/Media'
import { Orders } from './collections/Orders'
import { ProductModerationEvents } from './collections/ProductModerationEvents'
import { Products } from './collections/Products'
import { RefreshTokens } from './collections/RefreshTokens'
import { Reviews } from './collections/Reviews'
import { Users } from './collections/Users'
import { answerDatabaseUnavailable } from './hooks/shared/answerDatabaseUnavailable'
import { answerTransactionConflict } from './hooks/shared/answerTransactionConflict'
import { answerMalformedMultipart } from './hooks/shared/answerMalformedMultipart'
import { answerUnparsablePathIdAsNotFound } from './hooks/shared/answerUnparsablePathIdAsNotFound'
import { FULFILMENT_PATH } from './src/admin/vendor/fulfilmentPath'
import { tokenEndpoints } from './src/endpoints/users/token'
import { jobsConfig, restrictJobStats } from './src/jobs'
import { withAtomicSessions } from './src/lib/auth/atomicSessions'
import { signInErrorTranslations } from './src/lib/auth/messages'
import { auditLogPlugin } from './src/lib/auditLogPlugin'
import { csvExportPlugin } from './src/lib/csvExportPlugin'
import { catalogPlugin } from './src/lib/catalogPlugin'
import { databasePoolOptions } from './src/lib/databaseHealth'
import { logDatabasePoolErrors } from './src/lib/databasePool'
import { emailAdapter } from './src/lib/email/adapter'
import { graphQLAccessQuery } from './src/lib/graphQLAccess'
import { graphQLForgotPasswordMutation } from './src/lib/graphQLForgotPassword'
import { graphqlValidationRules } from './src/lib/limits/graphqlLimits'
import { guardInput } from './src/lib/limits/guardInput'
import { localSecret } from './src/lib/localSecrets'
import { objectStorage } from './src/lib/objectStorage'
import { restrictLockedDocuments } from './src/lib/lockedDocuments'
import { withSafePreferenceDeletes } from './src/lib/preferenceDeletes'
import { replicaUrls } from './src/lib/replicas/settings'
import { withReadReplicas } from './src/lib/replicas/withReadReplicas'
import { inputGuardsPlugin } from './src/lib/inputGuardsPlugin'
import { secureAuthCookies } from './src/lib/secureAuthCookies'
import { serverTimestamps } from './src/lib/serverTimestamps'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`
const allowedOrigins = [
  publicUrl,
  ...(process.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
]

// Document locks and the job-stats global are added while the config is sanitized, so they are
// restricted afterwards.
export default buildConfig({
  serverURL: publicUrl,
  cors: allowedOrigins,
  csrf: allowedOrigins,
  secret: localSecret('PAYLOAD_SECRET'),
  telemetry: false,
  admin: {
    user: Users.slug,
    avatar: 'default',
    meta: { titleSuffix: ' · Marketplace' },
    importMap: { baseDir: path.resolve(dirname) },
    components: {
      // Vendors: the order lines of their products (src/admin/vendor, docs/CONSOLE.md).
      afterNavLinks: ['/src/admin/vendor/FulfilmentNavLink#FulfilmentNavLink'],
      views: {
        // The home page: role-aware figures and what needs attention (src/admin/dashboard).
        dashboard: { Component: '/src/admin/dashboard/Dashboard#Dashboard' },
        fulfilment: {
          Component: '/src/admin/vendor/FulfilmentView#FulfilmentView',
          path: FULFILMENT_PATH,
        },
      },
    },
  },
  collections: [
    Users,
    Media,
    Categories,
    Products,
    ProductModerationEvents,
    Reviews,
    Orders,
    Carts,
    RefreshTokens,
    ApiTokens,
    ActivationTokens,
    AuditLog,
  ],
  endpoints: [...tokenEndpoints],
  jobs: jobsConfig,
  email: emailAdapter(),
  i18n: { translations: signInErrorTranslations },
  editor: lexicalEditor(),
  // guardInput last, so its check runs before every other plugin's hooks.
  plugins: [
    inputGuardsPlugin,
    auditLogPlugin,
    csvExportPlugin,
    serverTimestamps,
    secureAuthCookies(publicUrl.startsWith('https:')),
    catalogPlugin(),
    objectStorage([Media.slug]),
    guardInput,
  ],
  onInit: logDatabasePoolErrors,
  hooks: {
    afterError: [
      answerDatabaseUnavailable,
      answerTransactionConflict,
      answerUnparsablePathIdAsNotFound,
      answerMalformedMultipart,
    ],
  },
  // Sessions are written row by row, so concurrent logins and logouts cannot undo each other.
  db: withAtomicSessions(
    withSafePreferenceDeletes(
      // Anonymous catalog reads from DATABASE_REPLICA_URLS when set (src/lib/replicas).
      withReadReplicas(
        postgresAdapter({
          pool: databasePoolOptions(process.env.DATABASE_URL),
          // Schema changes go through committed migrations only (the server applies them at
          // start); never push a schema onto a database.
          push: false,
          migrationDir: path.resolve(dirname, 'src/migrations'),
        }),
        replicaUrls(),
      ),
    ),
  ),
  graphQL: {
    disablePlaygroundInProduction: true,
    queries: graphQLAccessQuery,
    mutations: graphQLForgotPasswordMutation,
    validationRules: graphqlValidationRules,
    schemaOutputFile: path.resolve(dirname, 'src/generated-schema.graphql'),
  },
  sharp,
  typescript: {
    outputFile: path.resolve(dirname, 'src/payload-types.ts'),
    // The server generates nothing at run time; `npm run generate:types` does, on purpose.
    autoGenerate: false,
  },
  upload: {
    limits: { fileSize: Number(process.env.MAX_UPLOAD_BYTES ?? 100 * 1024 * 1024) },
  },
})
  .then(restrictLockedDocuments)
  .then(restrictJobStats)
