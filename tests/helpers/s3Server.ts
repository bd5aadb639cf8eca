import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from '@20minutes/s3rver'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from '../../src/lib/database'

export type S3Server = {
  bucket: string
  endpoint: string
  /** A client of the bucket's service, as the tests inspect it. */
  client: S3Client
  /** The `S3_*` variables that point a server at the bucket. */
  env: Record<string, string>
  /** Every key in the bucket, sorted. */
  keys: () => Promise<string[]>
  /** The stored bytes of one object. */
  objectBytes: (key: string) => Promise<Buffer>
  /** Stops the service and removes its files. */
  close: () => Promise<void>
}

const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

/**
 * A real S3 API server (@20minutes/s3rver 4) on a free loopback port, with `bucket` (and any
 * `otherBuckets`) created, its objects in a temporary directory.
 */
export const startS3Server = async (
  bucket = 'marketplace-media',
  otherBuckets: string[] = [],
): Promise<S3Server> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'))
  const port = await freePort()
  const s3 = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    configureBuckets: [bucket, ...otherBuckets].map((name) => ({ name, configs: [] })),
  })
  await s3.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials })
  // s3rver 4 signs a bucket listing's path without the trailing slash the SDK sends (`/bucket/`),
  // so the tests' own listings go without it. The server's calls (put, head, get, delete) are
  // object paths and unaffected.
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path: string }
      request.path = request.path.replace(/^(\/[^/]+)\/$/, '$1')
      return next(args)
    },
    { step: 'build' },
  )
  return {
    bucket,
    endpoint,
    client,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    keys: async () => {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }))
      return (listed.Contents ?? []).map((object) => object.Key!).sort()
    },
    objectBytes: async (key) => {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return Buffer.from(await object.Body!.transformToByteArray())
    },
    close: async () => {
      client.destroy()
      await s3.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
