import type { ChatMessage } from '../../../shared/index.ts'
import { splitSentences } from '../../../shared/index.ts'
import { containsCjk, inverseDocumentFrequency, similarity, termsOf } from './text-terms.ts'

export interface ExtractedAnswer {
  text: string
  /** False when no knowledge sentence matched and `text` is the polite "not found" sentence. */
  isFound: boolean
}

interface Candidate {
  text: string
  order: number
  terms: Set<string>
  /** The FAQ question or heading above the sentence: answers rarely repeat their question's words. */
  contextTerms: Set<string>
}

const notFound = {
  zh: '抱歉，我没有在知识库中找到与您的问题相关的答案。',
  en: "Sorry, I couldn't find an answer to your question in the knowledge base.",
}

const maxSentences = 3
// Further sentences join the best one only when nearly as relevant: no padding with noise.
const companionRatio = 0.6

const markdownHeading = /^#{1,6}\s+/
const questionLabel = /^(?:Q|问|问题|Question)\s*[:：]\s*/i
const inlineAnswerLabel = /(?<=^|[\s。？?！!])(?:A|答|答案|Answer)\s*[:：]\s*/i
const answerLabel = /^(?:A|答|回答|答案|Answer)\s*[:：]\s*/i
const listMarker = /^(?:[-*•·]|\d{1,3}[.、)）]|[（(]\d{1,3}[)）]|\[\d{1,3}\])\s*/
const questionEnd = /[?？]["'”’」）)]*$/
const sentenceEnd = /[。！？!?.…；;]["'”’」』）)]*$/
// Prompt instructions sit next to the knowledge in system messages; they are not answers.
const instruction =
  /^(?:你是|你现在是|请根据|请基于|请参考|请用|请只|请仅|根据以下|以下是|you are|answer |please answer|use the following|based on the|only answer|respond )/i
// A prompt may put the knowledge in the user message and label the customer's question.
const labelledQuestion =
  /^[ \t]*(?:用户问题|客户问题|问题|question|user question|customer question)[ \t]*[:：][ \t]*(.+)$/im

function splitQuestion(messages: ChatMessage[]): { question: string; knowledge: string[] } {
  const lastUserIndex = messages.findLastIndex((message) => message.role === 'user')
  const lastUser = messages[lastUserIndex]
  // Earlier customer messages are questions, not knowledge: quoting them back answers nothing.
  const knowledge = messages
    .filter((message, index) => index < lastUserIndex && message.role !== 'user')
    .map((message) => message.content)
  if (lastUser === undefined) return { question: '', knowledge }
  const labelled = labelledQuestion.exec(lastUser.content)
  const rest = labelled ? lastUser.content.replace(labelled[0], '').trim() : ''
  if (labelled?.[1] === undefined || rest === '') return { question: lastUser.content, knowledge }
  return { question: labelled[1], knowledge: [...knowledge, rest] }
}

function cleanSentence(sentence: string): string {
  return sentence.trim().replace(answerLabel, '').replace(listMarker, '').trim()
}

function isHeading(line: string): boolean {
  return markdownHeading.test(line) || (/[:：]$/.test(line) && Array.from(line).length <= 40)
}

/**
 * Knowledge text as candidate sentences, each remembering the question or heading above it.
 * Understands plain prose, `Q:/A:` and `问：/答：` pairs, a question line followed by its answer,
 * Markdown headings and list items. A blank line ends a question's answer.
 */
function candidatesOf(blocks: string[]): Candidate[] {
  const candidates: Candidate[] = []
  // Retrieved chunks often overlap. A repeated sentence is quoted once, and must not count as
  // common in the term weights either.
  const seen = new Set<string>()
  for (const block of blocks) {
    let heading = ''
    let question = ''
    // Shared by every sentence under the same heading and question: computed once per change.
    let contextTerms: Set<string> | undefined
    const setContext = (next: { heading?: string; question: string }) => {
      heading = next.heading ?? heading
      question = next.question
      contextTerms = undefined
    }
    const addSentences = (text: string) => {
      const { sentences, rest } = splitSentences(text)
      for (const raw of [...sentences, rest]) {
        const sentence = cleanSentence(raw)
        if (!/[\p{L}]/u.test(sentence) || instruction.test(sentence)) continue
        if (questionEnd.test(sentence)) {
          setContext({ question: sentence })
          continue
        }
        if (seen.has(sentence)) continue
        seen.add(sentence)
        contextTerms ??= termsOf(`${heading} ${question}`)
        candidates.push({
          text: sentence,
          order: candidates.length,
          terms: termsOf(sentence),
          contextTerms,
        })
      }
    }
    for (const rawLine of block.split(/\r?\n/)) {
      const line = rawLine.trim()
      if (line === '') {
        setContext({ question: '' })
      } else if (questionLabel.test(line)) {
        const pair = line.replace(questionLabel, '')
        const answer = inlineAnswerLabel.exec(pair)
        setContext({ question: answer ? pair.slice(0, answer.index).trim() : pair })
        if (answer) addSentences(pair.slice(answer.index + answer[0].length))
      } else if (isHeading(line)) {
        setContext({ heading: line.replace(markdownHeading, ''), question: '' })
      } else {
        addSentences(line)
      }
    }
  }
  return candidates
}

function joinSentences(sentences: string[]): string {
  let text = ''
  let previous = ''
  for (const sentence of sentences) {
    if (previous !== '') {
      // List items and lines often lack a full stop; run together they would read as one.
      if (!sentenceEnd.test(previous)) text += containsCjk(previous) ? '。' : '.'
      // Western text takes a space between sentences; Chinese punctuation needs none.
      if (/[!-~]$/.test(text) && !containsCjk(sentence[0] ?? '')) text += ' '
    }
    text += sentence
    previous = sentence
  }
  return text
}

/**
 * The offline provider's answer (DESIGN §7): the 1–3 knowledge sentences that best match the
 * last user message, in their original order, quoted and never rephrased. Knowledge is what the
 * system and assistant messages before it say. Nothing matching gives a polite "not found"
 * sentence in the customer's language (Chinese when the question has any CJK character).
 * @example
 * extractAnswer([
 *   { role: 'system', content: '签收后7天内可以无理由退货。退货运费由买家承担。' },
 *   { role: 'user', content: '签收以后几天内能退货？' },
 * ]) // { text: '签收后7天内可以无理由退货。', isFound: true }
 */
export function extractAnswer(messages: ChatMessage[]): ExtractedAnswer {
  const { question, knowledge } = splitQuestion(messages)
  const questionTerms = termsOf(question)
  const candidates = candidatesOf(knowledge)
  const weight = inverseDocumentFrequency(candidates.map(({ terms }) => terms))
  const rarestWeight = Math.log(1 + candidates.length)
  const scored = candidates.map((candidate) => {
    const own = similarity(questionTerms, candidate.terms, weight, rarestWeight)
    const context = similarity(questionTerms, candidate.contextTerms, weight, rarestWeight)
    // A sentence under the matching FAQ question answers it even in other words; among those,
    // the sentences that match themselves come first.
    return { candidate, score: Math.max(own, context) + own / 4 }
  })
  const best = scored.reduce((max, { score }) => Math.max(max, score), 0)
  if (best === 0) {
    return { text: containsCjk(question) ? notFound.zh : notFound.en, isFound: false }
  }
  const chosen = scored
    .filter(({ score }) => score >= best * companionRatio)
    .sort((a, b) => b.score - a.score || a.candidate.order - b.candidate.order)
    .slice(0, maxSentences)
    .map(({ candidate }) => candidate)
    .sort((a, b) => a.order - b.order)
  return { text: joinSentences(chosen.map(({ text }) => text)), isFound: true }
}
