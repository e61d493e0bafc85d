import type { Problem } from '../../../shared/index.ts'
import { findMessageKey, translate } from '../i18n.ts'

/**
 * A validation problem in the operator's language. `validateFlow` (shared/, also the API's
 * answer) writes English; the editor has its own words for the problems a newcomer meets first
 * (a node not connected yet, no start node…), whose text needs nothing but the node. Problems
 * that quote details (a field, a variable, an expression) keep the validator's text.
 */
export function problemText(problem: Problem, locale: string): string {
  const key = findMessageKey(`problem.${problem.code}`)
  if (!key) return problem.message
  return translate(locale === 'en' ? 'en' : 'zh-CN', key, { node: problem.nodeId ?? '' })
}
