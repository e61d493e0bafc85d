import type { Engine } from '../engine/index.ts'
import type { Logger } from '../logger.ts'
import type { Database } from '../storage/index.ts'
import type { DeskSettingsStore } from './desk-settings-store.ts'
import type { HandoffStore } from './handoff-store.ts'
import type { LiveHub } from './live-hub.ts'
import type { PresenceStore } from './presence-store.ts'
import type { TranscriptWriter } from './transcript-writer.ts'

/** The agent identity: the signed-in principal's id and name. */
export interface AgentIdentity {
  id: string
  name: string
  /** Admins may act on conversations assigned to other agents (desk-guards.ts mayHandle). */
  isAdmin?: boolean
}

/** What the desk's actions and timers share. */
export interface DeskContext {
  database: Database
  handoffs: HandoffStore
  presence: PresenceStore
  settings: DeskSettingsStore
  transcript: TranscriptWriter
  hub: LiveHub
  now: () => number
  engine: () => Engine
  /** An online agent whose console is silent this long is set offline (and loses their chats). */
  presenceTimeoutMs: number
  /** How often a waiting customer's place is recomputed (and told when it changed). */
  positionUpdateMs: number
  log: Logger | undefined
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString()
}
