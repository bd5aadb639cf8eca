import fs from 'node:fs'
import path from 'node:path'

export type OutboxEmail = {
  to: string[]
  subject: string
  html: string
  text?: string
  sentAt: string
}

const outboxDir = () => path.join(process.env.DATA_DIR ?? '.data', 'outbox')

/** Every email the dev adapter wrote for `address`, oldest first. */
export const emailsTo = (address: string): OutboxEmail[] => {
  const dir = outboxDir()
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .sort()
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as OutboxEmail)
    .filter((email) => email.to.map((to) => to.toLowerCase()).includes(address.toLowerCase()))
}

/** Waits until `address` has received at least `count` emails and returns them. */
export const waitForEmails = async (address: string, count = 1): Promise<OutboxEmail[]> => {
  const deadline = Date.now() + 10_000
  for (;;) {
    const emails = emailsTo(address)
    if (emails.length >= count) return emails
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} email(s) to ${address}, found ${emails.length}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The activation token in an activation email's link. */
export const activationTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/api\/users\/activate\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no activation link in: ${email.html}`)
  return match[1]
}

/** The reset token in a forgot-password email. */
export const resetTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/admin\/reset\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no reset link in: ${email.html}`)
  return match[1]
}

/** The token in an email-change confirmation's link. */
export const emailChangeTokenIn = (email: OutboxEmail): string => {
  const match = email.html.match(/\/api\/users\/confirm-email\/([A-Za-z0-9_-]+)/)
  if (!match) throw new Error(`no email confirmation link in: ${email.html}`)
  return match[1]
}
