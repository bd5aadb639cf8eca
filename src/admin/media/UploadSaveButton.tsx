'use client'

import {
  FormSubmit,
  toast,
  useConfig,
  useDocumentDrawerContext,
  useDocumentInfo,
  useEditDepth,
  useForm,
  useFormModified,
  useHotkey,
  useOperation,
} from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useRef, useState } from 'react'

import styles from './UploadSaveButton.module.css'

type Progress = { loaded: number; total: number }
type Saved = {
  doc?: { id: number | string; [field: string]: unknown }
  message?: string
  errors?: { message: string }[]
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** POSTs or PATCHes `body` to `url`, reporting how much of it has been sent. */
const send = (
  url: string,
  method: string,
  body: FormData,
  language: string,
  onProgress: (progress: Progress) => void,
): Promise<{ status: number; json: Saved }> =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept-Language', language)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total })
    }
    xhr.onload = () => {
      let json: Saved = {}
      try {
        json = JSON.parse(xhr.responseText) as Saved
      } catch {
        json = {}
      }
      resolve({ status: xhr.status, json })
    }
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check the connection and try again.'))
    xhr.send(body)
  })

/**
 * The Save button of upload collections (`admin.components.edit.SaveButton`), with upload
 * progress. Payload 3.90 sends a document form with `fetch`, which reports nothing while a large
 * video is on its way. When the form holds a newly chosen file, this button sends the same form
 * data (Payload's own `createFormData`, to the form's own action) with XMLHttpRequest and shows
 * a progress bar; then it does what Payload's save does next: in a drawer (an upload field's
 * "Create New") it hands the document to the field, otherwise it opens the saved document. Without
 * a new file it is Payload's Save.
 */
export const UploadSaveButton = () => {
  const { createFormData, getData, submit, validateForm, setModified } = useForm()
  const modified = useFormModified()
  const operation = useOperation()
  const editDepth = useEditDepth()
  const { action, collectionSlug, id, uploadStatus } = useDocumentInfo()
  const { drawerSlug, onSave } = useDocumentDrawerContext()
  const {
    config: {
      routes: { admin: adminRoute },
    },
  } = useConfig()
  const router = useRouter()
  const ref = useRef<HTMLButtonElement>(null)
  const [progress, setProgress] = useState<Progress | null>(null)
  const uploading = progress !== null
  const disabled = (operation === 'update' && !modified) || uploadStatus === 'uploading' || uploading

  useHotkey({ cmdCtrlKey: true, editDepth, keyCodes: ['s'] }, (event) => {
    event.preventDefault()
    event.stopPropagation()
    ref.current?.click()
  })

  const save = async () => {
    const file = getData().file as unknown
    if (!(file instanceof File) || !action) return void submit()
    // Payload's own submit shows which fields are wrong.
    if (!(await validateForm())) return void submit()
    setProgress({ loaded: 0, total: file.size })
    try {
      const body = await createFormData(undefined, {})
      const { status, json } = await send(
        action,
        id ? 'PATCH' : 'POST',
        body,
        document.documentElement.lang || 'en',
        setProgress,
      )
      if (status >= 400 || !json.doc) {
        const messages = json.errors?.map((error) => error.message) ?? []
        toast.error(messages.join(' ') || json.message || `The upload failed (${status}).`)
        return
      }
      setModified(false)
      toast.success(json.message ?? 'Uploaded.')
      if (drawerSlug && onSave) {
        onSave({
          ...json,
          doc: json.doc,
          result: json.doc,
          operation: id ? 'update' : 'create',
        })
        return
      }
      const url = `${adminRoute}/collections/${collectionSlug}/${json.doc.id}`
      if (id) window.location.assign(url)
      else router.push(url)
    } catch (error) {
      toast.error((error as Error).message)
    } finally {
      setProgress(null)
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0
  return (
    <div className={styles.wrap}>
      {progress && (
        <div aria-live="polite" className={styles.progress} role="status">
          <progress aria-label="Upload progress" max={100} value={percent} />
          <span>
            {percent < 100
              ? `Uploading ${megabytes(progress.loaded)} of ${megabytes(progress.total)} (${percent}%)`
              : 'Processing…'}
          </span>
        </div>
      )}
      <FormSubmit
        buttonId="action-save"
        disabled={disabled}
        onClick={() => void save()}
        ref={ref}
        size="medium"
        type="button"
      >
        Save
      </FormSubmit>
    </div>
  )
}
