import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startThrowawayPostgres } from '../../src/lib/database'
import { createEmptyDatabase, databaseUrlFor, migrateDatabase } from './testDatabase'

declare global {
  var __marketplaceTestTeardown: (() => Promise<void>) | undefined
}

/**
 * One throwaway database server per run: `DATABASE_URL`'s server when set (a fresh database is
 * created on it), otherwise an embedded Postgres in a temporary directory.
 */
export default async function globalSetup(): Promise<void> {
  const external = process.env.DATABASE_URL
  let stopServer = async (): Promise<void> => undefined
  let adminUrl: string
  if (external) {
    adminUrl = databaseUrlFor(external, 'postgres')
  } else {
    const cluster = await startThrowawayPostgres()
    adminUrl = cluster.adminUrl
    stopServer = cluster.stop
  }
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketplace-test-data-'))
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    PAYLOAD_SECRET: 'test-secret-for-this-run-only-0123456789',
    // Orders' address keyring (required by production servers the API tests start).
    ORDER_ENCRYPTION_KEYS: `test:${randomBytes(32).toString('base64')}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  })
  // Migrated once; each Local API test file gets a copy (tests/helpers/payload.ts).
  const url = await createEmptyDatabase('marketplace_template')
  await migrateDatabase(url)
  process.env.TEST_TEMPLATE_DATABASE = new URL(url).pathname.slice(1)
  process.env.DATABASE_URL = url

  globalThis.__marketplaceTestTeardown = async () => {
    if (external) {
      const { dropDatabase } = await import('./testDatabase')
      await dropDatabase(url)
    }
    await stopServer()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
