import { randomUUID } from 'node:crypto'
import { ConversationBusyError, ConversationNotFoundError } from '../../shared/index.ts'
import type { ConversationStore } from '../storage/index.ts'

export interface ConversationLockOptions {
  store: ConversationStore
  now?: () => number
  /**
   * How long a lease lasts without renewal: a process that dies mid-turn blocks the
   * conversation at most this long. A live turn renews it every third of that.
   */
  leaseMs?: number
  /** How long to wait for another process's turn before answering conversation_busy. */
  waitMs?: number
}

/**
 * Runs the turns of one conversation strictly one after another (DESIGN §4.2). Inside one
 * process a FIFO queue per conversation orders them; across processes a lease row in the
 * database does, so two servers on one database never interleave a conversation's turns.
 */
export class ConversationLock {
  private readonly tails = new Map<string, Promise<void>>()
  private readonly store: ConversationStore
  private readonly now: () => number
  private readonly leaseMs: number
  private readonly waitMs: number

  constructor(options: ConversationLockOptions) {
    this.store = options.store
    this.now = options.now ?? Date.now
    this.leaseMs = options.leaseMs ?? 15_000
    this.waitMs = options.waitMs ?? 15_000
  }

  /** Runs `work` holding the conversation; `work` must clear the lease when it commits. */
  async run<T>(conversationId: string, work: (leaseToken: string) => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve()
    let releaseQueue = () => {}
    const mine = new Promise<void>((resolve) => {
      releaseQueue = resolve
    })
    const tail = previous.then(() => mine)
    this.tails.set(conversationId, tail)
    try {
      await previous
      const token = await this.acquireLease(conversationId)
      // Long turns (a slow model) keep their lease alive; a dead process stops renewing it.
      const renewal = setInterval(
        () => {
          this.store.renewLease(conversationId, token, this.now() + this.leaseMs).catch(() => {})
        },
        Math.max(10, Math.floor(this.leaseMs / 3)),
      )
      renewal.unref()
      try {
        return await work(token)
      } catch (error) {
        await this.store.releaseLease(conversationId, token)
        throw error
      } finally {
        clearInterval(renewal)
      }
    } finally {
      releaseQueue()
      if (this.tails.get(conversationId) === tail) this.tails.delete(conversationId)
    }
  }

  private async acquireLease(conversationId: string): Promise<string> {
    const token = randomUUID()
    const startedAt = this.now()
    let pauseMs = 1
    for (;;) {
      const outcome = await this.store.tryAcquireLease(
        conversationId,
        token,
        this.now(),
        this.leaseMs,
      )
      if (outcome === 'acquired') return token
      if (outcome === 'missing') throw new ConversationNotFoundError(conversationId)
      const waitedMs = this.now() - startedAt
      if (waitedMs >= this.waitMs) throw new ConversationBusyError(conversationId, waitedMs)
      await new Promise((resolve) => setTimeout(resolve, pauseMs))
      pauseMs = Math.min(pauseMs * 2, 50)
    }
  }
}
