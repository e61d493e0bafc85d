import type { AnyNodeType } from '../shared/index.ts'
import ask from './ask/index.ts'
import code from './code/index.ts'
import compliance from './compliance/index.ts'
import condition from './condition/index.ts'
import csat from './csat/index.ts'
import end from './end/index.ts'
import extract from './extract/index.ts'
import goal from './goal/index.ts'
import handoff from './handoff/index.ts'
import http from './http/index.ts'
import intent from './intent/index.ts'
import language from './language/index.ts'
import llm from './llm/index.ts'
import reply from './reply/index.ts'
import retrieve from './retrieve/index.ts'
import sentiment from './sentiment/index.ts'
import setVariable from './set-variable/index.ts'
import start from './start/index.ts'

/** The node types every deployment has, in palette order. */
export const builtinNodeTypes: AnyNodeType[] = [
  start,
  reply,
  ask,
  condition,
  setVariable,
  retrieve,
  llm,
  intent,
  extract,
  sentiment,
  language,
  http,
  code,
  compliance,
  csat,
  goal,
  handoff,
  end,
]

export { fillQueueMessage } from './handoff/queue-message.ts'
export {
  type SentimentLabel,
  type SentimentScore,
  scoreSentiment,
} from './sentiment/score-sentiment.ts'
