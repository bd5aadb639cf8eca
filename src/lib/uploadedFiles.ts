import { fileTypeFromBuffer, fileTypeFromFile, type FileTypeResult } from 'file-type'
import type { PayloadRequest } from 'payload'
import sharp from 'sharp'

type UploadedFile = NonNullable<PayloadRequest['file']>

/**
 * Largest image Media accepts, in pixels (every frame of an animation counted): `MAX_IMAGE_PIXELS`,
 * default 25 megapixels (a 6000×4000 camera picture fits). A few kilobytes of PNG can claim
 * 8000×8000 pixels, and decoding those costs a second of CPU and 256 MB of memory.
 */
export const maxImagePixels = (): number => Number(process.env.MAX_IMAGE_PIXELS ?? 25_000_000)

/** Where the upload's bytes are: Payload keeps small files in memory, large ones in a temp file. */
const source = (file: UploadedFile): Buffer | string => file.tempFilePath || file.data

/** The file's type read from its bytes (magic numbers), not from its name or declared type. */
export const detectFileType = async (file: UploadedFile): Promise<FileTypeResult | undefined> => {
  const input = source(file)
  return typeof input === 'string' ? fileTypeFromFile(input) : fileTypeFromBuffer(input)
}

/**
 * An image's dimensions read from its header (nothing is decoded), with `pixels` counting every
 * frame; undefined when the file is no image sharp can read.
 */
export const imageDimensions = async (
  file: UploadedFile,
): Promise<{ width: number; height: number; pixels: number } | undefined> => {
  try {
    const { width, height, pageHeight, pages } = await sharp(source(file), {
      animated: true,
    }).metadata()
    if (!width || !height) return undefined
    return { width, height, pixels: width * (pageHeight ?? height) * (pages ?? 1) }
  } catch {
    return undefined
  }
}

/**
 * Payload's `modifyResponseHeaders` for serving stored files: never sniffed, and anything not of
 * the `inline` types (a file stored before types were checked by content, say) downloads as an
 * attachment in a sandbox that runs nothing, so it can never act as a page of this site.
 */
export const safeFileHeaders =
  (inline: string[]) =>
  ({ headers }: { headers: Headers }): Headers => {
    headers.set('X-Content-Type-Options', 'nosniff')
    const type = (headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
    if (!inline.includes(type)) {
      headers.set('Content-Disposition', 'attachment')
      headers.set('Content-Security-Policy', "default-src 'none'; sandbox")
    }
    return headers
  }
