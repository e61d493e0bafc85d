import { performance } from 'node:perf_hooks'
import {
  AppError,
  type ConversationEventInput,
  createNodeContext,
  isEndResult,
  isWaitResult,
  type JsonObject,
  type JsonValue,
  type NodeResult,
  type NodeServices,
  type OutgoingMessage,
  type Resolution,
  type StepMessage,
  type TranscriptMessage,
} from '../../shared/index.ts'
import type {
  Conversation,
  ConversationState,
  ConversationStatus,
  TraceStep,
} from '../storage/index.ts'
import { type CompiledFlow, type CompiledNode, edgeKey } from './compile-flow.ts'
import { findInterrupt } from './global-interrupts.ts'
import { type TurnHandoff, turnHandoffServices } from './turn-handoff.ts'
import { analyze, countingServices, type InboundAnalyzer, type TurnUsage } from './turn-inputs.ts'

export type { InboundAnalyzer, TurnUsage }

import type { ComplianceContext, ComplianceHook } from './compliance-hook.ts'

/** What a client sees while a turn runs (the SSE stream). */
export type TurnStreamEvent =
  | { type: 'delta'; streamId: string; text: string }
  | { type: 'message'; message: TranscriptMessage }

export type TurnListener = (event: TurnStreamEvent) => void

export interface InboundEvent {
  /** `handoff`: an agent handed back, or the wait ran out; the flow goes on from `port`. */
  type: 'start' | 'message' | 'handoff'
  text: string
  payload?: string
  /** For `handoff`: the waiting node's port to follow (`returned`, `unavailable`). */
  port?: string
}

export interface ExecuteTurnInput {
  compiled: CompiledFlow
  conversation: Conversation
  event: InboundEvent
  /** Recent transcript, this turn's inbound message included. */
  history: TranscriptMessage[]
  services: NodeServices
  compliance: ComplianceHook
  newId: () => string
  onEvent?: TurnListener
  analyzers?: readonly InboundAnalyzer[]
}

export type TraceStepRow = Omit<TraceStep, 'turnId' | 'createdAt'>

export interface TurnOutcome {
  state: ConversationState
  locale: string
  status: ConversationStatus
  resolution: Resolution | null
  messages: TranscriptMessage[]
  steps: TraceStepRow[]
  usage: TurnUsage
  /** KPI events (csat, conversion) recorded by steps that succeeded, with their node. */
  events: RecordedEvent[]
  /** The turn ended waiting for an agent: the queue entry to write with it. */
  handoff?: TurnHandoff
}

export type RecordedEvent = ConversationEventInput & { nodeId: string }

interface StepError {
  code: string
  message: string
}

/**
 * Runs one turn in memory (DESIGN §4.3–4.6): from the waiting node (resumed with the message)
 * or from start, node after node along the edge of each returned port, until a node waits or
 * ends the conversation, a port has no edge, or maxStepsPerTurn is reached. Writes nothing:
 * the engine commits the outcome in one transaction.
 */
export async function executeTurn(input: ExecuteTurnInput): Promise<TurnOutcome> {
  const { compiled, conversation, event } = input
  const usage: TurnUsage = { promptTokens: 0, completionTokens: 0, llmCalls: 0 }
  const handoffs = turnHandoffServices(countingServices(input.services, usage))
  const services = handoffs.services
  const clock = services.clock
  const state: ConversationState = {
    vars: { ...conversation.state.vars },
    user: conversation.state.user,
    nodes: { ...conversation.state.nodes },
    signals: await analyze(input, conversation.state.signals),
    cursor: null,
  }
  let handoff: TurnHandoff | undefined
  const { interrupts } = compiled
  let locale = conversation.locale
  let status: ConversationStatus = conversation.status
  let resolution: Resolution | null = conversation.resolution
  const messages: TranscriptMessage[] = []
  const steps: TraceStepRow[] = []
  const events: RecordedEvent[] = []
  const complianceContext = (nodeId: string | undefined): ComplianceContext => ({
    conversationId: conversation.id,
    flowId: conversation.flowId,
    policy: compiled.flow.settings.compliancePolicy,
    nodeId,
    locale,
  })

  // Set when a compliance rule with action `handoff` blocked a message of the current step.
  let isComplianceHandoff = false
  const deliver = async (
    message: OutgoingMessage,
    nodeId: string | undefined,
    isChecked: boolean,
  ) => {
    const passed = isChecked
      ? message
      : await input.compliance.checkMessage(message, complianceContext(nodeId))
    if (!passed) return
    if (isHandoffRequested(passed)) isComplianceHandoff = true
    const stored: TranscriptMessage = {
      id: input.newId(),
      role: 'bot',
      text: passed.text,
      createdAt: new Date(clock.now()).toISOString(),
    }
    if (passed.quickReplies && passed.quickReplies.length > 0)
      stored.quickReplies = passed.quickReplies
    if (nodeId) stored.nodeId = nodeId
    if (passed.meta) stored.meta = passed.meta
    messages.push(stored)
    input.onEvent?.({ type: 'message', message: stored })
  }
  const sendFallback = () =>
    deliver({ text: compiled.flow.settings.fallbackReply }, undefined, false)

  const waiting = conversation.state.cursor
  let firstNodeId = event.type === 'message' && waiting ? waiting.nodeId : compiled.startNodeId
  let isResume = event.type === 'message' && waiting !== null
  let waitState: JsonValue | undefined = waiting?.waitState
  let fallbacksInARow: number | undefined
  if (interrupts) {
    if (state.signals.interrupt !== undefined) {
      const { interrupt: _previous, ...rest } = state.signals
      state.signals = rest
    }
    // Interrupts jump from anywhere, but not away from an agent who has the conversation.
    const fired =
      event.type === 'message' && status === 'active'
        ? findInterrupt(interrupts, event.text, state.signals)
        : undefined
    if (fired) {
      state.signals = { ...state.signals, interrupt: fired.signal }
      firstNodeId = fired.target
      isResume = false
      waitState = undefined
    }
    if (interrupts.fallbacks && event.type === 'message') {
      const previous = state.signals.fallbacksInARow
      fallbacksInARow = typeof previous === 'number' ? previous : 0
    }
  }
  if (event.type === 'handoff') {
    // The agent handed back (or the wait ran out): the waiting node takes `port`.
    status = 'active'
    const from = waiting ? compiled.nodes.get(waiting.nodeId) : undefined
    if (!waiting || !from || event.port === undefined) {
      return { state, locale, status, resolution, messages, steps, usage, events }
    }
    const target = compiled.edges.get(edgeKey(waiting.nodeId, event.port))
    steps.push({
      step: 0,
      nodeId: waiting.nodeId,
      nodeType: from.node.type,
      port: event.port,
      outcome: target ? 'port' : 'no_edge',
      durationUs: 0,
      error: null,
      notes: null,
    })
    if (!target) return { state, locale, status, resolution, messages, steps, usage, events }
    firstNodeId = target
    isResume = false
    waitState = undefined
  }

  if (!firstNodeId) {
    await sendFallback()
    return { state, locale, status, resolution, messages, steps, usage, events }
  }
  let nodeId: string = firstNodeId
  let hasJumped = false
  let isFallbackCounted = false

  const maxSteps = compiled.flow.settings.maxStepsPerTurn
  for (let stepIndex = steps.length; ; stepIndex++) {
    const compiledNode = compiled.nodes.get(nodeId)
    if (stepIndex >= maxSteps || !compiledNode) {
      const error: StepError = compiledNode
        ? {
            code: 'max_steps_exceeded',
            message: `The turn ran ${maxSteps} steps without waiting for the customer (maxStepsPerTurn)`,
          }
        : { code: 'node_missing', message: `An edge leads to node ${nodeId}, which does not exist` }
      steps.push(errorStep(stepIndex, nodeId, compiledNode?.node.type ?? 'unknown', error))
      await sendFallback()
      break
    }

    const stepNodeId = nodeId
    const startedAt = performance.now()
    const { ctx, effects } = createNodeContext({
      node: { id: nodeId, type: compiledNode.node.type },
      message:
        event.payload === undefined
          ? { text: event.text }
          : { text: event.text, payload: event.payload },
      locale,
      defaultLocale: compiled.flow.locale,
      scope: {
        input: event.text,
        vars: state.vars,
        user: state.user,
        nodes: state.nodes,
        sys: systemVariables(conversation, compiled, locale, clock.now(), state.signals),
      },
      history: input.history,
      services,
      declaredVariables: compiled.declaredVariables,
      waitState: isResume ? waitState : undefined,
      prepared: compiledNode.prepared,
      releaseSentence: async (sentence, streamId) => {
        const passed = await input.compliance.checkSentence(sentence, complianceContext(stepNodeId))
        if (passed !== null) input.onEvent?.({ type: 'delta', streamId, text: passed })
        return passed
      },
    })

    let result: NodeResult | undefined
    let error: StepError | undefined
    isComplianceHandoff = false
    try {
      result = await runNode(compiledNode, ctx, isResume)
      checkResult(compiledNode, result)
    } catch (thrown) {
      error = describeError(thrown)
    }
    const durationUs = Math.round((performance.now() - startedAt) * 1000)
    const notes: JsonValue = effects.notes.length > 0 ? effects.notes.map(noteToJson) : null
    const base = { step: stepIndex, nodeId, nodeType: compiledNode.node.type, durationUs, notes }

    const requestedHandoff = handoffs.take()
    if (error || !result) {
      // The failed step's messages and variable writes are dropped with it.
      const stepError = error ?? { code: 'node_failed', message: 'The node returned nothing' }
      steps.push({ ...base, port: 'error', outcome: 'error', error: { ...stepError } })
      const errorTarget = compiledNode.ports.has('error')
        ? compiled.edges.get(edgeKey(nodeId, 'error'))
        : undefined
      if (!errorTarget) {
        await sendFallback()
        break
      }
      nodeId = errorTarget
      isResume = false
      continue
    }

    for (const [name, value] of effects.variables) state.vars[name] = value
    if (effects.locale) locale = effects.locale
    if (result.output !== undefined) state.nodes[nodeId] = result.output
    // Like messages, a step's events count only when the step succeeded.
    for (const recorded of effects.events) events.push({ ...recorded, nodeId })
    for (const message of effects.messages)
      await deliver(toOutgoing(message), nodeId, message.isCompliant)

    // A compliance handoff, or too many fallbacks in a row, jump to the interrupt's target.
    const jumpTo = interrupts && !hasJumped ? interruptJump(result) : undefined
    if (jumpTo !== undefined && status === 'active' && jumpTo.target !== nodeId) {
      hasJumped = true
      state.signals = { ...state.signals, interrupt: jumpTo.signal }
      const port = 'port' in result ? result.port : null
      const note = { message: `interrupt ${String(jumpTo.signal.kind)}: to ${jumpTo.target}` }
      const notes = [...(Array.isArray(base.notes) ? base.notes : []), note]
      steps.push({ ...base, port, outcome: 'port', error: null, notes })
      nodeId = jumpTo.target
      isResume = false
      waitState = undefined
      continue
    }

    if (isWaitResult(result)) {
      steps.push({ ...base, port: null, outcome: 'wait', error: null })
      state.cursor =
        result.wait.state === undefined ? { nodeId } : { nodeId, waitState: result.wait.state }
      if (requestedHandoff) {
        handoff = { ...requestedHandoff, nodeId }
        status = 'waiting_agent'
      }
      break
    }
    if (isEndResult(result)) {
      steps.push({ ...base, port: null, outcome: 'end', error: null })
      status = 'closed'
      resolution = result.end.resolution
      break
    }
    const target = compiled.edges.get(edgeKey(nodeId, result.port))
    steps.push({ ...base, port: result.port, outcome: target ? 'port' : 'no_edge', error: null })
    if (!target) break
    nodeId = target
    isResume = false
    waitState = undefined
  }
  if (fallbacksInARow !== undefined && !isFallbackCounted) {
    state.signals = { ...state.signals, fallbacksInARow: 0 }
  }
  return { state, locale, status, resolution, messages, steps, usage, events, handoff }

  /** Where the step just run sends the turn instead of its port, if anywhere. */
  function interruptJump(result: NodeResult): { target: string; signal: JsonObject } | undefined {
    if (!interrupts) return undefined
    if (isComplianceHandoff && interrupts.complianceTarget) {
      return { target: interrupts.complianceTarget, signal: { kind: 'compliance' } }
    }
    const fallbacks = interrupts.fallbacks
    if (!fallbacks || fallbacksInARow === undefined || isFallbackCounted) return undefined
    if (!('port' in result) || result.port !== 'fallback') return undefined
    isFallbackCounted = true
    fallbacksInARow++
    if (fallbacksInARow < fallbacks.count) {
      state.signals = { ...state.signals, fallbacksInARow }
      return undefined
    }
    state.signals = { ...state.signals, fallbacksInARow: 0 }
    return { target: fallbacks.target, signal: { kind: 'fallbacks', count: fallbacks.count } }
  }
}

async function runNode(
  compiledNode: CompiledNode,
  ctx: Parameters<NonNullable<CompiledNode['nodeType']>['run']>[0],
  isResume: boolean,
): Promise<NodeResult> {
  const { nodeType, config, problem } = compiledNode
  if (!nodeType || problem) throw new NodeNotRunnableError(problem ?? 'Node type is not installed')
  if (isResume) {
    if (!nodeType.resume)
      throw new NodeNotRunnableError(`Node type "${nodeType.type}" cannot resume`)
    return nodeType.resume(ctx, config)
  }
  return nodeType.run(ctx, config)
}

class NodeNotRunnableError extends Error {
  override name = 'NodeNotRunnableError'
}

class NodeResultError extends Error {
  override name = 'NodeResultError'
}

function checkResult(compiledNode: CompiledNode, result: NodeResult | undefined): void {
  if (!result || typeof result !== 'object') {
    throw new NodeResultError('The node returned no result object')
  }
  if (isWaitResult(result) || isEndResult(result)) return
  if (typeof result.port !== 'string' || !compiledNode.ports.has(result.port)) {
    const ports = [...compiledNode.ports].join(', ')
    throw new NodeResultError(
      `The node returned port "${String(result.port)}", not one of: ${ports}`,
    )
  }
}

function describeError(thrown: unknown): StepError {
  if (thrown instanceof AppError) return { code: thrown.code, message: thrown.message }
  // A custom node type may bring its own copy of shared/: recognise its AppErrors by shape.
  if (
    thrown instanceof Error &&
    'code' in thrown &&
    typeof thrown.code === 'string' &&
    /^[a-z_]+$/.test(thrown.code)
  ) {
    return { code: thrown.code, message: thrown.message }
  }
  if (thrown instanceof NodeNotRunnableError)
    return { code: 'node_not_runnable', message: thrown.message }
  if (thrown instanceof NodeResultError)
    return { code: 'node_result_invalid', message: thrown.message }
  if (thrown instanceof Error)
    return { code: 'node_failed', message: `${thrown.name}: ${thrown.message}` }
  return { code: 'node_failed', message: String(thrown) }
}

function isHandoffRequested(message: OutgoingMessage): boolean {
  const compliance = message.meta?.compliance
  return (
    typeof compliance === 'object' &&
    compliance !== null &&
    !Array.isArray(compliance) &&
    compliance.isHandoffRequested === true
  )
}

function errorStep(step: number, nodeId: string, nodeType: string, error: StepError): TraceStepRow {
  return {
    step,
    nodeId,
    nodeType,
    port: null,
    outcome: 'error',
    durationUs: 0,
    error: { ...error },
    notes: null,
  }
}

function noteToJson(note: { message: string; detail?: JsonValue }): JsonObject {
  return note.detail === undefined
    ? { message: note.message }
    : { message: note.message, detail: note.detail }
}

function toOutgoing(message: StepMessage): OutgoingMessage {
  const { isCompliant: _isCompliant, ...outgoing } = message
  return outgoing
}

function systemVariables(
  conversation: Conversation,
  compiled: CompiledFlow,
  locale: string,
  nowMs: number,
  signals: Record<string, JsonValue>,
): Record<string, JsonValue> {
  return {
    ...signals,
    conversationId: conversation.id,
    flowId: conversation.flowId,
    flowVersion: compiled.version,
    channel: conversation.channel,
    customerId: conversation.customerId,
    variant: conversation.variant,
    locale,
    turn: conversation.turnCount + 1,
    time: new Date(nowMs).toISOString(),
  }
}
