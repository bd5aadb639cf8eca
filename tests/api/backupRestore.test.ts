/**
 * The restore drill (issue 15): real data written through the compiled server (users, an uploaded
 * image and its WebP sizes, a product, an order) on PostgreSQL 15, `npm run backup`, `npm run
 * restore` into a second database and media directory, then the restored data compared row for
 * row and file for file, and served by a server started on it. Plus the refusals, and a round
 * trip through S3 buckets (@20minutes/s3rver).
 *
 * pg_dump must match the server's major, and the embedded PostgreSQL (17) ships no pg_dump, so
 * this suite uses the machine's PostgreSQL 15 server (BACKUP_TEST_DATABASE_URL, default
 * 127.0.0.1:5432) and its client tools; it skips when either is missing (CI has both).
 */
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

import { createBackup } from '../../src/lib/backup/createBackup'
import { type BackupManifest, readManifest } from '../../src/lib/backup/manifest'
import {
  bucketStore,
  directoryStore,
  fileChecksum,
  listDirectory,
} from '../../src/lib/backup/mediaStore'
import { locatePostgresTool, serverVersion } from '../../src/lib/backup/postgresTools'
import { restoreBackup } from '../../src/lib/backup/restoreBackup'
import { migrations } from '../../src/migrations'
import { api, type Json, uploadFile } from '../helpers/apiClient'
import { type Account, createAccount, registerFirstAdmin } from '../helpers/authClient'
import { jpegBytes, testAddress } from '../helpers/fixtures'
import { type S3Server, startS3Server } from '../helpers/s3Server'
import {
  adminDatabaseUrl,
  databaseUrlFor,
  dropDatabase as dropTestDatabase,
  migrateDatabase,
} from '../helpers/testDatabase'
import { startTestServer } from '../helpers/testServer'

const serverUrl =
  process.env.BACKUP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Why the suite cannot run here, or null when PostgreSQL 15-or-so and a matching pg_dump exist. */
const unavailable = async (): Promise<string | null> => {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
    const { major } = await serverVersion(client)
    await locatePostgresTool('pg_dump', { preferred: major, atLeast: major, reason: 'the drill' })
    await locatePostgresTool('pg_restore', {
      preferred: major,
      atLeast: major,
      reason: 'the drill',
    })
    return null
  } catch (error) {
    return (error as Error).message
  } finally {
    await client.end().catch(() => undefined)
  }
}

const skipReason = await unavailable()
const describeWithPostgresTools = skipReason ? describe.skip : describe
if (skipReason) {
  console.warn(
    `backup/restore drill skipped: no usable PostgreSQL server and tools at ${serverUrl}: ${skipReason}`,
  )
}

const withClient = async <T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const newDatabaseUrl = (prefix: string): string =>
  databaseUrlFor(serverUrl, `${prefix}_${randomBytes(5).toString('hex')}`)

const createDatabase = async (url: string): Promise<void> => {
  const name = new URL(url).pathname.slice(1)
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`))
}

const dropDatabase = async (url: string): Promise<void> => {
  const name = new URL(url).pathname.slice(1)
  await withClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  )
}

const databaseExists = async (url: string): Promise<boolean> => {
  const name = new URL(url).pathname.slice(1)
  return withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    return rowCount === 1
  })
}

/** Each table's row count and a digest of its rows, for comparing two databases exactly. */
const tableDigests = (url: string): Promise<Record<string, string>> =>
  withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    )
    const digests: Record<string, string> = {}
    for (const { name } of tables) {
      const { rows } = await client.query<{ count: string; digest: string }>(
        `SELECT count(*) AS count,
                md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
           FROM "${name}" t`,
      )
      digests[name] = `${rows[0].count}:${rows[0].digest}`
    }
    return digests
  })

const directoryChecksums = async (root: string): Promise<Record<string, string>> => {
  const sums: Record<string, string> = {}
  for (const { key } of listDirectory(root)) {
    sums[key] = (await fileChecksum(path.join(root, key))).sha256
  }
  return sums
}

type ScriptResult = { code: number | null; stdout: string; stderr: string }

/** Runs `npm run backup` / `npm run restore` as a deployment would (tsx, its own process). */
const runScript = (
  script: 'backup' | 'restore',
  args: string[],
  env: Record<string, string> = {},
): Promise<ScriptResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', `src/bin/${script}.ts`, ...args],
      {
        env: { ...process.env, NODE_OPTIONS: '', S3_BUCKET: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

/** `npm run restore` of `backup` into a database and a media directory. */
const restoreInto = (backup: string, databaseUrl: string, mediaDir: string, ...extra: string[]) =>
  runScript('restore', [backup, '--database-url', databaseUrl, '--media-dir', mediaDir, ...extra])

const tempDir = (prefix: string): string => fs.mkdtempSync(path.join(os.tmpdir(), prefix))

describeWithPostgresTools('backup and restore drill (PostgreSQL 15, media directory)', () => {
  const scratch: string[] = []
  const databases: string[] = []
  let sourceUrl: string
  let sourceMedia: string
  let backupDir: string
  let manifest: BackupManifest
  let customer: Account & { token: string }
  let image: Json
  let productId: number
  let orderId: number
  let sourceDigests: Record<string, string>
  let sourceFiles: Record<string, string>

  const scratchDir = (prefix: string): string => {
    const dir = tempDir(prefix)
    scratch.push(dir)
    return dir
  }
  const databaseUrl = (prefix: string): string => {
    const url = newDatabaseUrl(prefix)
    databases.push(url)
    return url
  }

  beforeAll(async () => {
    sourceUrl = databaseUrl('marketplace_backup_source')
    await createDatabase(sourceUrl)
    await migrateDatabase(sourceUrl)
    const sourceRoot = scratchDir('marketplace-backup-source-')
    sourceMedia = path.join(sourceRoot, 'media')
    // No jobs runner: it writes its schedule bookkeeping (payload_jobs_stats) as it polls, so the
    // source would change after the backup and no longer compare equal to the restored copy.
    const server = await startTestServer({
      databaseUrl: sourceUrl,
      cwd: sourceRoot,
      env: { JOBS_AUTORUN: 'false' },
    })
    try {
      const admin = await registerFirstAdmin(server.url)
      customer = await createAccount(server.url, admin.token, ['customer'])
      const uploaded = await uploadFile(server.url, {
        bytes: await jpegBytes(800, 600),
        filename: 'camera.jpg',
        type: 'image/jpeg',
        data: { alt: 'A camera' },
        token: admin.token,
      })
      expect(uploaded.status).toBe(201)
      image = (uploaded.body as Json).doc
      const product = await api(server.url, '/api/products', {
        method: 'POST',
        token: admin.token,
        body: {
          brand: 'Drill',
          model: 'Camera',
          slug: 'drill-camera',
          price: 250,
          stock: 5,
          status: 'approved',
          images: [image.id],
        },
      })
      expect(product.status).toBe(201)
      productId = (product.body as Json).doc.id
      const order = await api(server.url, '/api/orders', {
        method: 'POST',
        token: customer.token,
        body: { items: [{ product: productId, quantity: 2 }], shippingAddress: testAddress },
      })
      expect(order.status).toBe(201)
      orderId = (order.body as Json).doc.id

      // A hot backup, taken while the server runs.
      backupDir = path.join(scratchDir('marketplace-backup-'), 'backup')
      const backup = await runScript('backup', [
        '--out',
        backupDir,
        '--database-url',
        sourceUrl,
        '--media-dir',
        sourceMedia,
      ])
      expect({ code: backup.code, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' })
      manifest = readManifest(backupDir)
    } finally {
      await server.stop()
    }
    sourceDigests = await tableDigests(sourceUrl)
    sourceFiles = await directoryChecksums(sourceMedia)
  }, 300_000)

  afterAll(async () => {
    for (const url of databases) await dropDatabase(url).catch(() => undefined)
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('writes the dump, every media file and a manifest with counts, schema and checksums', async () => {
    expect(manifest).toMatchObject({
      format: 'marketplace-backup',
      version: 1,
      database: {
        file: 'database.dump',
        pgDumpMajor: 15,
        latestMigration: migrations[migrations.length - 1].name,
        migrations: migrations.length,
        tables: { 'public.users': 2, 'public.media': 1, 'public.products': 1, 'public.orders': 1 },
      },
      media: { source: 'directory', location: sourceMedia },
    })
    expect((await fileChecksum(path.join(backupDir, 'database.dump'))).sha256).toBe(
      manifest.database.sha256,
    )
    // The original and its three WebP sizes, each with the checksum of the file the server wrote.
    const names = [
      image.filename,
      ...['thumbnail', 'card', 'detail'].map((size) => image.sizes[size].filename),
    ]
    expect(Object.keys(sourceFiles).sort()).toEqual([...names].sort())
    expect(Object.fromEntries(manifest.media.files.map((file) => [file.key, file.sha256]))).toEqual(
      sourceFiles,
    )
  })

  describe('restored into a second database and media directory', () => {
    let targetUrl: string
    let targetRoot: string

    beforeAll(async () => {
      // A database that does not exist yet: restore creates it, as the Postgres adapter would.
      targetUrl = databaseUrl('marketplace_backup_target')
      targetRoot = scratchDir('marketplace-backup-target-')
      const restored = await restoreInto(backupDir, targetUrl, path.join(targetRoot, 'media'))
      expect({ code: restored.code, stderr: restored.stderr }).toEqual({ code: 0, stderr: '' })
      expect(restored.stdout).toMatch(
        /every table has its row count and every media file its checksum/,
      )
    }, 180_000)

    it('holds the same rows in every table and the same files', async () => {
      expect(await tableDigests(targetUrl)).toEqual(sourceDigests)
      expect(await directoryChecksums(path.join(targetRoot, 'media'))).toEqual(sourceFiles)
    })

    it('serves the image, signs the user in, decrypts the order and keeps numbering ids', async () => {
      const server = await startTestServer({ databaseUrl: targetUrl, cwd: targetRoot })
      try {
        const file = await fetch(`${server.url}/api/media/file/${image.filename}`)
        expect(file.status).toBe(200)
        expect(file.headers.get('content-type')).toBe('image/jpeg')
        expect(Buffer.from(await file.arrayBuffer()).length).toBe(image.filesize)
        const card = await fetch(`${server.url}/api/media/file/${image.sizes.card.filename}`)
        expect(card.headers.get('content-type')).toBe('image/webp')

        const login = await api(server.url, '/api/users/login', {
          method: 'POST',
          body: { email: customer.email, password: customer.password },
        })
        expect(login.status).toBe(200)
        const token = (login.body as Json).token
        const order = await api(server.url, `/api/orders/${orderId}`, { token })
        expect(order.status).toBe(200)
        expect((order.body as Json).shippingAddress).toMatchObject(testAddress)

        // The sequences came back too: a new order gets the next id, not a duplicate.
        const next = await api(server.url, '/api/orders', {
          method: 'POST',
          token,
          body: { items: [{ product: productId, quantity: 1 }], shippingAddress: testAddress },
        })
        expect(next.status).toBe(201)
        expect((next.body as Json).doc.id).toBeGreaterThan(orderId)
      } finally {
        await server.stop()
      }
    }, 180_000)

    it('refuses the database now that it holds data, and replaces it with --force', async () => {
      const freshMedia = path.join(scratchDir('marketplace-backup-media-'), 'media')
      const before = await tableDigests(targetUrl)
      expect(before).not.toEqual(sourceDigests) // the order placed on the restored server
      const refused = await restoreInto(backupDir, targetUrl, freshMedia)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(
        /^restore: database marketplace_backup_target_\w+ is not empty \(\d+ tables, .*\): restore replaces a database only with --force\n$/,
      )
      expect(await tableDigests(targetUrl)).toEqual(before)
      expect(fs.existsSync(freshMedia)).toBe(false)

      const forced = await restoreInto(backupDir, targetUrl, freshMedia, '--force')
      expect({ code: forced.code, stderr: forced.stderr }).toEqual({ code: 0, stderr: '' })
      expect(await tableDigests(targetUrl)).toEqual(sourceDigests)
    }, 180_000)

    it('refuses a media directory that holds files unless --force', async () => {
      const emptyUrl = databaseUrl('marketplace_backup_empty')
      const refused = await restoreInto(backupDir, emptyUrl, path.join(targetRoot, 'media'))
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(
        /media is not empty \(4 files\): restore writes into a non-empty media store only with --force/,
      )
      // Refused before the database was even created.
      expect(await databaseExists(emptyUrl)).toBe(false)
    }, 120_000)
  })

  describe('refuses a damaged backup before touching the target', () => {
    const damaged = (damage: (dir: string) => void): string => {
      const dir = path.join(scratchDir('marketplace-backup-damaged-'), 'backup')
      fs.cpSync(backupDir, dir, { recursive: true })
      damage(dir)
      return dir
    }

    const untouchedTarget = () => ({
      databaseUrl: databaseUrl('marketplace_backup_untouched'),
      mediaDir: path.join(scratchDir('marketplace-backup-untouched-'), 'media'),
    })
    const expectUntouched = async ({
      databaseUrl: url,
      mediaDir,
    }: {
      databaseUrl: string
      mediaDir: string
    }) => {
      expect(await databaseExists(url)).toBe(false)
      expect(fs.existsSync(mediaDir)).toBe(false)
    }

    it('a missing manifest: exit code 1 and the reason', async () => {
      const dir = damaged((backup) => fs.rmSync(path.join(backup, 'manifest.json')))
      const target = untouchedTarget()
      const result = await restoreInto(dir, target.databaseUrl, target.mediaDir)
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(
        /^restore: \S+manifest\.json is missing: \S+ is not a backup made by npm run backup\n$/,
      )
      await expectUntouched(target)
    }, 120_000)

    // The same checks without a process each (the command's exit path is the one above).
    it.each<[string, (dir: string) => void, RegExp]>([
      [
        'a manifest that is not JSON',
        (dir) => fs.writeFileSync(path.join(dir, 'manifest.json'), '{"format": "marketplace-b'),
        /manifest\.json is not valid JSON/,
      ],
      [
        'a manifest of another format',
        (dir) => {
          const file = path.join(dir, 'manifest.json')
          const parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
          fs.writeFileSync(
            file,
            JSON.stringify({ ...parsed, database: { ...parsed.database, sha256: 'abc' } }),
          )
        },
        /manifest\.json is not a valid backup manifest: "database\.sha256" is not a SHA-256/,
      ],
      [
        'a damaged dump',
        (dir) => {
          const file = path.join(dir, 'database.dump')
          const bytes = fs.readFileSync(file)
          bytes[bytes.length >> 1] ^= 0xff
          fs.writeFileSync(file, bytes)
        },
        /database\.dump does not match its checksum in the manifest: it is damaged/,
      ],
      [
        'a missing media file',
        (dir) => fs.rmSync(path.join(dir, 'media', image.sizes.thumbnail.filename)),
        /media file .*-200x200\.webp is missing from/,
      ],
      [
        'a media key that leaves the media directory',
        (dir) => {
          const file = path.join(dir, 'manifest.json')
          const parsed = JSON.parse(fs.readFileSync(file, 'utf8'))
          parsed.media.files[0].key = '../../outside.jpg'
          fs.writeFileSync(file, JSON.stringify(parsed))
        },
        /refusing a media key outside its directory: "\.\.\/\.\.\/outside\.jpg"/,
      ],
    ])('%s', async (_name, damage, message) => {
      const dir = damaged(damage)
      const target = untouchedTarget()
      await expect(
        restoreBackup({
          backupDir: dir,
          databaseUrl: target.databaseUrl,
          media: directoryStore(target.mediaDir),
        }),
      ).rejects.toThrow(message)
      await expectUntouched(target)
    })
  })

  it("restores into the test run's own server too (the embedded PostgreSQL 17 unless DATABASE_URL)", async () => {
    // A 15 dump into a newer server is the dump-and-restore upgrade path: pg_restore 15 may
    // restore into 17 (pg_restore must only be as new as the pg_dump that wrote the dump).
    const targetUrl = databaseUrlFor(
      adminDatabaseUrl(),
      `marketplace_backup_run_${randomBytes(5).toString('hex')}`,
    )
    const mediaDir = path.join(scratchDir('marketplace-backup-run-'), 'media')
    try {
      const { pgRestore } = await restoreBackup({
        backupDir,
        databaseUrl: targetUrl,
        media: directoryStore(mediaDir),
      })
      expect(pgRestore).toMatch(/pg_restore$/)
      expect(await tableDigests(targetUrl)).toEqual(sourceDigests)
    } finally {
      await dropTestDatabase(targetUrl)
    }
  }, 120_000)

  it('fails with what to install when no pg_dump matches the server, writing nothing', async () => {
    // A pg_dump of another major, chosen explicitly (PG_BIN_DIR is never second-guessed).
    const binDir = scratchDir('marketplace-backup-bin-')
    fs.writeFileSync(
      path.join(binDir, 'pg_dump'),
      '#!/bin/sh\necho "pg_dump (PostgreSQL) 14.9"\n',
      { mode: 0o755 },
    )
    const outDir = path.join(binDir, 'never-written')
    const result = await runScript(
      'backup',
      ['--out', outDir, '--database-url', sourceUrl, '--media-dir', sourceMedia],
      { PG_BIN_DIR: binDir },
    )
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      new RegExp(
        `^backup: pg_dump 15 is needed: the database runs PostgreSQL 15\\.\\d+ and pg_dump refuses a server newer than itself; found: ${binDir}/pg_dump \\(14\\.9\\)\\. Install the PostgreSQL 15 client tools .* or set PG_BIN_DIR`,
      ),
    )
    expect(fs.existsSync(outDir)).toBe(false)
  }, 120_000)

  it('answers bad arguments with the usage and exit code 2', async () => {
    const result = await runScript('restore', ['--database-url', sourceUrl])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /give one backup directory\nusage: npm run restore -- <backup dir>/,
    )
  }, 60_000)

  describe('with the media in S3 buckets', () => {
    const BUCKET = 'marketplace-media'
    const RESTORED_BUCKET = 'marketplace-restored'
    let s3: S3Server
    let client: S3Client

    const keys = async (bucket: string): Promise<string[]> => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
      return (listed.Contents ?? []).map((object) => object.Key!).sort()
    }

    beforeAll(async () => {
      s3 = await startS3Server(BUCKET, [RESTORED_BUCKET])
      client = s3.client
      // The source bucket holds what the server had stored: the same files, as the plugin names them.
      for (const key of Object.keys(sourceFiles)) {
        await client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: key,
            Body: fs.readFileSync(path.join(sourceMedia, key)),
            ContentType: key.endsWith('.webp') ? 'image/webp' : 'image/jpeg',
          }),
        )
      }
    }, 60_000)

    afterAll(async () => {
      await s3?.close()
    })

    it('backs up the bucket and restores it into another bucket under a prefix', async () => {
      const outDir = path.join(scratchDir('marketplace-backup-s3-'), 'backup')
      const backup = await createBackup({
        databaseUrl: sourceUrl,
        outDir,
        media: bucketStore({ client, bucket: BUCKET, prefix: '' }),
      })
      expect(backup.media).toMatchObject({ source: 's3', location: `s3://${BUCKET}` })
      expect(Object.fromEntries(backup.media.files.map((file) => [file.key, file.sha256]))).toEqual(
        sourceFiles,
      )
      expect(backup.media.files.find((file) => file.key === image.filename)?.contentType).toBe(
        'image/jpeg',
      )

      const targetUrl = databaseUrl('marketplace_backup_s3')
      const restored = bucketStore({ client, bucket: RESTORED_BUCKET, prefix: 'restored/' })
      await restoreBackup({ backupDir: outDir, databaseUrl: targetUrl, media: restored })
      expect(await keys(RESTORED_BUCKET)).toEqual(
        Object.keys(sourceFiles)
          .map((key) => `restored/${key}`)
          .sort(),
      )
      expect(await tableDigests(targetUrl)).toEqual(sourceDigests)

      // The bucket now holds files: a second restore into it is refused without force.
      const again = databaseUrl('marketplace_backup_s3_again')
      await expect(
        restoreBackup({ backupDir: outDir, databaseUrl: again, media: restored }),
      ).rejects.toThrow(
        `s3://${RESTORED_BUCKET}/restored is not empty (4 files): restore writes into a non-empty media store only with --force`,
      )
    }, 180_000)

    it('restores a media directory backup into a bucket, typed by extension', async () => {
      const targetUrl = databaseUrl('marketplace_backup_to_s3')
      const moved = bucketStore({ client, bucket: RESTORED_BUCKET, prefix: 'from-directory' })
      await restoreBackup({ backupDir, databaseUrl: targetUrl, media: moved })
      expect(await keys(RESTORED_BUCKET)).toEqual(
        expect.arrayContaining(Object.keys(sourceFiles).map((key) => `from-directory/${key}`)),
      )
      const types = async (key: string) =>
        (
          await client.send(
            new HeadObjectCommand({ Bucket: RESTORED_BUCKET, Key: `from-directory/${key}` }),
          )
        ).ContentType
      expect(await types(image.filename)).toBe('image/jpeg')
      expect(await types(image.sizes.card.filename)).toBe('image/webp')
    }, 120_000)
  })
})
