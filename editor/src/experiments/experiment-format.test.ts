import { describe, expect, it } from 'vitest'
import {
  formatDifference,
  formatKpiValue,
  formatPValue,
  marginFromInput,
} from './experiment-format.ts'

describe('experiment number formats', () => {
  it('shows rates as percentages and differences in points', () => {
    expect(formatKpiValue('automationResolutionRate', 0.7534)).toBe('75.3%')
    expect(formatDifference('handoffRate', -0.021)).toBe('−2.1 pt')
  })

  it('shows times in milliseconds and means with two decimals', () => {
    expect(formatKpiValue('firstResponseMs', 812.4)).toBe('812 ms')
    expect(formatDifference('turnsPerConversation', 0.5)).toBe('+0.50')
  })

  it('shows tokens per conversation as whole tokens', () => {
    expect(formatKpiValue('tokensPerConversation', 678)).toBe('678')
    expect(formatDifference('tokensPerConversation', -41.6)).toBe('−42')
  })

  it('shows a dash for values that do not exist yet', () => {
    expect(formatKpiValue('csatRate', Number.NaN)).toBe('—')
  })

  it('shows tiny p-values as a bound', () => {
    expect(formatPValue(1.2e-7)).toBe('p < 0.001')
    expect(formatPValue(0.04567)).toBe('p = 0.046')
  })

  it('reads rate margins in points and other margins as they are', () => {
    expect(marginFromInput('handoffRate', 5)).toBe(0.05)
    expect(marginFromInput('firstResponseMs', 200)).toBe(200)
  })
})
