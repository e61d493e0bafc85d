import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createProfileSealer } from './profile-sealer.ts'
import { SecretBox } from './secret-box.ts'

const box = new SecretBox([{ id: 1, key: randomBytes(32) }])
const sealer = createProfileSealer({ box, sensitiveFields: ['phone', 'idCard'] })
const context = 'customer:c1:profile'

describe('createProfileSealer', () => {
  it('seals listed fields whatever their letter case, and leaves the others readable', () => {
    const sealed = sealer.seal({ Phone: '0571-1234', tier: 'gold', visits: 3 }, context)

    expect(sealed.Phone).toMatch(/^sb1\./)
    expect(sealed.tier).toBe('gold')
    expect(sealed.visits).toBe(3)
  })

  it('seals a field of any name whose text is personal data', () => {
    const sealed = sealer.seal({ contact: '请打 13812345678' }, context)

    expect(sealed.contact).toMatch(/^sb1\./)
  })

  it('gives back what it sealed, numbers and objects included', () => {
    const profile = { phone: 13812345678, idCard: { number: '11010519491231002X' }, tier: 'gold' }

    expect(sealer.open(sealer.seal(profile, context), context)).toEqual(profile)
  })

  it("does not open a field moved into another customer's row", () => {
    const sealed = sealer.seal({ phone: '13812345678' }, context)

    expect(sealer.open(sealed, 'customer:c2:profile').phone).toBe(sealed.phone)
  })

  it('seals a changed profile again, though it remembers the last one', () => {
    const first = sealer.seal({ phone: '13812345678' }, context)
    const again = sealer.seal({ phone: '13812345678' }, context)
    const changed = sealer.seal({ phone: '13900001111' }, context)

    expect(again).toBe(first)
    expect(sealer.open(changed, context)).toEqual({ phone: '13900001111' })
    expect(sealer.open(first, context)).toEqual({ phone: '13812345678' })
  })

  it('keeps a customer value that only looks sealed as it is', () => {
    expect(sealer.open({ note: 'sb1.hello' }, context)).toEqual({ note: 'sb1.hello' })
  })
})
