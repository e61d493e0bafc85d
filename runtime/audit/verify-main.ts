import { loadConfig } from '../config.ts'
import { openDatabase } from '../storage/index.ts'
import { AuditLog } from './audit-log.ts'

// `npm run audit:verify`: exit 0 when the chain is intact, 1 when a row was edited or deleted.
try {
  const config = loadConfig(process.env)
  const database = openDatabase(config.databaseFile)
  const result = new AuditLog(database).verify()
  database.close()
  if (result.isIntact) {
    process.stdout.write(
      `Audit log intact: ${result.rows} rows, head ${result.headSeq} ${result.headHash}\n` +
        'Keep the head hash somewhere else: a later check proves nothing before it was rewritten.\n',
    )
  } else {
    process.stdout.write(`Audit log TAMPERED: ${result.problems.length} problem(s)\n`)
    for (const p of result.problems) process.stdout.write(`  row ${p.seq}: ${p.message}\n`)
    process.exitCode = 1
  }
} catch (error) {
  process.stderr.write(
    `Audit verification failed: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exitCode = 2
}
