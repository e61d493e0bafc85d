import { describe, expect, it } from 'vitest'
import { BoundedCache } from './bounded-cache.ts'

describe('BoundedCache', () => {
  it('holds no more than its capacity', () => {
    const cache = new BoundedCache<string, number>(2)

    for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) cache.set(key, index)

    expect(cache.size).toBe(2)
  })

  it('forgets the least recently used entry first', () => {
    const cache = new BoundedCache<string, number>(2)
    cache.set('a', 1)
    cache.set('b', 2)

    cache.get('a')
    cache.set('c', 3)

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3])
  })

  it('replaces the value of a key set twice without growing', () => {
    const cache = new BoundedCache<string, number>(2)

    cache.set('a', 1)
    cache.set('a', 2)

    expect([cache.get('a'), cache.size]).toEqual([2, 1])
  })
})
