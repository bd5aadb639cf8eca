import path from 'node:path'
import type { CollectionBeforeOperationHook } from 'payload'

import { detectFileType } from '../../src/lib/uploadedFiles'

/**
 * Gives an uploaded file the MIME type and extension of what its bytes are, when that is one of
 * the collection's allowed types: a JPEG+HTML polyglot named `page.html` is stored as `page.jpg`,
 * an MP4 sent as `text/html` as `video/mp4`. Payload does this for images it re-encodes, but keeps
 * the client's name and type for videos. Anything else is left for Payload's type check to refuse.
 */
export const nameUploadForItsContent: CollectionBeforeOperationHook = async ({
  collection,
  operation,
  req,
}) => {
  const { file } = req
  if ((operation !== 'create' && operation !== 'update') || !file) return
  const allowed = collection.upload?.mimeTypes ?? []
  const detected = await detectFileType(file)
  if (!detected || !allowed.includes(detected.mime)) return
  file.mimetype = detected.mime
  file.name = `${path.parse(file.name).name || 'file'}.${detected.ext}`
}
