import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import {
  completionBody,
  embeddingsBody,
  errorBody,
  estimateStubTokens,
  type StubMessage,
  streamEvents,
} from './openai-stub-bodies.ts'
import {
  defaultAnswer,
  flattenHeaders,
  isRecord,
  parseBody,
  type RecordedRequest,
  type StubAnswer,
  type StubChatRequest,
  type StubReply,
  toChatRequest,
  toMessage,
} from './openai-stub-requests.ts'

export type { StubToolCall } from './openai-stub-bodies.ts'
export type {
  RecordedRequest,
  StubAnswer,
  StubChatRequest,
  StubReply,
} from './openai-stub-requests.ts'

export interface OpenAiStubOptions {
  /** 0 (the default) picks a free port. The stub always listens on 127.0.0.1. */
  port?: number
  /** When set, only `Authorization: Bearer <apiKey>` is accepted; otherwise any bearer token. */
  apiKey?: string
  /** Length of /v1/embeddings vectors unless the request asks for `dimensions`. */
  embeddingDimension?: number
  /** Code points per streamed content delta. */
  deltaSize?: number
  /** Ids listed by GET /v1/models. */
  models?: string[]
}

const maxRecordedRequests = 1_000

function sendJson(response: ServerResponse, status: number, body: string): void {
  if (response.destroyed) return
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  })
  response.end(body)
}

/**
 * A local server speaking the OpenAI HTTP protocol, driven through the real `openai` SDK by
 * tests and by `npm run bench`. Answers are scripted; the default echoes the last user message.
 * @example
 * const stub = await OpenAiStub.start()
 * stub.reply({ json: { intent: 'refund', confidence: 0.9 } })
 * const client = new OpenAI({ baseURL: stub.baseUrl, apiKey: 'test-key' })
 * // ... later
 * await stub.close()
 */
export class OpenAiStub {
  readonly #server: Server
  readonly #options: Required<Omit<OpenAiStubOptions, 'apiKey' | 'port'>> & { apiKey?: string }
  readonly #recorded: RecordedRequest[] = []
  readonly #queued: StubReply[] = []
  readonly #timers = new Set<NodeJS.Timeout>()
  #reply: StubReply | undefined
  #completionCount = 0
  #port = 0

  private constructor(options: OpenAiStubOptions) {
    this.#options = {
      apiKey: options.apiKey,
      embeddingDimension: options.embeddingDimension ?? 64,
      deltaSize: options.deltaSize ?? 4,
      models: options.models ?? ['gpt-4o-mini', 'text-embedding-3-small'],
    }
    this.#server = createServer((request, response) => this.#receive(request, response))
    // The SDK keeps connections alive; a short server timeout would cost a reconnect per call.
    this.#server.keepAliveTimeout = 60_000
  }

  static async start(options: OpenAiStubOptions = {}): Promise<OpenAiStub> {
    const stub = new OpenAiStub(options)
    await new Promise<void>((ready, fail) => {
      stub.#server.once('error', fail)
      stub.#server.listen(options.port ?? 0, '127.0.0.1', () => ready())
    })
    const address = stub.#server.address()
    if (address === null || typeof address === 'string') throw new Error('Stub has no TCP port')
    stub.#port = address.port
    return stub
  }

  /** Where to point the SDK: `new OpenAI({ baseURL: stub.baseUrl, apiKey: 'any' })`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}/v1`
  }

  /** The last 1,000 requests to any endpoint, oldest first. */
  get requests(): RecordedRequest[] {
    return [...this.#recorded]
  }

  /** Answers every following chat completion this way (until the next `reply` or `reset`). */
  reply(answer: StubReply): this {
    this.#reply = answer
    return this
  }

  /** Answers only the next chat completion this way; queued answers go before `reply`'s. */
  replyOnce(answer: StubReply): this {
    this.#queued.push(answer)
    return this
  }

  /** Back to the default echo answer, with no queued answers and no recorded requests. */
  reset(): void {
    this.#reply = undefined
    this.#queued.length = 0
    this.#recorded.length = 0
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    const closed = new Promise<void>((done) => this.#server.close(() => done()))
    // Hung answers and idle keep-alive sockets would hold close() open forever.
    this.#server.closeAllConnections()
    await closed
  }

  #receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        path: (request.url ?? '/').split('?')[0] ?? '/',
        headers: flattenHeaders(request),
        body: parseBody(Buffer.concat(chunks).toString('utf8')),
      }
      this.#recorded.push(recorded)
      if (this.#recorded.length > maxRecordedRequests) this.#recorded.shift()
      this.#route(recorded, response).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        sendJson(response, 500, errorBody(`Stub script failed: ${message}`, 'server_error'))
      })
    })
  }

  async #route(request: RecordedRequest, response: ServerResponse): Promise<void> {
    const authorization = request.headers.authorization ?? ''
    const token = /^Bearer\s+(\S+)/i.exec(authorization)?.[1]
    if (token === undefined) {
      const message =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      return sendJson(response, 401, errorBody(message, 'invalid_request_error'))
    }
    if (this.#options.apiKey !== undefined && token !== this.#options.apiKey) {
      const message = 'Incorrect API key provided.'
      return sendJson(response, 401, errorBody(message, 'invalid_request_error', 'invalid_api_key'))
    }

    const route = `${request.method} ${request.path}`
    if (route === 'POST /v1/chat/completions') return this.#chatCompletion(request, response)
    if (route === 'POST /v1/embeddings') return this.#embeddings(request, response)
    if (route === 'GET /v1/models') return this.#models(response)
    sendJson(response, 404, errorBody(`Invalid URL (${route})`, 'invalid_request_error'))
  }

  async #chatCompletion(recorded: RecordedRequest, response: ServerResponse): Promise<void> {
    if (!isRecord(recorded.body) || !Array.isArray(recorded.body.messages)) {
      const message = "We could not parse the JSON body of your request, or 'messages' is missing."
      return sendJson(response, 400, errorBody(message, 'invalid_request_error'))
    }
    const request = toChatRequest(recorded, recorded.body)
    const answer = await this.#answerFor(request)
    if ('hang' in answer) return
    if (answer.delayMs) await this.#wait(answer.delayMs)
    if ('error' in answer) {
      const { status, message, type = 'server_error', code } = answer.error
      return sendJson(response, status, errorBody(message, type, code))
    }
    const meta = {
      id: `chatcmpl-stub-${++this.#completionCount}`,
      model: request.model,
      created: Math.floor(Date.now() / 1000),
      promptTokens: request.messages.reduce((sum, m) => sum + estimateStubTokens(m.content), 0),
    }
    const message = toMessage(answer)
    if (request.isStream) return this.#stream(request, response, answer, message, meta)
    if (message === undefined) {
      return sendJson(response, 200, '{"id": "chatcmpl-garbage", "choices": [{"mess')
    }
    sendJson(response, 200, completionBody(meta, message))
  }

  async #stream(
    request: StubChatRequest,
    response: ServerResponse,
    answer: StubAnswer,
    message: StubMessage | undefined,
    meta: Parameters<typeof streamEvents>[0],
  ): Promise<void> {
    if (response.destroyed) return
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
    })
    if (message === undefined) {
      response.end('data: {"id": "chatcmpl-garbage", "choices": [{"delta": \n\n')
      return
    }
    const body = isRecord(request.body) ? request.body : {}
    const streamOptions = isRecord(body.stream_options) ? body.stream_options : {}
    const events = streamEvents(meta, message, {
      deltaSize: this.#options.deltaSize,
      includeUsage: streamOptions.include_usage === true,
    })
    const chunkDelayMs = 'chunkDelayMs' in answer ? (answer.chunkDelayMs ?? 0) : 0
    if (chunkDelayMs <= 0) {
      response.end(events.join(''))
      return
    }
    for (const event of events) {
      if (response.destroyed) return
      response.write(event)
      await this.#wait(chunkDelayMs)
    }
    response.end()
  }

  async #answerFor(request: StubChatRequest): Promise<StubAnswer> {
    const reply = this.#queued.shift() ?? this.#reply
    if (reply === undefined) return defaultAnswer(request)
    if (typeof reply === 'string') return { text: reply }
    if (typeof reply === 'function') return reply(request)
    return reply
  }

  #embeddings(request: RecordedRequest, response: ServerResponse): void {
    const body = isRecord(request.body) ? request.body : undefined
    const input = body?.input
    const items = Array.isArray(input) ? input : [input]
    // Token arrays are legal input; hashing their JSON keeps them deterministic too.
    const inputs = items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)))
    if (body === undefined || input === undefined || inputs.length === 0) {
      const message = "'input' is a required property"
      sendJson(response, 400, errorBody(message, 'invalid_request_error'))
      return
    }
    const dimensions = body.dimensions
    const isValidDimension = typeof dimensions === 'number' && Number.isInteger(dimensions)
    sendJson(
      response,
      200,
      embeddingsBody({
        inputs,
        model: typeof body.model === 'string' ? body.model : 'text-embedding-3-small',
        dimension:
          isValidDimension && dimensions > 0 ? dimensions : this.#options.embeddingDimension,
        isBase64: body.encoding_format === 'base64',
      }),
    )
  }

  #models(response: ServerResponse): void {
    const data = this.#options.models.map((id) => ({
      id,
      object: 'model',
      created: 1_700_000_000,
      owned_by: 'switchboard-stub',
    }))
    sendJson(response, 200, JSON.stringify({ object: 'list', data }))
  }

  #wait(ms: number): Promise<void> {
    return new Promise((done) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer)
        done()
      }, ms)
      this.#timers.add(timer)
    })
  }
}

function optionalNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${flag} needs a whole number`)
  return number
}

/** `tsx test/stubs/openai-stub.ts --port 0` prints `{"baseUrl": ...}` and serves until killed. */
async function runAsProcess(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string' },
      'embedding-dimension': { type: 'string' },
      'delta-size': { type: 'string' },
    },
  })
  const stub = await OpenAiStub.start({
    port: optionalNumber(values.port, 'port'),
    apiKey: values['api-key'],
    embeddingDimension: optionalNumber(values['embedding-dimension'], 'embedding-dimension'),
    deltaSize: optionalNumber(values['delta-size'], 'delta-size'),
  })
  process.stdout.write(`${JSON.stringify({ baseUrl: stub.baseUrl })}\n`)

  const stop = () => {
    void stub.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // A benchmark that dies without killing us would leave the port taken: follow our parent.
  const parentPid = process.ppid
  setInterval(() => {
    if (process.ppid !== parentPid) stop()
  }, 1_000).unref()
}

const scriptPath = process.argv[1]
if (scriptPath !== undefined && resolve(scriptPath) === fileURLToPath(import.meta.url)) {
  runAsProcess(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  })
}
