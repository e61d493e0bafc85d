// General function words of English and Chinese: they occur in nearly every text, so matching
// them only adds noise to BM25. A general list, not one fitted to any data set.

export const englishStopWords: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself no nor not of off on once only or other our ours ourselves out over
  own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up very was we were what when where which while who
  whom why will with would you your yours yourself yourselves also may might must shall us`.split(
    /\s+/,
  ),
)

export const chineseStopWords: ReadonlySet<string> = new Set([
  '的',
  '了',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '嘛',
  '么',
  '是',
  '在',
  '我',
  '你',
  '您',
  '他',
  '她',
  '它',
  '们',
  '和',
  '与',
  '及',
  '或',
  '也',
  '就',
  '都',
  '而',
  '这',
  '那',
  '着',
  '过',
  '请',
  '请问',
  '我们',
  '你们',
  '您好',
  '你好',
  '一下',
  '这个',
  '那个',
  '怎么',
  '怎样',
  '什么',
  '如何',
  '是否',
  '可以',
  '的话',
])
