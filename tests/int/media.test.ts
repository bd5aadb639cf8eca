import type { Payload } from 'payload'

import type { User } from '@/payload-types'
import { as, createMedia, createUser, pngBytes, unique } from '../helpers/catalogFixtures'
import { closePayload, initPayload } from '../helpers/payload'

let payload: Payload
let vendor: User
let other: User
let staff: User

beforeAll(async () => {
  payload = await initPayload()
  vendor = await createUser(payload, 'vendor')
  other = await createUser(payload, 'customer')
  staff = await createUser(payload, 'staff')
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
})
