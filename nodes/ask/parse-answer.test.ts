import { describe, expect, it } from 'vitest'
import { type AnswerRule, parseAnswer } from './parse-answer.ts'

function rule(overrides: Partial<AnswerRule>): AnswerRule {
  return { answerType: 'text', choices: [], pattern: '', ...overrides }
}

describe('parseAnswer', () => {
  describe('text', () => {
    it('accepts any answer, trimmed as written', () => {
      expect(parseAnswer('  我想退货  ', rule({ answerType: 'text' }))).toBe('我想退货')
    })

    it('rejects a blank answer', () => {
      expect(parseAnswer('　 ', rule({ answerType: 'text' }))).toBeUndefined()
    })
  })

  describe('number', () => {
    const number = rule({ answerType: 'number' })

    it.each([
      ['3', 3],
      [' -2.5 ', -2.5],
      ['1,200', 1200],
      ['１２', 12],
      ['3。', 3],
    ])('reads %j as %d', (answer, expected) => {
      expect(parseAnswer(answer, number)).toBe(expected)
    })

    it.each(['三个', '3 or 4', 'about 3', '1,2', ''])('rejects %j', (answer) => {
      expect(parseAnswer(answer, number)).toBeUndefined()
    })
  })

  describe('email', () => {
    const email = rule({ answerType: 'email' })

    it('accepts an answer that is an email address', () => {
      expect(parseAnswer('wang@example.com', email)).toBe('wang@example.com')
    })

    it('finds the address inside a Chinese sentence and stores it in lower case', () => {
      expect(parseAnswer('我的邮箱是Wang.Li@Example.COM。', email)).toBe('wang.li@example.com')
    })

    it('rejects an answer with two different addresses', () => {
      expect(parseAnswer('a@example.com 或 b@example.com', email)).toBeUndefined()
    })

    it('rejects an address without a domain suffix', () => {
      expect(parseAnswer('wang@localhost', email)).toBeUndefined()
    })
  })

  describe('phone', () => {
    const phone = rule({ answerType: 'phone' })

    it.each([
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      '+86 138 0013 8000',
      '+8613800138000',
      '008613800138000',
      '１３８００１３８０００',
    ])('stores %j as its 11 digits', (answer) => {
      expect(parseAnswer(answer, phone)).toBe('13800138000')
    })

    it('finds the only mobile number inside a sentence', () => {
      expect(parseAnswer('我的手机是 138 0013 8000，谢谢', phone)).toBe('13800138000')
    })

    it('accepts the same number given twice', () => {
      expect(parseAnswer('13800138000，对，13800138000', phone)).toBe('13800138000')
    })

    it('rejects an answer with two different numbers', () => {
      expect(parseAnswer('13800138000 或者 13900139000', phone)).toBeUndefined()
    })

    it.each(['12800138000', '1380013800', '138001380001', '010-12345678', '我没有手机'])(
      'rejects %j, which is no mainland mobile number',
      (answer) => {
        expect(parseAnswer(answer, phone)).toBeUndefined()
      },
    )
  })

  describe('choice', () => {
    const choice = rule({
      answerType: 'choice',
      choices: [
        { label: '退货', value: 'refund', synonyms: ['退款', 'Return'] },
        { label: '换货', synonyms: [] },
      ],
    })

    it.each(['refund', '退货', '退款', ' RETURN ', '退货。', 'Refund!'])(
      'matches %j to the choice value',
      (answer) => {
        expect(parseAnswer(answer, choice)).toBe('refund')
      },
    )

    it('stores the label of a choice without a value', () => {
      expect(parseAnswer('换货', choice)).toBe('换货')
    })

    it('accepts a sentence that mentions exactly one choice', () => {
      expect(parseAnswer('我想退货', choice)).toBe('refund')
    })

    it('rejects a sentence that mentions two choices', () => {
      expect(parseAnswer('退货还是换货好', choice)).toBeUndefined()
    })

    it('rejects a sentence that mentions a choice in the negative', () => {
      expect(parseAnswer('我不想退货', choice)).toBeUndefined()
    })
  })

  describe('regex', () => {
    it('stores the text the pattern matched', () => {
      const code = rule({ answerType: 'regex', pattern: '\\d{6}' })

      expect(parseAnswer('验证码是 123456', code)).toBe('123456')
    })

    it('rejects an answer the pattern does not match', () => {
      const orderId = rule({ answerType: 'regex', pattern: '^[A-Z]\\d{4}$' })

      expect(parseAnswer('A10245', orderId)).toBeUndefined()
    })
  })
})
