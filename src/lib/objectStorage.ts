import type { Plugin } from 'payload'
import { s3Storage } from '@payloadcms/storage-s3'

/**
 * Where uploaded files live: the local `media/` directory by default, or an S3-compatible bucket
 * when `S3_BUCKET` is set (AWS S3, MinIO, Cloudflare R2, Ceph, ...), so that several stateless web
 * instances serve the same files. Files are still checked by content and re-encoded before they
 * are stored (the Media hooks run first), and served through Payload's `/api/media/file/<name>`
 * with the same access and safe headers (`modifyResponseHeaders`), not from a public bucket.
 *
 * - `S3_BUCKET`: the bucket (must exist).
 * - `S3_ENDPOINT`: the service's URL, for anything but AWS (`http://127.0.0.1:9000`).
 * - `S3_REGION`: default `us-east-1`.
 * - `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`: credentials; without them the SDK's default chain
 *   (instance role, `AWS_*` variables) is used.
 * - `S3_FORCE_PATH_STYLE`: `true` for services that do not route bucket subdomains (default `true`
 *   when `S3_ENDPOINT` is set).
 * - `S3_PREFIX`: a key prefix inside the bucket (default none).
 */
export const objectStorageEnabled = (): boolean => Boolean(process.env.S3_BUCKET)

const credentials = () => {
  const accessKeyId = process.env.S3_ACCESS_KEY_ID
  const secretAccessKey = process.env.S3_SECRET_ACCESS_KEY
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined
}

/** The bucket, key prefix and client settings the `S3_*` variables describe. */
export const objectStorageSettings = () => {
  const endpoint = process.env.S3_ENDPOINT || undefined
  return {
    bucket: process.env.S3_BUCKET ?? '',
    prefix: process.env.S3_PREFIX ?? '',
    config: {
      endpoint,
      region: process.env.S3_REGION || 'us-east-1',
      forcePathStyle: (process.env.S3_FORCE_PATH_STYLE ?? (endpoint ? 'true' : 'false')) === 'true',
      credentials: credentials(),
    },
  }
}

/**
 * The storage plugin for `collections`, storing in the bucket when `S3_BUCKET` is set. It runs
 * (disabled) without a bucket too, so the plugin's columns (`prefix`, `_objectKey`) exist either
 * way: the schema, and so the migrations, must not depend on where files are kept. A prefix is
 * always given (empty by default) because the plugin adds the `prefix` column only with one.
 */
export const objectStorage = (collections: string[]): Plugin => {
  const { bucket, prefix, config } = objectStorageSettings()
  return s3Storage({
    enabled: objectStorageEnabled(),
    alwaysInsertFields: true,
    bucket,
    collections: Object.fromEntries(collections.map((slug) => [slug, { prefix }])),
    config,
  })
}
