/** What live streams hear about a conversation. */
export type ConversationSignal =
  | { type: 'changed' }
  | { type: 'typing'; isTyping: boolean; agentName: string }

type Listener<T> = (event: T) => void

/**
 * In-process notifications for the live streams (the customer's and the agents'). Streams also
 * poll the database now and then, so changes made by another process still arrive.
 */
export class LiveHub {
  private readonly byConversation = new Map<string, Set<Listener<ConversationSignal>>>()
  private readonly queueListeners = new Set<Listener<void>>()

  conversationChanged(conversationId: string): void {
    this.emit(conversationId, { type: 'changed' })
  }

  typing(conversationId: string, agentName: string, isTyping: boolean): void {
    this.emit(conversationId, { type: 'typing', isTyping, agentName })
  }

  queueChanged(): void {
    for (const listener of this.queueListeners) listener()
  }

  onConversation(conversationId: string, listener: Listener<ConversationSignal>): () => void {
    let listeners = this.byConversation.get(conversationId)
    if (!listeners) {
      listeners = new Set()
      this.byConversation.set(conversationId, listeners)
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0) this.byConversation.delete(conversationId)
    }
  }

  onQueue(listener: Listener<void>): () => void {
    this.queueListeners.add(listener)
    return () => this.queueListeners.delete(listener)
  }

  private emit(conversationId: string, event: ConversationSignal): void {
    const listeners = this.byConversation.get(conversationId)
    if (listeners) for (const listener of listeners) listener(event)
  }
}
