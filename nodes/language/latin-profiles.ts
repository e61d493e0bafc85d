/**
 * Profiles that tell Latin-script languages apart, as data.
 *
 * Method: for each language, its most frequent function words (articles, pronouns,
 * prepositions, auxiliaries, the commonest greetings and question words) as found at the top of
 * any general frequency list of the language, letters that only some of these languages use, and
 * a few character trigrams typical of its spelling. Hand-written from general knowledge of each
 * language, not fitted to any data set. A message scores one point per function word, the
 * letters' weights, and half a point per typical trigram.
 */
export interface LatinProfile {
  words: ReadonlySet<string>
  letters: Readonly<Record<string, number>>
  trigrams: readonly string[]
}

const words = (list: string) => new Set(list.split(' '))

export const latinProfiles: Readonly<Record<string, LatinProfile>> = {
  en: {
    words: words(
      'the a an and or of to in on at for with is are was were be been have has had do does did i you he she it we they my your our this that what where when why how can could would will not no yes please thanks thank hello hi hey order want need',
    ),
    letters: {},
    trigrams: [' th', 'the', 'he ', 'ing', 'ng ', 'nd ', ' wh', 'ou ', 'ed ', 'ght'],
  },
  fr: {
    words: words(
      'le la les un une des et ou de du au aux est sont je tu il elle nous vous ils elles mon ma mes ce cette que qui quoi où quand pourquoi comment pas ne avec pour sur dans bonjour merci oui non commande veux voudrais',
    ),
    letters: { ç: 1, œ: 2, è: 1, ê: 1, à: 1, â: 1, î: 1, ô: 1, û: 1, ù: 2, ë: 1, ï: 1 },
    trigrams: ['eau', 'ion', 'ais', ' qu', 'que', 'ous', 'ent', "'es", ' le', 'oir'],
  },
  de: {
    words: words(
      'der die das ein eine und oder ist sind war ich du er sie es wir ihr mein meine nicht kein mit für auf in im zu von wie was wo wann warum bitte danke hallo ja nein bestellung möchte habe haben',
    ),
    letters: { ß: 3, ä: 2, ö: 2, ü: 1 },
    trigrams: ['sch', 'ich', 'ein', 'ung', 'en ', 'cht', 'die', 'der', 'ie ', 'ei '],
  },
  es: {
    words: words(
      'el la los las un una y o de del al es son está están yo tú él ella nosotros mi mis su que qué quién dónde cuándo cómo por para con sin no sí hola gracias pedido quiero necesito tengo',
    ),
    letters: { ñ: 3, '¿': 3, '¡': 3, á: 1, í: 1, ó: 1, ú: 1 },
    trigrams: ['ión', 'ció', ' de', 'os ', 'as ', 'ado', 'que', ' el', 'la ', 'nte'],
  },
  pt: {
    words: words(
      'o a os as um uma e ou de do da dos das em no na é são eu você ele ela nós meu minha que quem onde quando como por para com sem não sim olá obrigado obrigada pedido quero preciso',
    ),
    letters: { ã: 3, õ: 3, ç: 1, á: 1, é: 1, ê: 1, ô: 1 },
    trigrams: ['ção', 'ões', 'ão ', ' do', ' da', 'nho', 'lho', 'os ', 'que', 'ent'],
  },
  it: {
    words: words(
      'il lo la i gli le un una e o di del della in con per su è sono io tu lui lei noi mio mia che chi dove quando come perché non sì ciao grazie ordine voglio vorrei ho',
    ),
    letters: { ò: 2, ì: 2, è: 1, à: 1 },
    trigrams: ['zio', 'ell', 'gli', 'che', ' il', 'one', 'are', 'ere', 'tto', 'lla'],
  },
}
