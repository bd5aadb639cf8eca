import { nodemailerAdapter, type NodemailerAdapterArgs } from '@payloadcms/email-nodemailer'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { EmailAdapter, SendEmailOptions } from 'payload'

import { dataDir } from '../localSecrets'

const fromAddress = () => process.env.EMAIL_FROM ?? 'no-reply@marketplace.local'
const fromName = () => process.env.EMAIL_FROM_NAME ?? 'Marketplace'

/** Where the development adapter writes each email, one JSON file per message. */
export const outboxDir = (): string => path.join(dataDir(), 'outbox')

const addresses = (value: SendEmailOptions['to']): string[] => {
  if (!value) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((entry) => (typeof entry === 'string' ? entry : entry.address))
}

/**
 * Development email: each message goes to the server log and to `<DATA_DIR>/outbox/*.json`
 * (`{ to, from, subject, html, text, sentAt }`, each file complete once it appears), where
 * developers and tests read it.
 */
export const devOutboxAdapter: EmailAdapter = ({ payload }) => ({
  name: 'dev-outbox',
  defaultFromAddress: fromAddress(),
  defaultFromName: fromName(),
  sendEmail: async (message) => {
    const sentAt = new Date().toISOString()
    const entry = {
      to: addresses(message.to),
      from: message.from,
      subject: message.subject,
      html: message.html,
      text: message.text,
      sentAt,
    }
    const dir = outboxDir()
    await fs.mkdir(dir, { recursive: true })
    const name = `${sentAt.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`
    const file = path.join(dir, `${name}.json`)
    // Written aside and renamed: a reader of the outbox never sees half a message.
    const partial = path.join(dir, `.${name}.partial`)
    await fs.writeFile(partial, JSON.stringify(entry, null, 2))
    await fs.rename(partial, file)
    payload.logger.info(
      { to: entry.to, subject: entry.subject, file },
      'email written to dev outbox',
    )
    return { file }
  },
})

/** SMTP through nodemailer when `SMTP_URL` is set; the development outbox otherwise. */
export const emailAdapter = () => {
  const smtpUrl = process.env.SMTP_URL
  if (!smtpUrl) return devOutboxAdapter
  return nodemailerAdapter({
    defaultFromAddress: fromAddress(),
    defaultFromName: fromName(),
    // nodemailer parses a connection URL given as `url` (smtp://user:pass@host:port, smtps://…).
    transportOptions: { url: smtpUrl } as NodemailerAdapterArgs['transportOptions'],
    skipVerify: process.env.SMTP_SKIP_VERIFY === 'true',
  })
}
