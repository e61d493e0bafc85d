import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface TargetRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

export type TargetHandler = (request: TargetRequest, res: ServerResponse) => void

/**
 * A local HTTP server on 127.0.0.1 that outbound-request tests talk to (a fake CRM). Records
 * every request; `handle` answers it.
 */
export async function startHttpTarget(handle: TargetHandler) {
  const requests: TargetRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      handle(request, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type HttpTarget = Awaited<ReturnType<typeof startHttpTarget>>

/** Answers with `json` as application/json. */
export function sendJson(res: ServerResponse, status: number, json: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(json))
}
