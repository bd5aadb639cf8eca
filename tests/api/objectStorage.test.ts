/**
 * Media on S3-compatible storage (issue 15): the server started with S3_* settings against a real
 * S3 API server (@20minutes/s3rver) that this test runs itself.
 */
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import fs from 'node:fs'
import path from 'node:path'

import { api, uploadFile } from '../helpers/apiClient'
import { registerAdmin } from '../helpers/authClient'
import { jpegBytes, pixelBombPng, pngBytes } from '../helpers/fixtures'
import { type S3Server, startS3Server } from '../helpers/s3Server'
import { startTestServer, type TestServer } from '../helpers/testServer'

describe('media in an S3 bucket', () => {
  let s3: S3Server
  let server: TestServer
  let token: string

  const keys = () => s3.keys()

  beforeAll(async () => {
    s3 = await startS3Server()
    server = await startTestServer({ env: s3.env })
    token = await registerAdmin(server.url)
  }, 120_000)

  afterAll(async () => {
    await server?.stop()
    await s3?.close()
  })

  it('stores an upload and its WebP sizes in the bucket, and serves them with safe headers', async () => {
    const before = await keys()
    const uploaded = await uploadFile(server.url, {
      bytes: await jpegBytes(800, 600),
      filename: 'camera.jpg',
      type: 'image/jpeg',
      data: { alt: 'A camera' },
      token,
    })
    expect({ status: uploaded.status, body: uploaded.body }).toMatchObject({ status: 201 })
    const doc = (uploaded.body as { doc: Record<string, any> }).doc // eslint-disable-line @typescript-eslint/no-explicit-any -- Payload's upload document
    const added = (await keys()).filter((key) => !before.includes(key))
    const stored = [
      doc.filename,
      ...['thumbnail', 'card', 'detail'].map((size) => doc.sizes[size].filename),
    ]
    expect(added.sort()).toEqual([...stored].sort())
    expect(doc.sizes.card.mimeType).toBe('image/webp')
    // Nothing was written to the local media directory.
    expect(fs.existsSync(path.resolve('media', doc.filename))).toBe(false)

    const file = await fetch(`${server.url}/api/media/file/${doc.filename}`)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    const bytes = Buffer.from(await file.arrayBuffer())
    expect(bytes.length).toBe(doc.filesize)
    const card = await fetch(`${server.url}/api/media/file/${doc.sizes.card.filename}`)
    expect(card.headers.get('content-type')).toBe('image/webp')
  })

  it('answers a file missing from the bucket with 404', async () => {
    const response = await fetch(`${server.url}/api/media/file/nothing-here.webp`)
    expect(response.status).toBe(404)
  })

  it('leaves no object behind when an upload is refused for its content', async () => {
    const before = await keys()
    const disguised = await uploadFile(server.url, {
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      filename: 'picture.png',
      type: 'image/png',
      data: { alt: 'Not a picture' },
      token,
    })
    expect(disguised.status).toBe(400)
    const bomb = await uploadFile(server.url, {
      bytes: pixelBombPng(8000, 8000),
      filename: 'bomb.png',
      type: 'image/png',
      data: { alt: 'Huge' },
      token,
    })
    expect(bomb.status).toBe(400)
    const noAlt = await uploadFile(server.url, {
      bytes: await pngBytes(),
      filename: 'no-alt.png',
      type: 'image/png',
      token,
    })
    expect(noAlt.status).toBe(400)
    expect(await keys()).toEqual(before)
  })

  it('deletes every stored size from the bucket with the document', async () => {
    const uploaded = await uploadFile(server.url, {
      bytes: await pngBytes(640, 480),
      filename: 'doomed.png',
      type: 'image/png',
      data: { alt: 'Doomed' },
      token,
    })
    expect({ status: uploaded.status, body: uploaded.body }).toMatchObject({ status: 201 })
    const doc = (uploaded.body as { doc: { id: number; filename: string } }).doc
    expect(await keys()).toContain(doc.filename)
    const deleted = await api(server.url, `/api/media/${doc.id}`, { method: 'DELETE', token })
    expect(deleted.status).toBe(200)
    expect(
      (await keys()).filter((key) => key.startsWith(doc.filename.replace(/\.\w+$/, ''))),
    ).toEqual([])
    expect((await fetch(`${server.url}/api/media/file/${doc.filename}`)).status).toBe(404)
  })

  it('keeps serving the stored document when its object was removed out of band (404, not 500)', async () => {
    const uploaded = await uploadFile(server.url, {
      bytes: await pngBytes(),
      filename: 'vanishing.png',
      type: 'image/png',
      data: { alt: 'Vanishing' },
      token,
    })
    const doc = (uploaded.body as { doc: { id: number; filename: string } }).doc
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: doc.filename }))
    expect((await fetch(`${server.url}/api/media/file/${doc.filename}`)).status).toBe(404)
    expect((await api(server.url, `/api/media/${doc.id}`)).status).toBe(200)
  })

  it("ignores an object location sent by the client, so nobody writes over another document's files", async () => {
    const victim = await uploadFile(server.url, {
      bytes: await pngBytes(),
      filename: 'victim.png',
      type: 'image/png',
      data: { alt: 'Victim' },
      token,
    })
    const victimDoc = (victim.body as { doc: { filename: string; filesize: number } }).doc
    const attacker = await uploadFile(server.url, {
      bytes: await pngBytes(300, 200),
      filename: 'attack.png',
      type: 'image/png',
      data: { alt: 'Attack', prefix: '..', _objectKey: victimDoc.filename },
      token,
    })
    expect(attacker.status).toBe(201)
    const attackDoc = (attacker.body as { doc: Record<string, unknown> }).doc
    expect(attackDoc.prefix ?? '').toBe('')
    expect(attackDoc._objectKey ?? null).toBeNull()
    const served = await fetch(`${server.url}/api/media/file/${victimDoc.filename}`)
    expect(Buffer.from(await served.arrayBuffer()).length).toBe(victimDoc.filesize)
    expect(await keys()).toContain(attackDoc.filename)
  })
})
