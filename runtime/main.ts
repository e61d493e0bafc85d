import { loadConfig } from './config.ts'
import { startServer } from './server.ts'

const startedAt = performance.now()
try {
  const config = loadConfig(process.env)
  const server = await startServer(config)
  process.stdout.write(
    `Switchboard ready at ${server.url} in ${Math.round(performance.now() - startedAt)} ms\n`,
  )
  const stop = () => {
    server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
} catch (error) {
  process.stderr.write(
    `Switchboard could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
}
