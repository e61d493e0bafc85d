import { AppError } from '../../shared/index.ts'
import type { AgentMask, AgentMasking } from '../handoff/index.ts'
import type { Conversation, ConversationStore } from '../storage/index.ts'
import type { Principal } from './auth.ts'

/**
 * A test conversation is the editor's test chat: pinned to a draft snapshot as
 * `flow_version = -<snapshot id>` (schema-snapshots.ts). Only the server sets the version, so,
 * unlike the channel name (which the caller picks), it cannot be forged.
 */
export function isTestConversation(conversation: Pick<Conversation, 'flowVersion'>): boolean {
  return conversation.flowVersion < 0
}

/** A person (not a channel, not an admin) tried to speak for a real customer. */
export class LiveConversationForbiddenError extends AppError {
  constructor(conversationId: string, role: string) {
    super(
      'forbidden',
      `Conversation ${conversationId} is a live customer conversation: the ${role} role may post, leave and stream only test conversations (started from the editor's test chat)`,
      { conversationId, reason: 'live_conversation' },
    )
  }
}

/**
 * Channels (API keys, already held to their flows by auth.ts) and admins speak for any
 * customer; other people only in test conversations.
 */
function speaksForAnyCustomer(principal: Principal): boolean {
  return principal.kind === 'api_key' || principal.role === 'admin'
}

/**
 * The one check for the customer's side of a conversation (post a message, leave, stream):
 * refuses (403, nothing changed) a person who may not speak for this conversation's customer.
 * Channels and admins pass without a lookup, so the per-message hot path costs nothing extra.
 */
export async function assertMayActAsCustomer(
  principal: Principal,
  conversations: ConversationStore,
  conversationId: string,
): Promise<void> {
  if (speaksForAnyCustomer(principal)) return
  const conversation = await conversations.get(conversationId)
  if (!isTestConversation(conversation)) {
    throw new LiveConversationForbiddenError(conversationId, principal.role)
  }
}

/**
 * What the live stream masks for this caller: nothing for the channel (it delivers to the
 * customer, who must read the agent's words as written) nor in a test chat (the designer plays
 * the customer); for a person reading a live customer's stream, what the flow's compliance
 * policy masks in transcripts.
 */
export async function streamMaskFor(
  principal: Principal,
  conversation: Conversation,
  masking: AgentMasking | undefined,
): Promise<AgentMask | undefined> {
  if (!masking || principal.kind === 'api_key' || isTestConversation(conversation)) return undefined
  return masking(conversation)
}
