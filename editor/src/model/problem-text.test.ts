import { describe, expect, it } from 'vitest'
import type { Problem } from '../../../shared/index.ts'
import { problemText } from './problem-text.ts'

const problem = (code: string, message: string, nodeId?: string): Problem => ({
  severity: 'warning',
  code,
  message,
  path: [],
  ...(nodeId ? { nodeId } : {}),
})

describe('problem text', () => {
  it('tells a Chinese operator in Chinese that a new node is not connected yet', () => {
    const unreachable = problem(
      'unreachable_node',
      'Node reply-1 (Reply) can never be reached…',
      'reply-1',
    )

    expect(problemText(unreachable, 'zh-CN')).toBe(
      '节点 reply-1 从开始节点无法到达，永远不会运行。请连一条线到它，或删除它。',
    )
  })

  it('keeps the validator’s text for a problem that quotes details', () => {
    const invalid = problem('config_invalid', 'Node ask-1 (Ask) → question: Too small', 'ask-1')

    expect(problemText(invalid, 'zh-CN')).toBe('Node ask-1 (Ask) → question: Too small')
  })
})
