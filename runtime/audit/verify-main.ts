import { loadConfig } from '../config.ts'
import { readMasterKeys } from '../security/index.ts'
import { openDatabase } from '../storage/index.ts'
import { auditChainKeys } from './audit-hash.ts'
import { AuditLog } from './audit-log.ts'

// `npm run audit:verify`: exit 0 when the chain is intact, 1 when a row was edited or deleted,
// 2 when it cannot be checked (no master key, no database). Reads only: writes nothing.
try {
  const config = loadConfig(process.env)
  const database = openDatabase(config.databaseFile)
  let result: ReturnType<AuditLog['verify']>
  try {
    const { keys, currentKeyId } = readMasterKeys({
      database,
      dataDir: config.dataDir,
      fromEnv: config.masterKey,
      previousFromEnv: config.previousMasterKey,
    })
    result = new AuditLog(database, auditChainKeys(keys, currentKeyId)).verify()
  } finally {
    database.close()
  }
  if (result.isIntact) {
    const keyed =
      result.keyedFromSeq === null
        ? 'no row signed with the chain key yet'
        : `signed with the chain key from row ${result.keyedFromSeq}`
    process.stdout.write(
      `Audit log intact: ${result.rows} rows (${keyed}), head ${result.headSeq} ${result.headHash}\n` +
        'Keep the head hash somewhere else: it proves later which rows existed by now.\n',
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
