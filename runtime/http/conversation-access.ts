import { AppError } from '../../shared/index.ts'
import type { AgentMask, AgentMasking } from '../handoff/index.ts'
import { type Conversation, type ConversationStore, isTestConversation } from '../storage/index.ts'
import type { Principal } from './auth.ts'

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
 * Whose words a customer-side request carries: the customer's channel (an API key), a person in
 * a test chat, or a person (an admin) speaking into a live customer's conversation, which is
 * recorded in the audit log (customer turns otherwise are traffic, not audited).
 */
export type CustomerSide = 'channel' | 'test' | 'person_in_live_conversation'

/**
 * The one check for the customer's side of a conversation (post a message, leave, stream):
 * refuses (403, nothing changed) a person who may not speak for this conversation's customer.
 * Channels (API keys, already held to their flows by auth.ts) and the admin token pass without
 * a lookup, so the per-message hot path costs nothing extra; people who are admins may speak in
 * any conversation (recorded in the audit log), designers only in test chats.
 */
export async function assertMayActAsCustomer(
  principal: Principal,
  conversations: ConversationStore,
  conversationId: string,
): Promise<CustomerSide> {
  // The admin token is the server's own API credential (scripts, integrations, the README's
  // example channel), not a person: its customer turns are a channel's traffic.
  if (principal.kind === 'api_key' || principal.kind === 'admin_token') return 'channel'
  const conversation = await conversations.get(conversationId)
  if (isTestConversation(conversation)) return 'test'
  if (principal.role === 'admin') return 'person_in_live_conversation'
  throw new LiveConversationForbiddenError(conversationId, principal.role)
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
