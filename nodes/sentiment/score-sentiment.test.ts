import { describe, expect, it } from 'vitest'
import { scoreSentiment } from './score-sentiment.ts'

describe('scoreSentiment', () => {
  it.each([
    ['服务很好，谢谢！', 'positive'],
    ['非常满意，推荐给朋友', 'positive'],
    ['Great service, thank you so much!', 'positive'],
    ['我想查一下订单', 'neutral'],
    ['What are your opening hours?', 'neutral'],
    ['质量太差了，非常失望', 'negative'],
    ['This is the worst support ever', 'negative'],
  ])('labels %s as %s', (text, label) => {
    expect(scoreSentiment(text).label).toBe(label)
  })

  it('flips a negated word: 不好 is negative, 不差 is not', () => {
    expect(scoreSentiment('不好').score).toBeLessThan(0)
    expect(scoreSentiment('不差').score).toBeGreaterThan(0)
  })

  it('flips a negated English word', () => {
    expect(scoreSentiment('not good at all').score).toBeLessThan(0)
    expect(scoreSentiment("it isn't bad").score).toBeGreaterThan(0)
  })

  it('does not carry a negation across a clause', () => {
    expect(scoreSentiment('不是我说，很好').score).toBeGreaterThan(0)
  })

  it('scores an intensified word stronger', () => {
    expect(scoreSentiment('非常差').score).toBeLessThan(scoreSentiment('差').score)
    expect(scoreSentiment('very bad').score).toBeLessThan(scoreSentiment('bad').score)
  })

  it('scores exclamation marks and repeated punctuation stronger', () => {
    expect(scoreSentiment('太差了！！！').score).toBeLessThan(scoreSentiment('太差了').score)
  })

  it('flags anger for complaint words', () => {
    expect(scoreSentiment('你们就是骗子，我要投诉').isAngry).toBe(true)
    expect(scoreSentiment('This is a scam, I will file a complaint').isAngry).toBe(true)
  })

  it('flags anger for strong negativity said with emphasis', () => {
    expect(scoreSentiment('TERRIBLE service, really awful!!').isAngry).toBe(true)
  })

  it('does not flag anger for a calm message', () => {
    expect(scoreSentiment('好的，谢谢').isAngry).toBe(false)
  })

  it('flags urgency, but not when negated', () => {
    expect(scoreSentiment('急！马上帮我处理').isUrgent).toBe(true)
    expect(scoreSentiment('I need this ASAP').isUrgent).toBe(true)
    expect(scoreSentiment('不急，慢慢来').isUrgent).toBe(false)
  })

  it('reads emoji', () => {
    expect(scoreSentiment('😡😡😡').label).toBe('negative')
    expect(scoreSentiment('👍').label).toBe('positive')
  })

  it('keeps the score between -1 and 1 on a huge message', () => {
    const { score } = scoreSentiment('垃圾！'.repeat(3400))

    expect(score).toBeGreaterThanOrEqual(-1)
    expect(score).toBeLessThan(-0.9)
  })

  it('scores an empty message neutral', () => {
    expect(scoreSentiment('')).toEqual({
      score: 0,
      label: 'neutral',
      isAngry: false,
      isUrgent: false,
    })
  })
})
