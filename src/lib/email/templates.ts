const publicUrl = (): string =>
  process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const layout = (title: string, body: string): string =>
  `<!doctype html><html><body style="font-family: sans-serif"><h1>${escapeHtml(title)}</h1>${body}</body></html>`

/** The link that activates an account when opened in a browser. */
export const activationUrl = (token: string): string =>
  `${publicUrl()}/api/users/activate/${encodeURIComponent(token)}`

export const activationEmail = (
  username: string,
  token: string,
  ttlSeconds: number,
): { subject: string; html: string; text: string } => {
  const url = activationUrl(token)
  const hours = Math.max(1, Math.round(ttlSeconds / 3600))
  return {
    subject: 'Activate your Marketplace account',
    html: layout(
      'Welcome to Marketplace',
      `<p>Hello ${escapeHtml(username)},</p>
<p>Open this link to activate your account: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p>Apps may instead send <code>POST /api/users/activate</code> with <code>{"token": "${escapeHtml(token)}"}</code>.</p>
<p>The link works once and expires in ${hours} hour(s).</p>`,
    ),
    text: `Hello ${username},\n\nActivate your account: ${url}\n\nThe link works once and expires in ${hours} hour(s).\n`,
  }
}

/** Payload's forgot-password email: the admin UI's reset page, plus the token for apps. */
export const resetPasswordEmail = (token: string): string => {
  const url = `${publicUrl()}/admin/reset/${encodeURIComponent(token)}`
  return layout(
    'Reset your password',
    `<p>Someone asked to reset the password of your Marketplace account. If it was you, open
<a href="${escapeHtml(url)}">${escapeHtml(url)}</a> or send <code>POST /api/users/reset-password</code>
with <code>{"token": "${escapeHtml(token)}", "password": "…"}</code>.</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`,
  )
}

/** Sent to an address's owner when someone signs up again with it (sign-up never says so). */
export const takenEmailSignUpEmail = (): { subject: string; html: string; text: string } => {
  const resetUrl = `${publicUrl()}/admin/forgot`
  const text = `Someone tried to create a Marketplace account with this email address, which already has one. If it was you, sign in, or reset your password at ${resetUrl}. If it was not you, ignore this email: your account is unchanged.`
  return {
    subject: 'Someone tried to sign up with your email address',
    html: layout('Sign-up attempt', `<p>${escapeHtml(text)}</p>`),
    text: `${text}\n`,
  }
}

/** A short HTML page for browser-facing endpoints (activation links). */
export const htmlPage = (title: string, message: string): string =>
  layout(title, `<p>${escapeHtml(message)}</p>`)
