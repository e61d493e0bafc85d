import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import {
  ConversationBusyError,
  ConversationClosedError,
  FlowNotPublishedError,
  IdempotencyKeyConflictError,
  type JsonObject,
  type JsonValue,
  type NodeRegistry,
  type NodeServices,
  type TranscriptMessage,
} from '../../shared/index.ts'
import type {
  Conversation,
  ConversationStatus,
  ConversationStore,
  FlowStore,
  StoredCustomerProfile,
  StoredTurn,
} from '../storage/index.ts'
import { type CompiledFlow, compileFlow } from './compile-flow.ts'
import { type ComplianceHook, passThroughCompliance } from './compliance-hook.ts'
import { ConversationLock } from './conversation-lock.ts'
import {
  executeTurn,
  type InboundAnalyzer,
  type InboundEvent,
  type TurnListener,
} from './execute-turn.ts'
import type { HandoffQueueWriter } from './turn-handoff.ts'

/** What a turn answers; stored with the turn and replayed for a repeated idempotency key. */
export interface TurnResult {
  conversationId: string
  turnId: string
  status: ConversationStatus
  messages: TranscriptMessage[]
}

export interface StartConversationRequest {
  flowId: string
  customerId?: string
  /**
   * Where the customer's stored profile lives, when not under `customerId` itself: the
   * conversations route scopes it per API key so one channel cannot read another's customers.
   */
  customerKey?: string
  channel?: string
  profile?: JsonObject
  locale?: string
  idempotencyKey?: string
}

export interface PostMessageRequest {
  text: string
  payload?: string
  idempotencyKey?: string
}

export interface EngineOptions {
  flows: FlowStore
  conversations: ConversationStore
  registry: NodeRegistry
  services: NodeServices
  compliance?: ComplianceHook
  /** How many recent messages nodes see as `ctx.history`. */
  historyLimit?: number
  /** Read every customer message before the flow runs (see InboundAnalyzer). */
  analyzers?: readonly InboundAnalyzer[]
  /** Writes the agent queue entry of a turn that handed off, in the turn's transaction. */
  handoffQueue?: HandoffQueueWriter
  /** Told after each committed turn (the customer's and agents' live streams). */
  onTurnCommitted?: (result: TurnResult) => void
  leaseMs?: number
  lockWaitMs?: number
  /**
   * Picks the variant of a running experiment for a new conversation (runtime/experiments);
   * null when the flow has none, and the conversation starts on the latest version.
   */
  assignVariant?: AssignVariant
}

/** Where an experiment sends a new conversation: its variant and that variant's version. */
export interface VariantAssignment {
  experimentId: string
  variant: string
  flowVersion: number
}

export type AssignVariant = (
  flowId: string,
  customerId: string | undefined,
) => Promise<VariantAssignment | null>

const compiledCacheSize = 256

interface TurnToRun {
  conversation: Conversation
  compiled: CompiledFlow
  event: InboundEvent
  inbound: TranscriptMessage | undefined
  idempotencyKey: string | undefined
  isNew: boolean
  leaseToken?: string
  customerProfile?: StoredCustomerProfile
  onEvent?: TurnListener
  /** Writes of the caller's that belong to this turn (e.g. ending a handoff). */
  writeAlso?: () => void
}

/** Ends an agent's stay: the flow goes on from the waiting handoff node's `port`. */
export interface ResumeAtPortRequest {
  nodeId: string
  port: string
  /** Checks the conversation under the lock before anything runs; throws to refuse. */
  check?: (conversation: Conversation) => void
  /** Runs in the turn's transaction; throwing undoes the turn. */
  writeAlso?: () => void
}

/**
 * Runs conversations: loads state, serialises turns, runs nodes, commits each turn in one
 * transaction. Holds no conversation state in memory, so several processes can share a database.
 */
export class Engine {
  private readonly compiledCache = new Map<string, CompiledFlow>()
  private readonly lock: ConversationLock
  private readonly compliance: ComplianceHook
  private readonly historyLimit: number

  constructor(private readonly options: EngineOptions) {
    this.compliance = options.compliance ?? passThroughCompliance
    this.historyLimit = options.historyLimit ?? 30
    this.lock = new ConversationLock({
      store: options.conversations,
      now: () => options.services.clock.now(),
      leaseMs: options.leaseMs,
      waitMs: options.lockWaitMs,
    })
  }

  /** Starts a conversation on the flow's latest published version and runs it to the first wait. */
  async startConversation(
    request: StartConversationRequest,
    onEvent?: TurnListener,
  ): Promise<TurnResult> {
    const repeated = await this.repeatedStart(request)
    if (repeated) return this.replay(repeated)
    const version = await this.options.flows.latestVersionOf(request.flowId)
    if (version === null) throw new FlowNotPublishedError(request.flowId)
    const assignment = await this.options.assignVariant?.(request.flowId, request.customerId)
    if (assignment) return this.startOn(request, assignment.flowVersion, onEvent, assignment)
    return this.startOn(request, version, onEvent)
  }

  /**
   * Starts a conversation on a draft snapshot (the editor's test chat). It is pinned to
   * `flowVersion = -snapshotId`, so later messages go through postMessage like any other.
   */
  async startTestConversation(
    request: StartConversationRequest,
    snapshotId: number,
    onEvent?: TurnListener,
  ): Promise<TurnResult> {
    return this.startOn(request, -snapshotId, onEvent)
  }

  private async startOn(
    request: StartConversationRequest,
    flowVersion: number,
    onEvent?: TurnListener,
    assignment?: VariantAssignment,
  ): Promise<TurnResult> {
    const { conversations } = this.options
    const compiled = await this.compiled(request.flowId, flowVersion)
    const nowIso = this.isoNow()
    const customerKey = request.customerKey ?? request.customerId
    const storedProfile = customerKey
      ? await conversations.getCustomerProfile(customerKey)
      : undefined
    const profile: JsonObject = { ...storedProfile, ...request.profile }
    const vars: Record<string, JsonValue> = {}
    for (const variable of compiled.flow.variables) vars[variable.name] = variable.default ?? null
    const conversation: Conversation = {
      id: randomUUID(),
      flowId: request.flowId,
      flowVersion: compiled.version,
      customerId: request.customerId ?? null,
      channel: request.channel ?? 'api',
      locale: request.locale ?? compiled.flow.locale,
      status: 'active',
      resolution: null,
      state: { vars, user: profile, nodes: {}, signals: {}, cursor: null },
      turnCount: 0,
      messageCount: 0,
      variant: assignment?.variant ?? null,
      experimentId: assignment?.experimentId ?? null,
      createdAt: nowIso,
      updatedAt: nowIso,
      closedAt: null,
    }
    const turn: TurnToRun = {
      conversation,
      compiled,
      event: { type: 'start', text: '' },
      inbound: undefined,
      idempotencyKey: request.idempotencyKey,
      isNew: true,
      customerProfile: customerKey && request.profile ? { customerKey, profile } : undefined,
      onEvent,
    }
    try {
      return await this.runTurn(turn)
    } catch (error) {
      // The same key raced in from another request: the first one's conversation stands.
      const repeated = await this.repeatedStart(request)
      if (repeated) return this.replay(repeated)
      throw error
    }
  }

  /**
   * The start turn an earlier request with the same idempotency key ran, if any. Keys are
   * looked up across all flows, so a key that started a conversation on another flow is refused
   * rather than replayed: replaying it would hand that flow's conversation to this caller.
   */
  private async repeatedStart(request: StartConversationRequest) {
    if (!request.idempotencyKey) return undefined
    const { conversations } = this.options
    const repeated = await conversations.findStartTurn(request.idempotencyKey)
    if (!repeated) return undefined
    const conversation = await conversations.get(repeated.conversationId)
    if (conversation.flowId !== request.flowId) {
      throw new IdempotencyKeyConflictError(request.idempotencyKey)
    }
    return repeated
  }

  /**
   * Throws what startConversation would refuse with before running anything, so a streaming
   * client still gets an HTTP status rather than an error event.
   */
  async checkCanStart(request: StartConversationRequest): Promise<void> {
    if (await this.repeatedStart(request)) return
    const version = await this.options.flows.latestVersionOf(request.flowId)
    if (version === null) throw new FlowNotPublishedError(request.flowId)
  }

  /** Throws what postMessage would refuse with before running anything (see checkCanStart). */
  async checkCanPost(conversationId: string, idempotencyKey?: string): Promise<void> {
    const { conversations } = this.options
    if (idempotencyKey && (await conversations.findTurn(conversationId, idempotencyKey))) return
    const conversation = await conversations.get(conversationId)
    if (conversation.status === 'closed') throw new ConversationClosedError(conversationId)
  }

  /** Runs one turn for a customer message; turns of one conversation never overlap. */
  async postMessage(
    conversationId: string,
    request: PostMessageRequest,
    onEvent?: TurnListener,
  ): Promise<TurnResult> {
    const { conversations } = this.options
    const key = request.idempotencyKey
    if (key) {
      const repeated = await conversations.findTurn(conversationId, key)
      if (repeated) return this.replay(repeated)
    }
    return this.lock.run(conversationId, async (leaseToken) => {
      // Checked again under the lock: the same key may have been running in parallel.
      if (key) {
        const repeated = await conversations.findTurn(conversationId, key)
        if (repeated) {
          await conversations.releaseLease(conversationId, leaseToken)
          return this.replay(repeated)
        }
      }
      const conversation = await conversations.get(conversationId)
      if (conversation.status === 'closed') throw new ConversationClosedError(conversationId)
      const compiled = await this.compiled(conversation.flowId, conversation.flowVersion)
      const inbound: TranscriptMessage = {
        id: randomUUID(),
        role: 'customer',
        text: this.compliance.maskCustomerText?.(request.text) ?? request.text,
        createdAt: this.isoNow(),
      }
      if (request.payload !== undefined) inbound.meta = { payload: request.payload }
      const event: InboundEvent =
        request.payload === undefined
          ? { type: 'message', text: request.text }
          : { type: 'message', text: request.text, payload: request.payload }
      return this.runTurn({
        conversation,
        compiled,
        event,
        inbound,
        idempotencyKey: key,
        isNew: false,
        leaseToken,
        onEvent,
      })
    })
  }

  /**
   * Runs a turn that is no customer message: an agent handed the conversation back or its
   * wait for an agent ran out. The flow goes on from the handoff node's `port`.
   */
  async resumeAtPort(conversationId: string, request: ResumeAtPortRequest): Promise<TurnResult> {
    return this.lock.run(conversationId, async (leaseToken) => {
      const conversation = await this.options.conversations.get(conversationId)
      if (conversation.status === 'closed') throw new ConversationClosedError(conversationId)
      request.check?.(conversation)
      if (conversation.state.cursor?.nodeId !== request.nodeId) {
        throw new ConversationBusyError(conversationId, 0)
      }
      const compiled = await this.compiled(conversation.flowId, conversation.flowVersion)
      return this.runTurn({
        conversation,
        compiled,
        event: { type: 'handoff', text: '', port: request.port },
        inbound: undefined,
        idempotencyKey: undefined,
        isNew: false,
        leaseToken,
        writeAlso: request.writeAlso,
      })
    })
  }

  /**
   * Runs `work` holding the conversation, as a turn would (DESIGN §4.2): for changes made
   * between turns, such as an agent's message, so they never interleave with a turn.
   */
  async runExclusive<T>(
    conversationId: string,
    work: (conversation: Conversation) => Promise<T>,
  ): Promise<T> {
    const { conversations } = this.options
    return this.lock.run(conversationId, async (leaseToken) => {
      try {
        return await work(await conversations.get(conversationId))
      } finally {
        await conversations.releaseLease(conversationId, leaseToken)
      }
    })
  }

  private async runTurn(turn: TurnToRun): Promise<TurnResult> {
    const { conversation, inbound } = turn
    const { services } = this.options
    const startedAtMs = services.clock.now()
    const history = turn.isNew
      ? []
      : await this.options.conversations.recentMessages(conversation.id, this.historyLimit)
    if (inbound) history.push(inbound)
    const outcome = await executeTurn({
      compiled: turn.compiled,
      conversation,
      event: turn.event,
      history,
      services,
      compliance: this.compliance,
      newId: randomUUID,
      onEvent: turn.onEvent,
      analyzers: this.options.analyzers,
    })
    const nowMs = services.clock.now()
    const nowIso = new Date(nowMs).toISOString()
    const written = inbound ? [inbound, ...outcome.messages] : outcome.messages
    const turnId = randomUUID()
    const result: TurnResult = {
      conversationId: conversation.id,
      turnId,
      status: outcome.status,
      messages: outcome.messages,
    }
    const isClosing = outcome.status === 'closed' && conversation.status !== 'closed'
    const { handoff } = outcome
    const queue = this.options.handoffQueue
    const writeAlso =
      handoff && queue
        ? () => {
            turn.writeAlso?.()
            queue.enqueueInTurn({ conversation, handoff, turnId, nowMs })
          }
        : turn.writeAlso
    await this.options.conversations.commitTurn({
      writeAlso,
      isNewConversation: turn.isNew,
      lockToken: turn.leaseToken,
      conversation: {
        ...conversation,
        locale: outcome.locale,
        status: outcome.status,
        resolution: outcome.resolution,
        state: outcome.state,
        turnCount: conversation.turnCount + 1,
        messageCount: conversation.messageCount + written.length,
        updatedAt: nowIso,
        closedAt: isClosing ? nowIso : conversation.closedAt,
      },
      turn: {
        id: turnId,
        conversationId: conversation.id,
        seq: conversation.turnCount + 1,
        eventType: turn.event.type,
        idempotencyKey: turn.idempotencyKey ?? null,
        // The messages are stored once, in `messages`; a replay reads them from there.
        result: { status: result.status },
        startedAt: new Date(startedAtMs).toISOString(),
        durationMs: nowMs - startedAtMs,
        ...outcome.usage,
      },
      messages: written,
      steps: outcome.steps,
      customerProfile: turn.customerProfile,
      events: outcome.events.map((recorded) => ({
        id: randomUUID(),
        conversationId: conversation.id,
        flowId: conversation.flowId,
        flowVersion: conversation.flowVersion,
        variant: conversation.variant,
        type: recorded.type,
        name: recorded.name,
        value: recorded.value ?? null,
        detail: recorded.detail ?? null,
        source: 'flow' as const,
        nodeId: recorded.nodeId,
        turnId,
        idempotencyKey: null,
        createdAt: nowIso,
      })),
    })
    this.options.onTurnCommitted?.(result)
    return result
  }

  /**
   * Published versions and snapshots never change, so a compiled one is cached for good. A
   * negative version is a draft snapshot (-id): the key keeps it apart from published versions.
   */
  private async compiled(flowId: string, version: number): Promise<CompiledFlow> {
    const key = `${flowId}@${version}`
    const cached = this.compiledCache.get(key)
    if (cached) {
      // Re-inserted so that the Map's order is least recently used first.
      this.compiledCache.delete(key)
      this.compiledCache.set(key, cached)
      return cached
    }
    const { flows } = this.options
    const { flow, prepared } =
      version > 0
        ? await flows.getVersion(flowId, version)
        : await flows.snapshots.get(flowId, -version)
    const compiled = compileFlow(flow, version, this.options.registry, prepared)
    if (this.compiledCache.size >= compiledCacheSize) {
      const oldest = this.compiledCache.keys().next().value
      if (oldest !== undefined) this.compiledCache.delete(oldest)
    }
    this.compiledCache.set(key, compiled)
    return compiled
  }

  /** The answer a turn gave, rebuilt for a repeated idempotency key: nothing runs again. */
  private async replay(turn: StoredTurn): Promise<TurnResult> {
    const { status } = storedResultSchema.parse(turn.result)
    const messages = await this.options.conversations.turnMessages(turn.conversationId, turn.id)
    return {
      conversationId: turn.conversationId,
      turnId: turn.id,
      status,
      messages: messages.filter((m) => m.role !== 'customer'),
    }
  }

  private isoNow(): string {
    return new Date(this.options.services.clock.now()).toISOString()
  }
}

const storedResultSchema = z.object({ status: z.enum(['active', 'waiting_agent', 'closed']) })
