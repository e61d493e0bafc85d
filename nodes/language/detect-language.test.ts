import { describe, expect, it } from 'vitest'
import { detectLanguage } from './detect-language.ts'

describe('detectLanguage', () => {
  it.each([
    ['我想查一下我的订单到哪里了', 'zh'],
    ['請問你們幾點關門？', 'zh'],
    ['注文した商品がまだ届きません', 'ja'],
    ['주문한 상품이 아직 도착하지 않았어요', 'ko'],
    ['Where is my order? I need it tomorrow.', 'en'],
    ['Bonjour, où est ma commande ? Je voudrais un remboursement.', 'fr'],
    ['Hallo, wo ist meine Bestellung? Ich möchte sie stornieren.', 'de'],
    ['Hola, ¿dónde está mi pedido? Quiero cancelarlo.', 'es'],
    ['Olá, onde está o meu pedido? Não chegou ainda.', 'pt'],
    ['Ciao, dove è il mio ordine? Vorrei sapere quando arriva.', 'it'],
    ['Здравствуйте, где мой заказ?', 'ru'],
    ['مرحبا، أين طلبي؟', 'ar'],
  ])('reads %s as %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language)
  })

  it('reads Chinese with an English brand name as Chinese', () => {
    expect(detectLanguage('我的iPhone屏幕坏了').language).toBe('zh')
  })

  it('is sure of a whole sentence and unsure of mixed scripts', () => {
    const pure = detectLanguage('我想查一下我的订单到哪里了')
    const mixed = detectLanguage('我的order怎么还没到 please check')

    expect(pure.confidence).toBe(1)
    expect(mixed.confidence).toBeLessThan(0.8)
  })

  it('reads nothing in emoji, digits or an empty message', () => {
    for (const text of ['😀🙏🏻', '12345 !!!', '']) {
      expect(detectLanguage(text)).toMatchObject({ language: 'und', confidence: 0, letters: 0 })
    }
  })

  it('gives Latin text with no known word low confidence', () => {
    expect(detectLanguage('xyz qwrt').confidence).toBeLessThan(0.5)
  })

  it('reads a huge message by its beginning', () => {
    expect(detectLanguage('Where is my order? '.repeat(600)).language).toBe('en')
  })
})
