import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

import { objectStorageSettings } from '../objectStorage'

/** One stored file, named by its key relative to the store's root (`/`-separated). */
export type StoredFile = { key: string; bytes: number }

export type CopiedFile = StoredFile & { sha256: string; contentType?: string }

/** Where the uploads live: a local directory or an S3-compatible bucket (with a key prefix). */
export type MediaStore = {
  kind: 'directory' | 's3'
  /** `/srv/app/media` or `s3://bucket/prefix`, for messages and the manifest. */
  location: string
  list: () => Promise<StoredFile[]>
  /** Copies a stored file to `target` and says what it held. */
  download: (key: string, target: string) => Promise<CopiedFile>
  upload: (key: string, source: string, contentType: string) => Promise<void>
  /** The SHA-256 of a stored file, read back from the store. */
  checksum: (key: string) => Promise<string>
}

/** A stream that hashes what passes through it. */
const hashing = () => {
  const hash = createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  return { stream, result: () => ({ sha256: hash.digest('hex'), bytes }) }
}

/** The SHA-256 and size of a local file. */
export const fileChecksum = async (file: string): Promise<{ sha256: string; bytes: number }> => {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), bytes }
}

/**
 * Every file under `root`, recursively, as `/`-separated keys. Dot files (`.gitkeep`) are not
 * uploads and are left out.
 */
export const listDirectory = (root: string): StoredFile[] => {
  const files: StoredFile[] = []
  const walk = (dir: string, keyPrefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const file = path.join(dir, entry.name)
      const key = `${keyPrefix}${entry.name}`
      if (entry.isDirectory()) walk(file, `${key}/`)
      else if (entry.isFile()) files.push({ key, bytes: fs.statSync(file).size })
    }
  }
  if (fs.existsSync(root)) walk(root, '')
  return files.sort((a, b) => a.key.localeCompare(b.key))
}

/**
 * The local path of `key` under `root`; throws for a key that would leave it (`../`, absolute),
 * since restore takes keys from a manifest it did not write itself.
 */
export const pathInside = (root: string, key: string): string => {
  const resolved = path.resolve(root, ...key.split('/'))
  if (!key || key.includes('\\') || !resolved.startsWith(path.resolve(root) + path.sep)) {
    throw new Error(`refusing a media key outside its directory: ${JSON.stringify(key)}`)
  }
  return resolved
}

export const directoryStore = (root: string): MediaStore => ({
  kind: 'directory',
  location: path.resolve(root),
  list: async () => listDirectory(root),
  download: async (key, target) => {
    fs.mkdirSync(path.dirname(target), { recursive: true })
    await fs.promises.copyFile(pathInside(root, key), target)
    return { key, ...(await fileChecksum(target)) }
  },
  upload: async (key, source) => {
    const target = pathInside(root, key)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    await fs.promises.copyFile(source, target)
  },
  checksum: async (key) => (await fileChecksum(pathInside(root, key))).sha256,
})

type BucketOptions = { client: S3Client; bucket: string; prefix: string }

export const bucketStore = ({ client, bucket, prefix: rawPrefix }: BucketOptions): MediaStore => {
  // The storage plugin joins prefix and file name with path.posix.join: `media/` and `media` alike.
  const prefix = rawPrefix.replace(/\/+$/, '')
  const objectKey = (key: string) => (prefix ? `${prefix}/${key}` : key)
  const get = async (key: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey(key) }))
    if (!(object.Body instanceof Readable)) throw new Error(`no body for object ${objectKey(key)}`)
    return { body: object.Body, contentType: object.ContentType }
  }
  return {
    kind: 's3',
    location: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
    list: async () => {
      const files: StoredFile[] = []
      let ContinuationToken: string | undefined
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix ? `${prefix}/` : undefined,
            ContinuationToken,
          }),
        )
        for (const object of page.Contents ?? []) {
          if (!object.Key || object.Key.endsWith('/')) continue
          files.push({
            key: object.Key.slice(prefix ? prefix.length + 1 : 0),
            bytes: object.Size ?? 0,
          })
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined
      } while (ContinuationToken)
      return files.sort((a, b) => a.key.localeCompare(b.key))
    },
    download: async (key, target) => {
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const { body, contentType } = await get(key)
      const hash = hashing()
      await pipeline(body, hash.stream, fs.createWriteStream(target))
      return { key, ...hash.result(), contentType }
    },
    upload: async (key, source, contentType) => {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: objectKey(key),
          // A buffer, not a stream: the SDK sends a stream with trailing checksums (aws-chunked),
          // which several S3-compatible services refuse. Uploads are bounded by MAX_UPLOAD_BYTES.
          Body: await fs.promises.readFile(source),
          ContentType: contentType,
        }),
      )
    },
    checksum: async (key) => {
      const { body } = await get(key)
      const hash = createHash('sha256')
      for await (const chunk of body) hash.update(chunk as Buffer)
      return hash.digest('hex')
    },
  }
}

/** The bucket the `S3_*` variables configure, as the server's storage plugin uses it. */
export const configuredBucketStore = (): MediaStore => {
  const { bucket, prefix, config } = objectStorageSettings()
  return bucketStore({ client: new S3Client(config), bucket, prefix })
}

/** Types for files restored into a bucket whose manifest recorded none (a directory backup). */
const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
}

export const contentTypeFor = (key: string): string =>
  CONTENT_TYPES[path.posix.extname(key).toLowerCase()] ?? 'application/octet-stream'
