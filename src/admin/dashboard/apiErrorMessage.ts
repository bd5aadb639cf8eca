type ErrorAnswer = {
  errors?: Array<{ message?: string; data?: { errors?: Array<{ message?: string }> } }>
}

/**
 * The first message of a Payload error answer (`{"errors":[{"message":…}]}`), or its status. A
 * validation error says which rule failed ("Password must be at least 10 characters long."), not
 * only which field ("The following field is invalid: password").
 */
export const apiErrorMessage = async (response: Response): Promise<string> => {
  const body = (await response.json().catch(() => null)) as ErrorAnswer | null
  const [first] = body?.errors ?? []
  const details = (first?.data?.errors ?? []).flatMap((error) => error.message ?? [])
  return details.length
    ? details.join(' ')
    : (first?.message ?? `The server answered ${response.status}.`)
}
