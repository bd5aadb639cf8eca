import path from 'node:path'
import { parseArgs, type ParseArgsConfig } from 'node:util'

import { ensureDatabase, type DatabaseHandle } from '../database'
import { objectStorageEnabled } from '../objectStorage'
import { configuredBucketStore, directoryStore, type MediaStore } from './mediaStore'

/** Wrong arguments: exit code 2, as most command-line tools do. */
export class UsageError extends Error {}

export const parseCommandLine = <T extends ParseArgsConfig['options']>(
  options: T,
  usage: string,
) => {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`)
  }
}

/**
 * The database to work on: `--database-url`, else `DATABASE_URL`, else the embedded one (started
 * for the command when the server is not running it), as every other script here does.
 */
export const resolveDatabase = async (explicitUrl: string | undefined): Promise<DatabaseHandle> =>
  explicitUrl
    ? { url: explicitUrl, embedded: false, stop: async () => undefined }
    : ensureDatabase()

/**
 * The media store the server uses: `--media-dir` when given, else the `S3_BUCKET` bucket, else
 * `media/` in the working directory (where collections/Media.ts keeps uploads).
 */
export const resolveMediaStore = (mediaDir: string | undefined): MediaStore => {
  if (mediaDir) return directoryStore(path.resolve(mediaDir))
  return objectStorageEnabled() ? configuredBucketStore() : directoryStore(path.resolve('media'))
}

/** Runs a command's body: prints its error and sets the exit code (1 failed, 2 bad arguments). */
export const runCommand = async (name: string, body: () => Promise<void>): Promise<never> => {
  try {
    await body()
    process.exit(0)
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(error instanceof UsageError ? 2 : 1)
  }
}
