/**
 * `npm run restore -- <backup dir> [--database-url URL] [--media-dir DIR] [--force]`: restores a
 * backup made by `npm run backup` into the database (`--database-url`, else DATABASE_URL, else
 * the embedded one) and the media store (`--media-dir`, else the S3_BUCKET bucket, else
 * `media/`), then checks the result against the manifest. Refuses a database or media store that
 * already holds data unless `--force`. docs/DEPLOYMENT.md, "Backups and restore".
 */
import path from 'node:path'

import {
  parseCommandLine,
  resolveDatabase,
  resolveMediaStore,
  runCommand,
  UsageError,
} from '../lib/backup/cli'
import { restoreBackup } from '../lib/backup/restoreBackup'

const USAGE =
  'usage: npm run restore -- <backup dir> [--database-url URL] [--media-dir DIR] [--force]'

await runCommand('restore', async () => {
  const { values, positionals } = parseCommandLine(
    {
      'database-url': { type: 'string' },
      'media-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    USAGE,
  )
  if (positionals.length !== 1) throw new UsageError(`give one backup directory\n${USAGE}`)
  const database = await resolveDatabase(values['database-url'])
  try {
    await restoreBackup({
      backupDir: path.resolve(positionals[0]),
      databaseUrl: database.url,
      media: resolveMediaStore(values['media-dir']),
      force: values.force,
      log: (line) => console.log(line),
    })
    console.log(`restored ${positionals[0]}; start the server to apply any newer migrations`)
  } finally {
    await database.stop()
  }
})
