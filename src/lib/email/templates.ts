const publicUrl = (): string =>
  process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

const layout = (title: string, body: string): string =>
  `<!doctype html><html><body style="font-family: sans-serif"><h1>${escapeHtml(title)}</h1>${body}</body></html>`

/** The link that activates an account when opened in a browser. */
export const activationUrl = (token: string): string =>
  `${publicUrl()}/api/users/activate/${encodeURIComponent(token)}`

type Email = { subject: string; html: string; text: string }

/** An email carrying a single-use link (and its token, for apps that post it). */
const singleUseLinkEmail = (message: {
  subject: string
  title: string
  username: string
  /** What opening the link does, after "Open this link to". */
  action: string
  url: string
  apiPath: string
  token: string
  ttlSeconds: number
  /** A closing sentence, or nothing. */
  after?: string
}): Email => {
  const { url, token } = message
  const hours = Math.max(1, Math.round(message.ttlSeconds / 3600))
  const expiry = `The link works once and expires in ${hours} hour(s).`
  const after = message.after ? ` ${message.after}` : ''
  return {
    subject: message.subject,
    html: layout(
      message.title,
      `<p>Hello ${escapeHtml(message.username)},</p>
<p>Open this link to ${escapeHtml(message.action)}: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>
<p>Apps may instead send <code>POST ${escapeHtml(message.apiPath)}</code> with <code>{"token": "${escapeHtml(token)}"}</code>.</p>
<p>${expiry}${escapeHtml(after)}</p>`,
    ),
    text: `Hello ${message.username},\n\nOpen this link to ${message.action}: ${url}\n\n${expiry}${after}\n`,
  }
}

export const activationEmail = (username: string, token: string, ttlSeconds: number): Email =>
  singleUseLinkEmail({
    subject: 'Activate your Marketplace account',
    title: 'Welcome to Marketplace',
    username,
    action: 'activate your account',
    url: activationUrl(token),
    apiPath: '/api/users/activate',
    token,
    ttlSeconds,
  })

/** Payload's forgot-password email: the storefront's and the admin UI's reset pages, plus the token for apps. */
export const resetPasswordEmail = (token: string): string => {
  const shopUrl = `${publicUrl()}/account/reset-password/${encodeURIComponent(token)}`
  const url = `${publicUrl()}/admin/reset/${encodeURIComponent(token)}`
  return layout(
    'Reset your password',
    `<p>Someone asked to reset the password of your Marketplace account. If it was you, open
<a href="${escapeHtml(shopUrl)}">${escapeHtml(shopUrl)}</a> (in the admin console:
<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>) or send <code>POST /api/users/reset-password</code>
with <code>{"token": "${escapeHtml(token)}", "password": "…"}</code>.</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`,
  )
}

/** Sent to an address's owner when someone signs up again with it (sign-up never says so). */
export const takenEmailSignUpEmail = (): Email => {
  const resetUrl = `${publicUrl()}/admin/forgot`
  const text = `Someone tried to create a Marketplace account with this email address, which already has one. If it was you, sign in, or reset your password at ${resetUrl}. If it was not you, ignore this email: your account is unchanged.`
  return {
    subject: 'Someone tried to sign up with your email address',
    html: layout('Sign-up attempt', `<p>${escapeHtml(text)}</p>`),
    text: `${text}\n`,
  }
}

/** The link that confirms an email change when opened in a browser. */
export const emailChangeUrl = (token: string): string =>
  `${publicUrl()}/api/users/confirm-email/${encodeURIComponent(token)}`

/** Sent to the new address of an email change: the link that applies it. */
export const emailChangeEmail = (username: string, token: string, ttlSeconds: number): Email =>
  singleUseLinkEmail({
    subject: 'Confirm your new Marketplace email address',
    title: 'Confirm your new email address',
    username,
    action: 'make this address the email of your Marketplace account',
    url: emailChangeUrl(token),
    apiPath: '/api/users/confirm-email',
    token,
    ttlSeconds,
    after:
      'Until then you sign in with your current address. If you did not ask for this, ignore this email.',
  })

/** Sent to the current address of an email change, so the owner learns of a takeover attempt. */
export const emailChangeNoticeEmail = (newEmail: string): Email => {
  const resetUrl = `${publicUrl()}/admin/forgot`
  const text = `Someone signed in to your Marketplace account asked to change its email address to ${newEmail}. The change takes effect only once that address confirms it; until then this address stays the account's. If it was not you, reset your password at ${resetUrl}: that ends every session of the account.`
  return {
    subject: 'Your Marketplace email address is being changed',
    html: layout('Email address change', `<p>${escapeHtml(text)}</p>`),
    text: `${text}\n`,
  }
}

/** Sent instead of a confirmation link when the new address already has an account. */
export const emailChangeToTakenAddressEmail = (): Email => {
  const text =
    'Someone asked to move another Marketplace account to this email address, which already has an account. Nothing was changed: your account and its email address stay as they are.'
  return {
    subject: 'This email address already has a Marketplace account',
    html: layout('Email change refused', `<p>${escapeHtml(text)}</p>`),
    text: `${text}\n`,
  }
}

/** A short HTML page for browser-facing endpoints (activation links). */
export const htmlPage = (title: string, message: string): string =>
  // No inline style (emails need it): the API's policy (default-src 'none') refuses it here.
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
  `<p><a href="${escapeHtml(publicUrl())}/account/sign-in">Sign in to the shop</a></p></body></html>`
