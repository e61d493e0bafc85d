import { describe, expect, it } from 'vitest'
import { gramProfile, profileCosine } from './title-similarity.ts'

const similarity = (a: string, b: string) => profileCosine(gramProfile(a), gramProfile(b))

describe('title similarity', () => {
  it('is 1 for the same text and 0 for texts without a shared n-gram', () => {
    expect(similarity('How does the virus spread?', 'How does the virus spread?')).toBeCloseTo(1)
    expect(similarity('How does the virus spread?', '退货政策')).toBe(0)
  })

  it('ignores case, full-width forms and punctuation', () => {
    expect(similarity('ＣＯＶＩＤ-19 spread?', 'covid 19 SPREAD')).toBeCloseTo(1)
  })

  it('rates a paraphrase sharing word parts above an unrelated question', () => {
    const related = similarity('Can I get reinfected?', 'Can you be infected twice?')
    const unrelated = similarity('Can I get reinfected?', 'Where can I buy masks?')

    expect(related).toBeGreaterThan(unrelated)
  })

  it('matches Chinese by single characters too, where words are cut differently', () => {
    expect(similarity('退款多久到账', '退钱什么时候到')).toBeGreaterThan(0)
    expect(similarity('退款多久到账', '退款多久到账')).toBeCloseTo(1)
  })

  it('is 0 for a text with no letters or digits', () => {
    expect(similarity('?!…', 'How does the virus spread?')).toBe(0)
  })
})
