// `npm run bench -- --cpu-prof` loads this into the server with NODE_OPTIONS=--import=…, as
// NODE_OPTIONS refuses --cpu-prof itself. It starts V8's sampling profiler through the inspector
// and writes the profile when the process exits. Plain JS: it loads before tsx is registered.
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'
import { isMainThread } from 'node:worker_threads'

const dir = process.env.SWITCHBOARD_BENCH_PROFILE_DIR
if (dir && isMainThread) {
  const session = new Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')
  // A session on the same thread answers synchronously, so this works inside 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) process.stderr.write(`cpu profile not written: ${error.message}\n`)
      else
        writeFileSync(join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
