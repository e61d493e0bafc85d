import { type RefObject, useLayoutEffect } from 'react'

/**
 * Keeps a chat log scrolled to its newest message whenever `latest` changes (a message added,
 * a streamed reply growing), so the operator never has to scroll to see the answer.
 */
export function useScrollToEnd(ref: RefObject<HTMLElement | null>, latest: unknown): void {
  useLayoutEffect(() => {
    const element = ref.current
    if (element && latest !== undefined) element.scrollTop = element.scrollHeight
  }, [ref, latest])
}
