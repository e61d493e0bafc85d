import { scoreSentiment } from '../../nodes/index.ts'
import type { InboundAnalyzer } from '../engine/index.ts'

/**
 * Scores every customer message with the local sentiment lexicon before the flow runs, so flows
 * can read the latest mood on any turn: `sys.sentiment` (-1…1), `sys.sentimentLabel`,
 * `sys.isAngry`, `sys.isUrgent`. Local scoring costs well under a millisecond, so it runs on
 * every message without a model call.
 */
export function createSentimentAnalyzer(): InboundAnalyzer {
  return (message) => {
    const { score, label, isAngry, isUrgent } = scoreSentiment(message.text)
    return { sentiment: score, sentimentLabel: label, isAngry, isUrgent }
  }
}
