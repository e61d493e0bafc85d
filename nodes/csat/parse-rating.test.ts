import { describe, expect, it } from 'vitest'
import { parseRating } from './parse-rating.ts'

describe('parseRating', () => {
  it.each([
    ['5', 5],
    ['１', 1],
    ['4分', 4],
    ['4 分', 4],
    ['三星', 3],
    ['两分', 2],
    ['五颗星！', 5],
    ['我给5分', 5],
    ['打4分', 4],
    ['5/5', 5],
    ['★★★★', 4],
    ['⭐⭐', 2],
    ['4 stars', 4],
    ['1 star.', 1],
  ])('reads %s as %d', (answer, rating) => {
    expect(parseRating(answer)).toBe(rating)
  })

  it.each(['0', '6', '10', '3.5', '45', '-1', '', '很好', 'great', '3 or 4', '不是5分', '★★★★★★'])(
    'does not take %j as a rating',
    (answer) => {
      expect(parseRating(answer)).toBeUndefined()
    },
  )
})
