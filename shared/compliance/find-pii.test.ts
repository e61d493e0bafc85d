import { describe, expect, it } from 'vitest'
import { isResidentIdNumber, passesLuhn } from './checksums.ts'
import { allPiiTypes, findPii, maskAllPii } from './find-pii.ts'

const types = (text: string) => findPii(text, allPiiTypes).map((m) => m.type)

describe('resident ID and card checksums', () => {
  it('accepts an ID number whose check character and birth date are right', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true)
  })

  it('refuses an ID number with a wrong check character', () => {
    expect(isResidentIdNumber('110105194912310021')).toBe(false)
  })

  it('refuses an ID number whose birth date does not exist', () => {
    // 1949-02-30, with the check character recomputed for it.
    expect(isResidentIdNumber('110105194902300020')).toBe(false)
  })

  it('accepts card numbers passing Luhn and refuses one digit off', () => {
    expect(passesLuhn('4111111111111111')).toBe(true)
    expect(passesLuhn('4111111111111112')).toBe(false)
  })
})

describe('findPii', () => {
  it('finds a mainland mobile number written together, spaced, dashed or with +86', () => {
    for (const text of [
      '电话13812345678。',
      '电话 138 1234 5678',
      '138-1234-5678',
      '+86 13812345678',
    ]) {
      expect(types(text), text).toEqual(['mobile'])
    }
  })

  it('finds a resident ID number and a Luhn-valid card number', () => {
    expect(types('身份证11010519491231002X，卡号6222 0212 3456 7890 128')).toEqual([
      'idCard',
      'bankCard',
    ])
  })

  it('finds e-mail addresses and street addresses in Chinese and English', () => {
    expect(types('发到 li_na88@mail.cn')).toEqual(['email'])
    expect(types('寄到上海市浦东新区张江路123弄4号502室')).toEqual(['address'])
    expect(types('ship to 221 Baker Street, London')).toEqual(['address'])
  })

  it('leaves order and tracking numbers, amounts, dates and hotlines alone', () => {
    const text =
      '订单号2026011512345678901，快递单号SF1381234567801，退款¥13812345678元于2026-03-15到账，热线95588或400-820-8820。'
    expect(findPii(text, allPiiTypes)).toEqual([])
  })

  it('leaves an 18-digit number with a wrong ID check character alone, even if it passes Luhn', () => {
    expect(findPii('编号510107196302024340无效', allPiiTypes)).toEqual([])
  })

  it('leaves card-length numbers that fail Luhn alone', () => {
    expect(findPii('您输入的6222021234567890125不是有效卡号', allPiiTypes)).toEqual([])
  })

  it('does not read digits inside a longer code or a decimal as a phone', () => {
    expect(findPii('型号AB13812345678X，圆周率3.1381234567812', allPiiTypes)).toEqual([])
  })
})

describe('maskAllPii', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskAllPii('请拨打13812345678').text).toBe('请拨打138****5678')
  })

  it('masks every ID and card number in a message full of them', () => {
    const text = '11010519491231002X 6222021234567890128 4111 1111 1111 1111 11010519491231002X'
    const masked = maskAllPii(text).text
    expect(masked).not.toMatch(/\d{6}/)
    expect(masked).toContain('**** **** **** 1111')
  })

  it('keeps the domain of an e-mail address and hides a street address', () => {
    expect(maskAllPii('邮箱 zhang.wei@example.com').text).toBe('邮箱 z***@example.com')
    expect(maskAllPii('地址：北京市朝阳区建国路88号').text).toBe('地址：[地址已隐藏]')
  })
})

describe('findPii on other writings', () => {
  it('reads full-width digits as digits', () => {
    expect(maskAllPii('手机１３８１２３４５６７８').text).toBe('手机１３８****５６７８')
  })

  it('finds a rural address with a village group and house number', () => {
    expect(maskAllPii('寄到河北省保定市清苑区东闾乡东闾村3组15号').text).toBe('寄到[地址已隐藏]')
  })
})
