import { describe, expect, it } from 'vitest'
import { builtinNodeTypes } from './index.ts'

describe('builtinNodeTypes', () => {
  it('lists the built-in node types once each', () => {
    expect(builtinNodeTypes.map((nodeType) => nodeType.type)).toEqual([
      'start',
      'reply',
      'ask',
      'condition',
      'set-variable',
      'retrieve',
      'llm',
      'intent',
      'extract',
      'sentiment',
      'language',
      'http',
      'code',
      'compliance',
      'csat',
      'goal',
      'handoff',
      'end',
    ])
  })

  it('titles every node type in Chinese and English', () => {
    for (const nodeType of builtinNodeTypes) {
      expect(nodeType.titles['zh-CN']).not.toBe('')
      expect(nodeType.titles.en).not.toBe('')
    }
  })
})
