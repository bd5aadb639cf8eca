import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { staffOrOwnerBy } from '../access/factories'
import { isAuthenticated } from '../access/isAuthenticated'
import { nobody } from '../access/nobody'
import { assignUploader } from '../hooks/media/assignUploader'
import { lockDocumentForWrite } from '../hooks/shared/lockDocumentForWrite'
import { lockUploadFilename } from '../hooks/media/lockUploadFilename'
import { nameUploadForItsContent } from '../hooks/media/nameUploadForItsContent'
import { refuseOversizedImages } from '../hooks/media/refuseOversizedImages'
import { refuseUnreadableImages } from '../hooks/media/refuseUnreadableImages'
import { ownedInPanel } from '../src/admin/vendor/panelScope'
import { answerMissingFileAsNotFound } from '../src/lib/answerMissingFileAsNotFound'
import { objectStorageEnabled } from '../src/lib/objectStorage'
import { maxImagePixels, safeFileHeaders } from '../src/lib/uploadedFiles'

const webp = { format: 'webp' as const, options: { quality: 80 } }
const mimeTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'video/mp4', 'video/webm']

const MEDIA_DIR = path.resolve(process.cwd(), 'media')

/**
 * Uploaded files under `media/` (or in an S3 bucket: src/lib/objectStorage.ts): images (JPEG, PNG, WebP, AVIF; checked by content) with WebP
 * thumbnail/card/detail sizes and required alt text, and videos (MP4, WebM) up to
 * MAX_UPLOAD_BYTES. Images over MAX_IMAGE_PIXELS are refused; stored originals are re-encoded
 * upright without metadata (EXIF, GPS, XMP); every file is stored and served as the type its bytes
 * are. Everyone reads; signed-in users upload; uploaders and admin/staff change.
 */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Media file', plural: 'Media' },
  admin: {
    group: 'Catalog',
    useAsTitle: 'filename',
    defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'uploadedBy', 'createdAt'],
    description: 'Product pictures, videos and avatars. Images need alt text.',
    // A vendor's panel (the list and the upload fields' pickers) shows their own uploads only.
    baseFilter: ownedInPanel('uploadedBy'),
    // Saving a new file shows its upload progress (Payload's own Save shows none).
    components: { edit: { SaveButton: '/src/admin/media/UploadSaveButton#UploadSaveButton' } },
  },
  access: {
    read: anyone,
    create: isAuthenticated,
    update: staffOrOwnerBy('uploadedBy'),
    delete: staffOrOwnerBy('uploadedBy'),
  },
  hooks: {
    beforeOperation: [
      refuseUnreadableImages,
      refuseOversizedImages,
      nameUploadForItsContent,
      lockUploadFilename,
      lockDocumentForWrite,
    ],
    beforeChange: [assignUploader],
  },
  upload: {
    staticDir: MEDIA_DIR,
    // The list's "Bulk upload" drawer sends files with `fetch` and shows no progress; "Create
    // New" opens the one-file form, whose Save does (UploadSaveButton).
    bulkUpload: false,
    // With a bucket (S3_BUCKET) the storage plugin serves files and answers missing ones itself.
    handlers: objectStorageEnabled() ? [] : [answerMissingFileAsNotFound(MEDIA_DIR)],
    // Checked against the file's bytes, not its name or the declared Content-Type.
    mimeTypes,
    // Any constructor option makes Payload re-encode an image's original through sharp, turned
    // upright (`rotate()`) and without its metadata, named for its real format; the limit also
    // bounds every decode Payload does.
    constructorOptions: { limitInputPixels: maxImagePixels() },
    modifyResponseHeaders: safeFileHeaders(mimeTypes),
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    imageSizes: [
      { name: 'thumbnail', width: 200, height: 200, position: 'centre', formatOptions: webp },
      { name: 'card', width: 600, height: 450, position: 'centre', formatOptions: webp },
      { name: 'detail', width: 1600, withoutEnlargement: true, formatOptions: webp },
    ],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      maxLength: 300,
      admin: { description: 'Describe the picture for screen readers (required for images).' },
      validate: (value: unknown, { data }: { data: Partial<{ mimeType: string | null }> }) => {
        const isImage = typeof data?.mimeType === 'string' && data.mimeType.startsWith('image/')
        if (isImage && (typeof value !== 'string' || value.trim() === '')) {
          return 'Alt text is required for images.'
        }
        return true
      },
    },
    {
      name: 'uploadedBy',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, position: 'sidebar' },
    },
  ],
}
