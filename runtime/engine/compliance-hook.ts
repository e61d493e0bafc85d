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
  /**
   * What of a customer's message may be stored and shown: personal data masked. Nodes still
   * get the message as sent in this turn (an extract node needs the real ID number).
   */
  maskCustomerText?(text: string): string
}

/** Lets everything through: for tests of the engine itself. */
export const passThroughCompliance: ComplianceHook = {
  checkMessage: async (message) => message,
  checkSentence: async (sentence) => sentence,
}
