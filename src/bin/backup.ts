/**
 * `npm run backup -- [--out DIR] [--database-url URL] [--media-dir DIR]`: writes the database
 * (pg_dump, custom format), every media file (the local directory or the S3_BUCKET bucket) and a
 * manifest into one directory, by default `backups/marketplace-<time>`. docs/DEPLOYMENT.md,
 * "Backups and restore".
 */
import path from 'node:path'

import { parseCommandLine, resolveDatabase, resolveMediaStore, runCommand } from '../lib/backup/cli'
import { createBackup } from '../lib/backup/createBackup'

const USAGE = 'usage: npm run backup -- [--out DIR] [--database-url URL] [--media-dir DIR]'

await runCommand('backup', async () => {
  const { values } = parseCommandLine(
    {
      out: { type: 'string' },
      'database-url': { type: 'string' },
      'media-dir': { type: 'string' },
    },
    USAGE,
  )
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  const outDir = path.resolve(values.out ?? path.join('backups', `marketplace-${stamp}`))
  const database = await resolveDatabase(values['database-url'])
  try {
    const manifest = await createBackup({
      databaseUrl: database.url,
      outDir,
      media: resolveMediaStore(values['media-dir']),
      log: (line) => console.log(line),
    })
    const rows = Object.values(manifest.database.tables).reduce((sum, count) => sum + count, 0)
    console.log(
      `backup written to ${outDir}: ${rows} rows, ${manifest.media.files.length} media files, ` +
        `schema at ${manifest.database.latestMigration ?? 'no migration'}`,
    )
  } finally {
    await database.stop()
  }
})
