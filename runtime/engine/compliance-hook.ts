import type { OutgoingMessage } from '../../shared/index.ts'

export interface ComplianceContext {
  conversationId: string
  flowId: string
  /** The flow's `settings.compliancePolicy`. */
  policy: string | undefined
  nodeId: string | undefined
  locale: string
}

/**
 * Every bot message passes this hook before the customer sees it (DESIGN §4.6): whole messages
 * through `checkMessage`, streamed text sentence by sentence through `checkSentence`.
 * Returning null blocks the message or sentence.
 */
export interface ComplianceHook {
  checkMessage(
    message: OutgoingMessage,
    context: ComplianceContext,
  ): Promise<OutgoingMessage | null>
  checkSentence(sentence: string, context: ComplianceContext): Promise<string | null>
}

/** Lets everything through. The policy engine that replaces it is tracked in issue #6. */
export const passThroughCompliance: ComplianceHook = {
  checkMessage: async (message) => message,
  checkSentence: async (sentence) => sentence,
}
