import { Agent, request } from 'node:http'

export interface ApiResponse {
  status: number
  body: unknown
}

export interface ApiClientOptions {
  /** The server's base URL; only 127.0.0.1 is accepted, so the bench never leaves the machine. */
  baseUrl: string
  adminToken: string
  /** Keep-alive sockets to hold open: one per conversation in flight. */
  maxSockets: number
  timeoutMs?: number
}

/**
 * A small JSON client on node:http with a keep-alive agent. Lighter than fetch per request, which
 * matters on a 2-core machine where the bench and the server share the CPU.
 */
export class ApiClient {
  private readonly agent: Agent
  private readonly host: string
  private readonly port: number
  private readonly authorization: string
  private readonly timeoutMs: number

  constructor(options: ApiClientOptions) {
    const url = new URL(options.baseUrl)
    if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
      throw new Error(`the bench only talks to http://127.0.0.1, not ${options.baseUrl}`)
    }
    this.host = url.hostname
    this.port = Number(url.port)
    this.authorization = `Bearer ${options.adminToken}`
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets })
  }

  get(path: string): Promise<ApiResponse> {
    return this.send('GET', path, undefined)
  }

  post(path: string, body: unknown): Promise<ApiResponse> {
    return this.send('POST', path, JSON.stringify(body))
  }

  close(): void {
    this.agent.destroy()
  }

  private send(method: string, path: string, payload: string | undefined): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: this.authorization }
      if (payload !== undefined) {
        headers['content-type'] = 'application/json'
        headers['content-length'] = Buffer.byteLength(payload)
      }
      const req = request(
        { agent: this.agent, host: this.host, port: this.port, method, path, headers },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('error', reject)
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            try {
              resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) })
            } catch {
              resolve({ status: res.statusCode ?? 0, body: text })
            }
          })
        },
      )
      req.setTimeout(this.timeoutMs, () => {
        req.destroy(new Error(`${method} ${path} took longer than ${this.timeoutMs} ms`))
      })
      req.on('error', reject)
      req.end(payload)
    })
  }
}
