// Sentence ends in Chinese and Western text. A Western full stop only ends a sentence when
// followed by white space, so "3.5" and "example.com" stay whole.
const sentenceEnd = /[。！？；!?;…]+["'”’」』）)]*|\.+["'”’)]*(?=\s)|\n+/g

/**
 * Splits streamed text into the sentences that are complete and the rest still arriving.
 * Compliance must see a whole sentence before the customer sees any of it.
 */
export function splitSentences(buffer: string): { sentences: string[]; rest: string } {
  const sentences: string[] = []
  let start = 0
  for (const match of buffer.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    const sentence = buffer.slice(start, end)
    if (sentence.trim() !== '') sentences.push(sentence)
    start = end
  }
  return { sentences, rest: buffer.slice(start) }
}
