/** The first message of a Payload error answer (`{"errors":[{"message":…}]}`), or its status. */
export const apiErrorMessage = async (response: Response): Promise<string> => {
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ message?: string }>
  } | null
  return body?.errors?.[0]?.message ?? `The server answered ${response.status}.`
}
