import { latinProfiles } from './latin-profiles.ts'

export interface DetectedLanguage {
  /** ISO 639-1 code, e.g. `zh`, `en`; `und` when nothing could be read. */
  language: string
  /** 0–1: the dominant script's share of the text times, for Latin text, how clearly one profile wins. */
  confidence: number
  /** Letters read (a Chinese character, a kana, a Hangul syllable or a letter each). */
  letters: number
}

/** Scripts and the language each one alone implies; Latin and Han/kana are resolved further. */
const scripts = [
  { name: 'han', pattern: /\p{Script=Han}/u, weight: 1 },
  { name: 'kana', pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, weight: 1 },
  { name: 'ko', pattern: /\p{Script=Hangul}/u, weight: 1 },
  { name: 'ru', pattern: /\p{Script=Cyrillic}/u, weight: 1 / 3 },
  { name: 'ar', pattern: /\p{Script=Arabic}/u, weight: 1 / 3 },
  { name: 'el', pattern: /\p{Script=Greek}/u, weight: 1 / 3 },
  { name: 'he', pattern: /\p{Script=Hebrew}/u, weight: 1 / 3 },
  { name: 'th', pattern: /\p{Script=Thai}/u, weight: 1 / 3 },
  { name: 'hi', pattern: /\p{Script=Devanagari}/u, weight: 1 / 3 },
  { name: 'latin', pattern: /\p{Script=Latin}/u, weight: 1 / 3 },
] as const

/** Characters of a text beyond this are not needed to tell its language. */
const MAX_CHARS = 2000

/**
 * Tells the language of a message from its scripts: a Chinese character counts as much as three
 * letters (about one word), so `我的iPhone坏了` is Chinese. Text with kana is Japanese, Hangul
 * Korean, Cyrillic Russian, Arabic script Arabic. Latin-script text is scored against
 * function-word, letter and trigram profiles of en, fr, de, es, pt and it.
 * @example detectLanguage('Où est ma commande ?') // { language: 'fr', confidence: 0.8, … }
 */
export function detectLanguage(text: string): DetectedLanguage {
  const sample = text.slice(0, MAX_CHARS)
  const units = new Map<string, number>()
  let letters = 0
  for (const ch of sample) {
    const script = scripts.find((s) => s.pattern.test(ch))
    if (!script) continue
    letters++
    units.set(script.name, (units.get(script.name) ?? 0) + script.weight)
  }
  const total = [...units.values()].reduce((sum, n) => sum + n, 0)
  if (total === 0) return { language: 'und', confidence: 0, letters }

  const han = units.get('han') ?? 0
  const kana = units.get('kana') ?? 0
  // Japanese mixes kanji with kana; Chinese never uses kana.
  const cjk = han + kana
  const cjkLanguage = kana > 0 && kana >= 0.1 * cjk ? 'ja' : 'zh'
  units.delete('han')
  units.delete('kana')
  if (cjk > 0) units.set(cjkLanguage, cjk)

  const [dominant, amount] = [...units.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['und', 0]
  const share = amount / total
  if (dominant !== 'latin') return { language: dominant, confidence: round(share), letters }
  const latin = scoreLatin(sample)
  return { language: latin.language, confidence: round(share * latin.confidence), letters }
}

function scoreLatin(text: string): { language: string; confidence: number } {
  const lower = text.toLowerCase()
  const tokens = lower.split(/[^\p{L}']+/u).filter(Boolean)
  const padded = ` ${tokens.join(' ')} `
  const scores = Object.entries(latinProfiles).map(([language, profile]) => {
    let score = 0
    for (const token of tokens) {
      if (profile.words.has(token) || profile.words.has(token.replace(/^[a-z]'/, ''))) score++
    }
    for (const ch of lower) score += profile.letters[ch] ?? 0
    for (const trigram of profile.trigrams) score += 0.5 * countOf(padded, trigram)
    return { language, score }
  })
  scores.sort((a, b) => b.score - a.score)
  const best = scores[0]
  const second = scores[1]?.score ?? 0
  // Latin text with no evidence at all is most often English (a brand, "ok"), said weakly.
  if (!best || best.score === 0) return { language: 'en', confidence: 0.3 }
  return { language: best.language, confidence: best.score / (best.score + second + 1) }
}

function countOf(text: string, part: string): number {
  let count = 0
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++
  return count
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
