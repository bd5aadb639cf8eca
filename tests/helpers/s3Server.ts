import { S3Client } from '@aws-sdk/client-s3'
import S3rver from '@20minutes/s3rver'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../src/lib/database'

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

export type TestS3Server = {
  endpoint: string
  /** A client for the test's own calls (listings included). */
  client: S3Client
  stop: () => Promise<void>
}

/** A real S3 API server (@20minutes/s3rver 4) on a free port, with `buckets` created. */
export const startS3Server = async (buckets: string[]): Promise<TestS3Server> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'))
  const port = await freePort()
  const s3 = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [] })),
  })
  await s3.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  })
  // s3rver 4 signs a bucket listing's path without the trailing slash the SDK sends (`/bucket/`),
  // so the test's own listings go without it. Object paths (put, head, get, delete) are
  // unaffected, which is all the server's storage plugin uses.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path: string }
      request.path = request.path.replace(/^(\/[^/]+)\/$/, '$1')
      return next(args)
    },
    { step: 'build' },
  )
  return {
    endpoint,
    client,
    stop: async () => {
      await s3.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
