import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { detectFileType, imageDimensions } from '../../src/lib/uploadedFiles'

/**
 * Refuses a file that starts like an allowed image type but whose header sharp cannot read (a
 * picture cut short, a few bytes of magic number), naming the problem: Payload would fail while
 * re-encoding it and answer only "There was a problem while uploading the file."
 */
export const refuseUnreadableImages: CollectionBeforeOperationHook = async ({
  collection,
  operation,
  req,
}) => {
  const { file } = req
  if ((operation !== 'create' && operation !== 'update') || !file) return
  const detected = await detectFileType(file)
  const allowed = collection.upload?.mimeTypes ?? []
  if (!detected?.mime.startsWith('image/') || !allowed.includes(detected.mime)) return
  if (await imageDimensions(file)) return
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        path: 'file',
        message: `The file starts like a ${detected.ext.toUpperCase()} image but cannot be read as one: it is cut short or damaged.`,
      },
    ],
    req,
  })
}
