import { userInfo } from 'node:os'
import { loadConfig } from '../config.ts'
import { openDatabase } from '../storage/index.ts'
import { rotateMasterKey } from './rotate-key.ts'

// `npm run rotate-key`: stop the server first (or restart every process after), see docs/security.md.
try {
  const config = loadConfig(process.env)
  const database = openDatabase(config.databaseFile)
  try {
    const result = rotateMasterKey({
      database,
      dataDir: config.dataDir,
      fromEnv: config.masterKey,
      previousFromEnv: config.previousMasterKey,
      newKeyText: process.env.SWITCHBOARD_NEW_MASTER_KEY,
      // An operator's change like any other, though it came from a shell, not the API.
      actor: { kind: 'cli', id: userInfo().username, name: userInfo().username, role: 'operator' },
    })
    const { providerKeys, secrets, customers, conversations } = result.resealed
    process.stdout.write(
      `Master key rotated: key ${result.oldKeyId} → key ${result.newKeyId} (fingerprint ${result.newFingerprint}).\n` +
        `Re-sealed ${providerKeys} provider keys, ${secrets} secrets, ${customers} customer profiles and ${conversations} conversations.\n`,
    )
    if (result.source === 'file') {
      process.stdout.write(
        `The new key is in ${config.dataDir}/master-key; the old one is kept as master-key.previous until you delete it. Back up the new key file now.\n`,
      )
    } else {
      if (result.newKeyText !== undefined) {
        process.stdout.write(`New master key (shown once):\n  ${result.newKeyText}\n`)
      }
      process.stdout.write(
        'Set SWITCHBOARD_MASTER_KEY to the new key (and SWITCHBOARD_PREVIOUS_MASTER_KEY to the old one until every process restarted), then restart.\n',
      )
    }
  } finally {
    database.close()
  }
} catch (error) {
  process.stderr.write(
    `Key rotation failed, nothing was changed: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  process.exit(1)
}
