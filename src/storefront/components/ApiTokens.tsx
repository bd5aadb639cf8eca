'use client'

import { useCallback, useEffect, useState } from 'react'

import { rest } from '../client/rest'
import { Field } from './Field'

type Token = {
  id: number
  name: string
  preview: string
  expiresAt: string | null
  lastUsedAt: string | null
  createdAt: string
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' })
const when = (value: string | null, none: string) =>
  value ? dateFormat.format(new Date(value)) : none

/**
 * Personal API tokens (`/api/users/me/api-tokens`): the list without secrets, a new token whose
 * secret is shown once, and revoking one.
 */
export const ApiTokens = () => {
  const [tokens, setTokens] = useState<Token[]>()
  const [secret, setSecret] = useState<{ name: string; token: string }>()
  const [problem, setProblem] = useState<string>()

  const load = useCallback(async () => {
    const answer = await rest<{ docs: Token[] }>('/api/users/me/api-tokens')
    if (answer.ok) setTokens(answer.body.docs)
    else setProblem(answer.message)
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  const create = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formElement = event.currentTarget
    const form = new FormData(formElement)
    const name = String(form.get('token-name') ?? '').trim()
    const expires = String(form.get('token-expires') ?? '')
    if (!name) {
      setProblem('Give the token a name, such as the script that will use it.')
      return
    }
    const answer = await rest<{ token: string; name: string }>('/api/users/me/api-tokens', {
      method: 'POST',
      body: {
        name,
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      },
    })
    if (!answer.ok) {
      setProblem(answer.message)
      return
    }
    setProblem(undefined)
    setSecret({ name: answer.body.name, token: answer.body.token })
    formElement.reset()
    await load()
  }

  const revoke = async (token: Token) => {
    if (!window.confirm(`Revoke “${token.name}”? Programs using it stop working.`)) return
    const answer = await rest(`/api/users/me/api-tokens/${token.id}`, { method: 'DELETE' })
    if (!answer.ok) setProblem(answer.message)
    await load()
  }

  return (
    <>
      {secret && (
        <div className="message message-ok" role="status">
          <p>Your new token “{secret.name}”. Copy it now: it is not shown again.</p>
          <p>
            <code className="token-secret">{secret.token}</code>
          </p>
        </div>
      )}
      <div role="alert" className="form-outcome">
        {problem && <p className="message message-error">{problem}</p>}
      </div>
      <h2>Your tokens</h2>
      {!tokens ? (
        <p role="status">Loading…</p>
      ) : tokens.length === 0 ? (
        <p className="notice">You have no API tokens.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>
                    <code>{token.preview}</code>
                  </td>
                  <td>{when(token.expiresAt, 'Never')}</td>
                  <td>{when(token.lastUsedAt, 'Not yet')}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => revoke(token)}
                    >
                      Revoke <span className="visually-hidden">{token.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>New token</h2>
      <form className="account-form" onSubmit={create} noValidate>
        <Field id="token-name" label="Name" maxLength={100} required />
        <Field
          id="token-expires"
          label="Expires on (optional)"
          type="date"
          hint="Leave empty for a token that does not expire."
        />
        <button type="submit" className="button">
          Create token
        </button>
      </form>
    </>
  )
}
