/** A small JSON client for the Switchboard API; throws with the API's error on a failure. */
export function apiClient(baseUrl: string, token: string) {
  return async function call<T>(method: string, path: string, body?: unknown, as = token) {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${as}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new ApiCallError(method, path, response.status, text)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

export type ApiCall = ReturnType<typeof apiClient>

export class ApiCallError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`)
  }
}
