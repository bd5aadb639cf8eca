import fs from 'node:fs'
import path from 'node:path'
import type { Payload } from 'payload'
import sharp from 'sharp'

import type { User } from '@/payload-types'
import {
  as,
  createMedia,
  createUser,
  jpegBytes,
  mp4Bytes,
  pixelBombPng,
  pngBytes,
  unique,
  webmBytes,
} from '../helpers/fixtures'
import { failureOf } from '../helpers/outcome'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
let vendor: User
let other: User
let staff: User

const mediaDir = path.resolve(process.cwd(), 'media')
const storedFiles = (): string[] => fs.readdirSync(mediaDir).sort()
const storedBytes = (filename: string): Buffer => fs.readFileSync(path.join(mediaDir, filename))
const htmlPage = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')

/** Uploads `data` as `name`, declared as `mimetype`, for the vendor. */
const upload = (data: Buffer, name: string, mimetype: string) =>
  payload.create({
    collection: 'media',
    data: { alt: 'A picture' },
    file: { data, mimetype, name: `${unique()}-${name}`, size: data.length },
    ...as(vendor),
  })

/** A JPEG that also reads as a web page: HTML after the image's end marker. */
const jpegHtmlPolyglot = async (): Promise<Buffer> => Buffer.concat([await jpegBytes(), htmlPage])

beforeAll(async () => {
  payload = await initPayload()
  vendor = await createUser(payload, ['vendor'])
  other = await createUser(payload, ['customer'])
  staff = await createUser(payload, ['staff'])
})

afterAll(async () => {
  await closePayload(payload)
})

describe('media', () => {
  it('records the uploader, whatever the client sends, and never changes it', async () => {
    const data = await pngBytes()
    const media = await payload.create({
      collection: 'media',
      data: { alt: 'Picture', uploadedBy: other.id },
      file: { data, mimetype: 'image/png', name: `p-${unique()}.png`, size: data.length },
      ...as(vendor),
    })
    expect(media.uploadedBy).toMatchObject({ id: vendor.id })
    await payload.update({
      collection: 'media',
      id: media.id,
      data: { uploadedBy: staff.id },
      ...as(staff),
    })
    const saved = await payload.findByID({ collection: 'media', id: media.id, depth: 0 })
    expect(saved.uploadedBy).toBe(vendor.id)
  })

  it('generates thumbnail, card and detail sizes as WebP', async () => {
    const data = await pngBytes(1800, 1200)
    const media = await payload.create({
      collection: 'media',
      data: { alt: 'Large picture' },
      file: { data, mimetype: 'image/png', name: `large-${unique()}.png`, size: data.length },
      ...as(vendor),
    })
    for (const size of ['thumbnail', 'card', 'detail'] as const) {
      expect(media.sizes?.[size]?.mimeType).toBe('image/webp')
      expect(media.sizes?.[size]?.filename).toMatch(/\.webp$/)
    }
    expect(media.sizes?.thumbnail).toMatchObject({ width: 200, height: 200 })
    expect(media.sizes?.detail).toMatchObject({ width: 1600 })
  })

  it('requires alt text for images but not for videos', async () => {
    const data = await pngBytes()
    const error = (await payload
      .create({
        collection: 'media',
        data: {},
        file: { data, mimetype: 'image/png', name: `p-${unique()}.png`, size: data.length },
        ...as(vendor),
      })
      .catch((caught: unknown) => caught)) as {
      status: number
      data: { errors: Array<{ path: string; message: string }> }
    }
    expect(error.status).toBe(400)
    expect(error.data.errors).toEqual([
      expect.objectContaining({ path: 'alt', message: 'Alt text is required for images.' }),
    ])
    const video = await createMedia(payload, vendor, 'video')
    expect(video.mimeType).toBe('video/mp4')
  })

  it('lets the uploader and staff change a file, nobody else', async () => {
    const media = await createMedia(payload, vendor)
    await expect(
      payload.update({
        collection: 'media',
        id: media.id,
        data: { alt: 'Hijacked' },
        ...as(other),
      }),
    ).rejects.toMatchObject({ status: 403 })
    await payload.update({
      collection: 'media',
      id: media.id,
      data: { alt: 'By owner' },
      ...as(vendor),
    })
    await payload.update({
      collection: 'media',
      id: media.id,
      data: { alt: 'By staff' },
      ...as(staff),
    })
    expect((await payload.findByID({ collection: 'media', id: media.id })).alt).toBe('By staff')
  })

  it('refuses an image over the pixel limit with a 400 naming the limit, and stores nothing', async () => {
    const data = pixelBombPng(8000, 8000)
    expect(data.length).toBeLessThan(10_000)
    const rowsBefore = (await payload.count({ collection: 'media' })).totalDocs
    const filesBefore = storedFiles()
    const failure = await failureOf(upload(data, 'bomb.png', 'image/png'))
    expect(failure).toMatchObject({
      status: 400,
      paths: ['file'],
      messages: [
        'Images may have at most 25 megapixels (25000000 pixels); this one has 8000×8000 ' +
          '(64 megapixels).',
      ],
    })
    expect((await payload.count({ collection: 'media' })).totalDocs).toBe(rowsBefore)
    expect(storedFiles()).toEqual(filesBefore)
  })

  it('accepts an image at the pixel limit', async () => {
    const data = pixelBombPng(5000, 5000)
    const media = await upload(data, 'edge.png', 'image/png')
    expect(media).toMatchObject({ width: 5000, height: 5000, mimeType: 'image/png' })
  })

  it('stores the original without EXIF (GPS, camera, description), turned upright', async () => {
    const data = await sharp(await jpegBytes(64, 48))
      .withExif({
        IFD0: { Make: 'Canon', Model: 'EOS R5', ImageDescription: 'Home, back garden' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1' },
      })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    expect(await sharp(data).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) })
    const media = await upload(data, 'exif.jpg', 'image/jpeg')
    const stored = await sharp(storedBytes(media.filename!)).metadata()
    // Orientation 6 is "rotate 90° clockwise": the 64×48 picture is stored as 48×64, upright.
    expect(stored).toMatchObject({ format: 'jpeg', width: 48, height: 64 })
    expect(stored.orientation).toBeUndefined()
    expect(stored.exif).toBeUndefined()
    expect(stored.xmp).toBeUndefined()
    expect(stored.iptc).toBeUndefined()
    expect(storedBytes(media.filename!).includes('Canon')).toBe(false)
    expect(media).toMatchObject({
      width: 48,
      height: 64,
      filesize: storedBytes(media.filename!).length,
    })
  })

  it.each([
    [
      'a JPEG with a web page appended',
      'page.html',
      'text/html',
      'image/jpeg',
      'jpg',
      jpegHtmlPolyglot,
    ],
    ['a PNG', 'logo.svg', 'image/svg+xml', 'image/png', 'png', () => pngBytes()],
    ['an MP4', 'clip.html', 'text/html', 'video/mp4', 'mp4', mp4Bytes],
    ['a WebM', 'clip.jpg', 'image/jpeg', 'video/webm', 'webm', webmBytes],
  ])(
    'stores %s named %s (sent as %s) as %s, with the extension %s',
    async (_label, name, declared, mimeType, extension, bytes) => {
      const media = await upload(await bytes(), name, declared)
      expect(media.mimeType).toBe(mimeType)
      expect(media.filename).toMatch(
        new RegExp(`^[0-9a-f]+-${path.parse(name).name}\\.${extension}$`),
      )
      expect(storedBytes(media.filename!).includes('<script>')).toBe(false)
    },
  )

  it.each([
    ['a 4-byte JPEG header', Buffer.from('ffd8ffe0', 'hex'), 'JPG'],
    [
      'a PNG cut off inside its header',
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      'PNG',
    ],
  ])(
    'refuses %s named fuzz.png with a 400 naming the problem, storing nothing',
    async (_label, data, type) => {
      const rowsBefore = (await payload.count({ collection: 'media' })).totalDocs
      const filesBefore = storedFiles()
      const failure = await failureOf(upload(data, 'fuzz.png', 'application/octet-stream'))
      expect(failure).toMatchObject({
        status: 400,
        paths: ['file'],
        messages: [
          `The file starts like a ${type} image but cannot be read as one: it is cut short or damaged.`,
        ],
      })
      expect((await payload.count({ collection: 'media' })).totalDocs).toBe(rowsBefore)
      expect(storedFiles()).toEqual(filesBefore)
    },
  )

  it('stores parallel uploads of one file name under distinct names, none refused', async () => {
    const data = await pngBytes()
    const name = `${unique()}-same.png`
    const uploads = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        payload.create({
          collection: 'media',
          data: { alt: 'Same name' },
          file: { data, mimetype: 'image/png', name, size: data.length },
          ...as(vendor),
        }),
      ),
    )
    const refused = uploads.flatMap((upload) =>
      upload.status === 'rejected' ? [(upload.reason as Error).message] : [],
    )
    expect(refused).toEqual([])
    const filenames = uploads.map(
      (upload) => upload.status === 'fulfilled' && upload.value.filename,
    )
    expect(new Set(filenames).size).toBe(6)
    for (const filename of filenames) expect(storedFiles()).toContain(filename)
  })

  it('refuses a web page named .jpg, storing nothing', async () => {
    const filesBefore = storedFiles()
    await expect(upload(htmlPage, 'page.jpg', 'image/jpeg')).rejects.toMatchObject({ status: 400 })
    expect(storedFiles()).toEqual(filesBefore)
  })
})
