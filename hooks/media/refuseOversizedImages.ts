import { ValidationError, type CollectionBeforeOperationHook } from 'payload'

import { imageDimensions, maxImagePixels } from '../../src/lib/uploadedFiles'

const megapixels = (pixels: number): string => `${Math.round(pixels / 100_000) / 10} megapixels`

/**
 * Refuses an uploaded image with more pixels than `MAX_IMAGE_PIXELS`, from its header, before
 * anything decodes it. sharp's `limitInputPixels` (the collection's `constructorOptions`) would
 * refuse it too, but only with Payload's generic "problem while uploading" message.
 */
export const refuseOversizedImages: CollectionBeforeOperationHook = async ({
  collection,
  operation,
  req,
}) => {
  if ((operation !== 'create' && operation !== 'update') || !req.file) return
  const dimensions = await imageDimensions(req.file)
  const limit = maxImagePixels()
  if (!dimensions || dimensions.pixels <= limit) return
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        path: 'file',
        message:
          `Images may have at most ${megapixels(limit)} (${limit} pixels); this one has ` +
          `${dimensions.width}×${dimensions.height} (${megapixels(dimensions.pixels)}).`,
      },
    ],
    req,
  })
}
