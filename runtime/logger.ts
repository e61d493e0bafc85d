/** Minimal structured logger: one JSON line per event on stderr, so logs stay machine-readable. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  error(message: string, error?: unknown): void
}

export function createLogger(options: { isSilent?: boolean } = {}): Logger {
  const write = (level: string, message: string, fields: Record<string, unknown>) => {
    if (options.isSilent) return
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`,
    )
  }
  return {
    info: (message, fields = {}) => write('info', message, fields),
    error: (message, error) =>
      write('error', message, {
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : error,
      }),
  }
}
