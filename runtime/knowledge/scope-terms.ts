// Knowledge-base ids and document tags are indexed as terms of the FTS5 `scope` column, so
// that search filters by them inside the index instead of after it. The prefixes keep them
// apart from any word a document could contain.

export function knowledgeBaseTerm(knowledgeBaseId: string): string {
  return `kbx${hexOf(knowledgeBaseId)}`
}

export function tagTerm(tag: string): string {
  return `tgx${hexOf(normalizeTag(tag))}`
}

export function normalizeTag(tag: string): string {
  return tag.normalize('NFKC').trim().toLowerCase()
}

function hexOf(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex')
}

/**
 * An FTS5 query: the scope filters AND any of the terms (all of them when `isConjunctive`) in
 * the title or body. Terms are quoted: they hold only letters and digits, and quoting keeps a
 * word such as "and" or "near" from being read as an operator.
 */
export function matchExpression(options: {
  terms: readonly string[]
  knowledgeBaseIds: readonly string[]
  tags: readonly string[]
  isConjunctive?: boolean
}): string {
  const join = (words: readonly string[], operator: string) =>
    `(${words.map((w) => `"${w}"`).join(` ${operator} `)})`
  const parts = [`scope : ${join(options.knowledgeBaseIds.map(knowledgeBaseTerm), 'OR')}`]
  if (options.tags.length > 0) parts.push(`scope : ${join(options.tags.map(tagTerm), 'OR')}`)
  const terms = [...new Set(options.terms)]
  parts.push(`{title body} : ${join(terms, options.isConjunctive ? 'AND' : 'OR')}`)
  return parts.join(' AND ')
}

/**
 * Which query terms look for candidates (every term still counts in the score), after the
 * "common terms" technique of Lucene/Elasticsearch: a frequent word adds little to the ranking
 * but makes the index visit, and FTS5's bm25() score, most of the knowledge base.
 * - Terms in at most max(500, 1 % of the chunks) chunks are rare: candidates have any of the
 *   `maxRareTerms` rarest of them.
 * - A query with no rare term asks for chunks having its `maxCommonTerms` rarest terms, leaving
 *   out those in more than half of the chunks (they tell almost nothing apart: IDF near 0); the
 *   caller bounds how many of those matches are ranked.
 */
export function candidateTerms(
  terms: ReadonlySet<string>,
  documentFrequencies: ReadonlyMap<string, number>,
  chunkCount: number,
): { terms: string[]; isConjunctive: boolean } {
  const frequency = (term: string) => documentFrequencies.get(term) ?? 0
  const cutoff = Math.max(500, 0.01 * chunkCount)
  // A term in no chunk can match nothing; leaving it out keeps it from forcing an empty AND.
  const present = [...terms].filter((term) => frequency(term) > 0)
  present.sort((a, b) => frequency(a) - frequency(b))
  const rare = present.filter((term) => frequency(term) <= cutoff)
  if (rare.length > 0) return { terms: rare.slice(0, maxRareTerms), isConjunctive: false }
  // The rarest few suffice to narrow the candidates: each further common term makes FTS5 read
  // another long posting list for little narrowing.
  const informative = present.filter((term) => frequency(term) <= chunkCount / 2)
  const conjunction = informative.length > 0 ? informative : present
  return { terms: conjunction.slice(0, maxCommonTerms), isConjunctive: true }
}

const maxRareTerms = 8
const maxCommonTerms = 4
