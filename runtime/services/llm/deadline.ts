/**
 * One abort signal for a whole model call: fires when `timeoutMs` passes or the caller's own
 * signal fires, and remembers which. The SDK's own timeout stops at the response headers and
 * restarts on every retry, so it cannot bound a call that streams or retries.
 */
export class Deadline {
  readonly #controller = new AbortController()
  readonly #timer: NodeJS.Timeout
  readonly #callerSignal: AbortSignal | undefined
  readonly #onCallerAbort = () => this.#controller.abort(this.#callerSignal?.reason)
  #hasExpired = false

  constructor(
    readonly timeoutMs: number,
    callerSignal?: AbortSignal,
  ) {
    this.#callerSignal = callerSignal
    this.#timer = setTimeout(() => {
      this.#hasExpired = true
      this.#controller.abort(new Error(`No answer within ${timeoutMs} ms`))
    }, timeoutMs)
    if (callerSignal?.aborted) this.#onCallerAbort()
    else callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true })
  }

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  /** True when the time ran out, as opposed to the caller cancelling. */
  get hasExpired(): boolean {
    return this.#hasExpired
  }

  get isCancelled(): boolean {
    return this.#callerSignal?.aborted === true
  }

  /** Call when the model call ends, however it ends: frees the timer and the listener. */
  dispose(): void {
    clearTimeout(this.#timer)
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort)
  }
}
