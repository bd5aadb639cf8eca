import fs from 'node:fs'
import path from 'node:path'
import type { UploadConfig } from 'payload'

type UploadHandler = NonNullable<UploadConfig['handlers']>[number]

/**
 * An upload handler for `GET /api/<collection>/file/<name>`: a name with no file on disk answers
 * 404. Payload answers it 500 ("missing on the disk") when read access is plain `true`, since no
 * document lookup runs first. Existing files fall through to Payload's own streaming.
 */
export const answerMissingFileAsNotFound =
  (staticDir: string): UploadHandler =>
  (req, { params }) => {
    const directory = path.resolve(staticDir)
    const file = path.resolve(directory, params.filename)
    // Payload refuses names that leave the directory itself.
    if (!file.startsWith(directory + path.sep) || fs.existsSync(file)) return
    return Response.json({ errors: [{ message: req.t('general:notFound') }] }, { status: 404 })
  }
