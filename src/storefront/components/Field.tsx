'use client'

import type React from 'react'

/**
 * A labelled form field with its error: the message is tied to the input (`aria-describedby`,
 * `aria-invalid`), so a screen reader reads it with the field.
 */
export const Field = ({
  id,
  label,
  error,
  hint,
  multiline = false,
  type,
  ...input
}: {
  id: string
  label: string
  error?: string
  hint?: string
  multiline?: boolean
} & React.InputHTMLAttributes<HTMLInputElement> &
  React.TextareaHTMLAttributes<HTMLTextAreaElement>) => {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  const common = {
    id,
    name: id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described || undefined,
  }
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...input} {...common} rows={3} />
      ) : (
        <input type={type} {...input} {...common} />
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
