import { describe, expect, it } from 'vitest'
import { findMoney, findQuantities } from './amount-entities.ts'
import {
  findCardNumbers,
  findEmails,
  findIdNumbers,
  findLandlines,
  findMobiles,
} from './contact-entities.ts'

const values = (found: { value: unknown }[]) => found.map((f) => f.value)

describe('contact entities', () => {
  it('finds mobile numbers written whole, spaced or with +86', () => {
    expect(values(findMobiles('手机13800138000，或者 +86 139-1234-5678'))).toEqual([
      '13800138000',
      '13912345678',
    ])
  })

  it('does not take service numbers or longer digit runs for mobiles', () => {
    expect(findMobiles('请拨打95588，或订单 1380013800012345')).toEqual([])
  })

  it('finds landlines with area code and extension, and 400 numbers', () => {
    expect(values(findLandlines('座机 010-62345678 转 801，客服 400-820-8820'))).toEqual([
      '010-62345678-801',
      '400-820-8820',
    ])
  })

  it('finds email addresses in lower case', () => {
    expect(values(findEmails('Mail me at Li.Lei+shop@Example.COM please'))).toEqual([
      'li.lei+shop@example.com',
    ])
  })

  it('accepts a resident ID whose check character fits', () => {
    expect(values(findIdNumbers('身份证 11010519491231002x'))).toEqual(['11010519491231002X'])
  })

  it('rejects an 18-digit number with a wrong check character', () => {
    expect(findIdNumbers('身份证 110105194912310021')).toEqual([])
  })

  it('rejects an ID number whose birth date does not exist', () => {
    expect(findIdNumbers('110105194902310026')).toEqual([])
  })

  it('accepts a card number that passes Luhn, whole or in groups of four', () => {
    expect(values(findCardNumbers('卡号 6222 0212 3456 7890 128 和 4111111111111111'))).toEqual([
      '6222021234567890128',
      '4111111111111111',
    ])
  })

  it('rejects a 16-digit number that fails Luhn', () => {
    expect(findCardNumbers('4111111111111112')).toEqual([])
  })
})

describe('amount entities', () => {
  it.each([
    ['三百五十元', 350, 'CNY'],
    ['¥99', 99, 'CNY'],
    ['$20', 20, 'USD'],
    ['二十块五', 20.5, 'CNY'],
    ['三块五毛', 3.5, 'CNY'],
    ['3元5角', 3.5, 'CNY'],
    ['五毛钱', 0.5, 'CNY'],
    ['1.5万', 15000, 'CNY'],
    ['1.5万元', 15000, 'CNY'],
    ['US$1,299.99', 1299.99, 'USD'],
    ['20 dollars', 20, 'USD'],
    ['一千零五十块钱', 1050, 'CNY'],
    ['50欧元', 50, 'EUR'],
  ])('reads %s as %s %s', (text, amount, currency) => {
    expect(findMoney(`大概${text}吧`)[0]?.detail).toEqual({ amount, currency })
  })

  it('does not read a count after an amount as tenths', () => {
    expect(values(findMoney('100元5个'))).toEqual([100])
  })

  it('finds no money in a plain number', () => {
    expect(findMoney('我买了3件')).toEqual([])
  })

  it('does not read a duration as a quantity', () => {
    expect(findQuantities('等了3个月，又等了两个小时')).toEqual([])
  })

  it.each([
    ['3件', 3, '件'],
    ['两个', 2, '个'],
    ['十二瓶', 12, '瓶'],
    ['3 items', 3, 'items'],
    ['two pairs', 2, 'pairs'],
    ['x2', 2, ''],
  ])('reads the quantity %s', (text, count, unit) => {
    expect(findQuantities(`要${text}`)[0]?.detail).toEqual({ count, unit })
  })
})
