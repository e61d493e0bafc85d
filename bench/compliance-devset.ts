/**
 * Writes the labelled development set for `npm run eval:compliance` to
 * test/fixtures/compliance/dev-replies.jsonl. Values (phones, IDs, cards) are generated with a
 * fixed seed so that the file is reproducible; each line says what must change and what must
 * stay. Run: npx tsx bench/compliance-devset.ts
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { projectRoot } from '../test/support/server-process.ts'

export interface LabelledReply {
  id: string
  text: string
  lang: 'zh' | 'en'
  industry?: 'finance' | 'healthcare' | 'ecommerce'
  category: 'pii' | 'lookalike' | 'violation' | 'clean' | 'disclaimer'
  /** Personal data that must not reach the customer. */
  pii?: string[]
  /** Strings that must reach the customer unchanged. */
  lookalikes?: string[]
  /** A phrase the output must contain (a required disclaimer). */
  disclaimer?: string
}

let seed = 20261125
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const digit = () => String(Math.floor(random() * 10))
const digits = (n: number) => Array.from({ length: n }, digit).join('')
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T

function mobile(): string {
  return `1${pick(['3', '5', '7', '8', '9'])}${digits(9)}`
}
function idCheck(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0)
  return '10X98765432'[sum % 11] ?? '0'
}
function idBody(): string {
  const region = pick(['110105', '310104', '440305', '510107', '330106', '420111'])
  const year = 1950 + Math.floor(random() * 55)
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0')
  return `${region}${year}${month}${day}${digits(3)}`
}
function idNumber(): string {
  const body = idBody()
  return body + idCheck(body)
}
function wrongIdNumber(): string {
  const body = idBody()
  const right = idCheck(body)
  return body + pick([...'0123456789X'].filter((c) => c !== right))
}
function luhnDigit(body: string): string {
  let sum = 0
  let isDoubled = true
  for (let i = body.length - 1; i >= 0; i--) {
    let d = Number(body[i])
    if (isDoubled) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    isDoubled = !isDoubled
  }
  return String((10 - (sum % 10)) % 10)
}
function card(length = pick([16, 19])): string {
  const body =
    pick(['622202', '621700', '622848', '436742', '524094', '625807']) + digits(length - 7)
  return body + luhnDigit(body)
}
function badCard(length = pick([16, 19])): string {
  const body = pick(['622202', '621700', '436742', '524094']) + digits(length - 7)
  return body + String((Number(luhnDigit(body)) + 1 + Math.floor(random() * 8)) % 10)
}
const grouped = (number: string) => number.replace(/(\d{4})(?=\d)/g, '$1 ')
const orderNumber = () => `${pick(['2024', '2025', '2026'])}${digits(pick([12, 14, 15]))}`
const trackingNumber = () =>
  pick([`SF${digits(12)}`, `YT${digits(13)}`, `JD${digits(13)}`, `7${digits(11)}`])
const amount = () =>
  pick([
    `¥${1 + Math.floor(random() * 9000)}.00`,
    `${10 + Math.floor(random() * 90000)}元`,
    `$${1 + Math.floor(random() * 900)}.99`,
  ])
const date = () =>
  pick([
    `2026-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    `2026年${1 + Math.floor(random() * 12)}月${1 + Math.floor(random() * 28)}日`,
    `2026/03/1${Math.floor(random() * 9)}`,
  ])
const hotline = () =>
  pick(['95588', '95533', '10086', '400-820-8820', '400-600-1234', '800-810-5888', '12315'])
const email = () =>
  `${pick(['zhang.wei', 'li_na88', 'wang.fang', 'john.smith', 'amy2020'])}@${pick(['example.com', 'mail.cn', 'corp.com.cn', 'qq.com'])}`
const zhAddress = () =>
  pick([
    '北京市朝阳区',
    '上海市浦东新区',
    '广东省深圳市南山区',
    '浙江省杭州市西湖区',
    '四川省成都市武侯区',
  ]) +
  pick(['建国路', '张江路', '科技园南路', '文三路', '人民南路']) +
  `${1 + Math.floor(random() * 300)}号` +
  pick([
    '',
    `${1 + Math.floor(random() * 20)}栋${100 + Math.floor(random() * 2000)}室`,
    `${1 + Math.floor(random() * 9)}号楼${1 + Math.floor(random() * 4)}单元${100 + Math.floor(random() * 900)}室`,
  ])
const enAddress = () =>
  `${1 + Math.floor(random() * 999)} ${pick(['Main', 'Oak', 'Maple', 'Park', 'Elm'])} ${pick(['Street', 'Avenue', 'Road', 'Lane', 'Drive'])}`

const lines: LabelledReply[] = []
let counter = 0
function add(line: Omit<LabelledReply, 'id'>) {
  counter++
  lines.push({ id: `dev-${String(counter).padStart(3, '0')}`, ...line })
}

// Personal data, Chinese.
const zhPii: ((v: string) => string)[] = [
  (v) => `好的，已为您登记手机号${v}，稍后会有短信通知。`,
  (v) => `您预留的联系电话是 ${v}，请确认是否正确。`,
  (v) => `我们将致电 ${v} 与您核实退款信息。`,
]
for (let i = 0; i < 10; i++) {
  const v = i % 3 === 0 ? `${mobile().slice(0, 3)} ${digits(4)} ${digits(4)}` : mobile()
  add({ text: pick(zhPii)(v), lang: 'zh', category: 'pii', pii: [v] })
}
for (let i = 0; i < 10; i++) {
  const v = idNumber()
  add({
    text: pick([
      `您登记的身份证号为${v}，实名认证已通过。`,
      `身份证号码：${v}，请核对后提交。`,
      `已查询到证件 ${v} 名下的保单。`,
    ]),
    lang: 'zh',
    industry: pick(['finance', 'healthcare', undefined] as const),
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 10; i++) {
  const raw = card()
  const v = i % 2 === 0 ? grouped(raw) : raw
  add({
    text: pick([
      `退款将原路退回尾号所在的银行卡${v}，预计3个工作日到账。`,
      `您绑定的卡号是${v}。`,
      `已向 ${v} 发起扣款，请留意短信。`,
    ]),
    lang: 'zh',
    industry: pick(['finance', 'ecommerce', undefined] as const),
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 6; i++) {
  const v = email()
  add({
    text: pick([`电子发票已发送到 ${v}，请查收。`, `我们会把报告发到您的邮箱${v}。`]),
    lang: 'zh',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 8; i++) {
  const v = zhAddress()
  add({
    text: pick([`您的收货地址是${v}，请确认。`, `包裹将寄往${v}，预计明天送达。`]),
    lang: 'zh',
    industry: 'ecommerce',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 6; i++) {
  const id = idNumber()
  const c = card()
  const m = mobile()
  const order = orderNumber()
  add({
    text: `核对信息：身份证${id}，银行卡${c}，手机${m}，订单号${order}。`,
    lang: 'zh',
    industry: 'finance',
    category: 'pii',
    pii: [id, c, m],
    lookalikes: [order],
  })
}
// Personal data, English.
for (let i = 0; i < 6; i++) {
  const v = mobile()
  add({
    text: pick([
      `We will call you back at ${v} within an hour.`,
      `Your registered phone number is +86 ${v}.`,
    ]),
    lang: 'en',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 6; i++) {
  const v = email()
  add({
    text: pick([
      `The receipt was sent to ${v}.`,
      `Please confirm that ${v} is your e-mail address.`,
    ]),
    lang: 'en',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 6; i++) {
  const raw = card(16)
  const v = i % 2 === 0 ? grouped(raw) : raw
  add({
    text: pick([`The refund goes back to card ${v}.`, `We charged ${v} for your order.`]),
    lang: 'en',
    industry: 'ecommerce',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 5; i++) {
  const v = enAddress()
  add({
    text: `Your parcel will be delivered to ${v}, Springfield tomorrow.`,
    lang: 'en',
    industry: 'ecommerce',
    category: 'pii',
    pii: [v],
  })
}
for (let i = 0; i < 3; i++) {
  const v = idNumber()
  add({
    text: `The ID number on file is ${v}.`,
    lang: 'en',
    industry: 'finance',
    category: 'pii',
    pii: [v],
  })
}

// Look-alikes: must reach the customer unchanged.
const zhLookalike: (() => { text: string; keep: string[] })[] = [
  () => {
    const o = orderNumber()
    return { text: `您的订单号${o}已发货，请耐心等待。`, keep: [o] }
  },
  () => {
    const o = orderNumber()
    return { text: `订单 ${o} 的退款已受理。`, keep: [o] }
  },
  () => {
    const t = trackingNumber()
    return { text: `快递单号：${t}，可在官网查询物流。`, keep: [t] }
  },
  () => {
    const a = amount()
    const d = date()
    return { text: `本次退款金额${a}，将于${d}前到账。`, keep: [a, d] }
  },
  () => {
    const h = hotline()
    return { text: `如有疑问请拨打客服热线${h}。`, keep: [h] }
  },
  () => {
    const w = wrongIdNumber()
    return { text: `系统显示编号${w}无效，请重新输入。`, keep: [w] }
  },
  () => {
    const b = badCard()
    return { text: `您输入的${b}不是有效卡号，请检查。`, keep: [b] }
  },
  () => {
    const d = date()
    const a = amount()
    return { text: `您在${d}的消费${a}已计入积分。`, keep: [d, a] }
  },
  () => {
    const n = `${1 + Math.floor(random() * 9)}${digits(10)}`
    return { text: `金额合计${n}元，已开具发票。`, keep: [n] }
  },
]
for (let i = 0; i < 32; i++) {
  const { text, keep } = pick(zhLookalike)()
  add({
    text,
    lang: 'zh',
    industry: pick(['ecommerce', 'finance', undefined] as const),
    category: 'lookalike',
    lookalikes: keep,
  })
}
const enLookalike: (() => { text: string; keep: string[] })[] = [
  () => {
    const o = orderNumber()
    return { text: `Order ${o} has shipped.`, keep: [o] }
  },
  () => {
    const t = trackingNumber()
    return { text: `Your tracking number is ${t}.`, keep: [t] }
  },
  () => {
    const a = amount()
    return { text: `A refund of ${a} was issued on ${date()}.`, keep: [a] }
  },
  () => {
    const h = hotline()
    return { text: `Call our hotline ${h} any time.`, keep: [h] }
  },
  () => {
    const b = badCard(16)
    return { text: `The number ${b} is not a valid card number.`, keep: [b] }
  },
  () => {
    const w = wrongIdNumber()
    return { text: `Reference ${w} could not be verified.`, keep: [w] }
  },
]
for (let i = 0; i < 18; i++) {
  const { text, keep } = pick(enLookalike)()
  add({ text, lang: 'en', category: 'lookalike', lookalikes: keep })
}

// Rule violations.
const violations: Omit<LabelledReply, 'id' | 'category'>[] = [
  { text: '这款理财产品保本保息，您放心购买。', lang: 'zh', industry: 'finance' },
  { text: '买这只基金稳赚不赔，年化能到12%。', lang: 'zh', industry: 'finance' },
  { text: '我们的产品无风险，收益稳定。', lang: 'zh', industry: 'finance' },
  { text: '放心，这个项目零风险，保证收益。', lang: 'zh', industry: 'finance' },
  { text: '本计划刚性兑付，到期一定拿回本金。', lang: 'zh', industry: 'finance' },
  { text: '有内幕消息，这只股票下周必涨。', lang: 'zh', industry: 'finance' },
  { text: '不用担心，稳赚的。', lang: 'zh', industry: 'finance' },
  { text: '这个产品绝不亏损，比存款划算。', lang: 'zh', industry: 'finance' },
  { text: '现在买入，收益翻倍不是梦。', lang: 'zh', industry: 'finance' },
  { text: 'This plan offers a guaranteed return of 6% per year.', lang: 'en', industry: 'finance' },
  { text: 'It is completely risk-free, you will love it.', lang: 'en', industry: 'finance' },
  { text: "Don't worry, you can't lose with this fund.", lang: 'en', industry: 'finance' },
  {
    text: 'Our advisors promise guaranteed profits every quarter.',
    lang: 'en',
    industry: 'finance',
  },
  { text: 'Zero risk and double your money in a year!', lang: 'en', industry: 'finance' },
  { text: 'I have insider information on this stock.', lang: 'en', industry: 'finance' },
  { text: '这个药包治百病，吃了就好。', lang: 'zh', industry: 'healthcare' },
  { text: '我们的疗法可以根治糖尿病。', lang: 'zh', industry: 'healthcare' },
  { text: '这款特效药无副作用，放心吃。', lang: 'zh', industry: 'healthcare' },
  { text: '药到病除，不用看医生。', lang: 'zh', industry: 'healthcare' },
  { text: '祖传秘方，一次见效，永不复发。', lang: 'zh', industry: 'healthcare' },
  { text: 'This supplement is a miracle cure for arthritis.', lang: 'en', industry: 'healthcare' },
  {
    text: 'Our treatment is a guaranteed cure with no side effects.',
    lang: 'en',
    industry: 'healthcare',
  },
  {
    text: "You don't need to see a doctor, just take these pills.",
    lang: 'en',
    industry: 'healthcare',
  },
  { text: 'It offers a 100% cure rate.', lang: 'en', industry: 'healthcare' },
  { text: '本店全网最低价，错过再等一年。', lang: 'zh', industry: 'ecommerce' },
  { text: '我们是国家级品牌，销量第一。', lang: 'zh', industry: 'ecommerce' },
  { text: '亲，加我微信私下交易可以便宜50元。', lang: 'zh', industry: 'ecommerce' },
  { text: '您直接转账到个人账户就行，不走平台更快。', lang: 'zh', industry: 'ecommerce' },
  { text: '这款面霜是顶级配方，独一无二。', lang: 'zh', industry: 'ecommerce' },
  { text: 'We have the lowest price anywhere, guaranteed.', lang: 'en', industry: 'ecommerce' },
  { text: 'You can pay me directly to skip the fees.', lang: 'en', industry: 'ecommerce' },
  { text: "We're the number one brand in the world.", lang: 'en', industry: 'ecommerce' },
  { text: '你是白痴吗？说了多少遍了。', lang: 'zh' },
  { text: '别烦我，滚开。', lang: 'zh' },
  { text: '你这个智障，自己不会看说明书吗？', lang: 'zh' },
  { text: 'Shut up and read the manual.', lang: 'en' },
  { text: 'Only an idiot would ask that.', lang: 'en' },
  { text: `${'这是一段非常长的回复。'.repeat(110)}`, lang: 'zh' },
  { text: `${'This is a very long reply. '.repeat(45)}`, lang: 'en' },
  { text: '购买此理财，保证回报率8%。', lang: 'zh', industry: 'finance' },
  { text: '这款保健品可以100%治愈高血压。', lang: 'zh', industry: 'healthcare' },
  { text: '放心买，绝对正品，假一赔十。', lang: 'zh', industry: 'ecommerce' },
]
for (const v of violations) add({ ...v, category: 'violation' })

// Clean replies, including ones that mention a banned word to deny or warn about it.
const clean: Omit<LabelledReply, 'id' | 'category'>[] = [
  { text: '您好，请问有什么可以帮您？', lang: 'zh' },
  { text: '好的，已为您提交退货申请，请留意审核结果。', lang: 'zh', industry: 'ecommerce' },
  { text: '七天无理由退货，质量问题我们承担运费。', lang: 'zh', industry: 'ecommerce' },
  { text: '这件商品目前有货，下单后48小时内发货。', lang: 'zh', industry: 'ecommerce' },
  { text: '您可以在“我的订单”页面查看物流进度。', lang: 'zh', industry: 'ecommerce' },
  { text: '优惠券将在结算时自动抵扣。', lang: 'zh', industry: 'ecommerce' },
  { text: '请问您想修改收货时间还是收货人？', lang: 'zh', industry: 'ecommerce' },
  { text: '抱歉给您带来不便，我们会尽快处理。', lang: 'zh' },
  { text: '营业时间为周一至周五9:00-18:00。', lang: 'zh' },
  { text: '感谢您的耐心等待，祝您生活愉快！', lang: 'zh' },
  { text: '您的会员积分可以在下次购物时使用。', lang: 'zh', industry: 'ecommerce' },
  { text: '请提供订单截图，我们帮您核实。', lang: 'zh', industry: 'ecommerce' },
  { text: '我们不承诺保本，请谨慎选择。', lang: 'zh', industry: 'finance', disclaimer: undefined },
  { text: '请警惕“稳赚不赔”的虚假宣传。', lang: 'zh', industry: 'finance' },
  { text: '您可以通过手机银行办理挂失。', lang: 'zh', industry: 'finance' },
  { text: '信用卡账单日为每月5日，还款日为每月23日。', lang: 'zh', industry: 'finance' },
  { text: '请携带有效证件到网点办理。', lang: 'zh', industry: 'finance' },
  { text: '您的转账已受理，请稍后查询。', lang: 'zh', industry: 'finance' },
  { text: '挂号成功，请按时到门诊三楼报到。', lang: 'zh', industry: 'healthcare' },
  { text: '体检报告预计三个工作日后可以查询。', lang: 'zh', industry: 'healthcare' },
  { text: '本院周末门诊时间为上午8点到12点。', lang: 'zh', industry: 'healthcare' },
  { text: '没有任何药物是无副作用的，请遵医嘱。', lang: 'zh', industry: 'healthcare' },
  { text: '您可以在小程序上预约复诊时间。', lang: 'zh', industry: 'healthcare' },
  { text: '请问您需要开具电子发票吗？', lang: 'zh' },
  { text: '我们会把处理结果通过短信通知您。', lang: 'zh' },
  { text: '系统正在升级，部分功能暂时不可用。', lang: 'zh' },
  { text: '您的账户已成功注销。', lang: 'zh' },
  { text: '您好，这是最快的配送方式，明天就能到。', lang: 'zh', industry: 'ecommerce' },
  { text: '您的问题已记录，工作人员会在24小时内联系您。', lang: 'zh' },
  { text: '好的，还有其他问题吗？', lang: 'zh' },
  { text: 'Hello! How can I help you today?', lang: 'en' },
  { text: 'Your return request has been submitted.', lang: 'en', industry: 'ecommerce' },
  { text: 'Returns are free within 30 days of delivery.', lang: 'en', industry: 'ecommerce' },
  { text: 'The item is in stock and ships within two days.', lang: 'en', industry: 'ecommerce' },
  { text: 'Sorry for the delay; we are looking into it.', lang: 'en' },
  { text: 'Our office is open Monday to Friday, 9 am to 6 pm.', lang: 'en' },
  { text: 'You can reset your password from the login page.', lang: 'en' },
  {
    text: 'There is no risk-free investment; please read the product terms.',
    lang: 'en',
    industry: 'finance',
  },
  { text: 'We cannot guarantee returns on any product.', lang: 'en', industry: 'finance' },
  { text: 'Your card has been blocked as requested.', lang: 'en', industry: 'finance' },
  { text: 'Your statement is available in the mobile app.', lang: 'en', industry: 'finance' },
  {
    text: 'Your appointment is confirmed for Tuesday morning.',
    lang: 'en',
    industry: 'healthcare',
  },
  {
    text: 'Please bring your insurance card to the front desk.',
    lang: 'en',
    industry: 'healthcare',
  },
  { text: 'Thanks for your patience. Have a nice day!', lang: 'en' },
  { text: 'Is there anything else I can help with?', lang: 'en' },
  { text: 'The coupon applies automatically at checkout.', lang: 'en', industry: 'ecommerce' },
  { text: 'We have received your feedback and will reply by e-mail.', lang: 'en' },
  { text: 'Your subscription renews on the first of each month.', lang: 'en' },
  { text: 'You can track your parcel on the carrier website.', lang: 'en', industry: 'ecommerce' },
  { text: 'Visiting hours are from 2 pm to 8 pm.', lang: 'en', industry: 'healthcare' },
]
for (const c of clean) add({ ...c, category: 'clean' })

// Replies that need a disclaimer.
const needDisclaimer: Omit<LabelledReply, 'id' | 'category'>[] = [
  {
    text: '这只基金近一年的收益率为5.2%，属于中风险产品。',
    lang: 'zh',
    industry: 'finance',
    disclaimer: '投资有风险',
  },
  {
    text: '理财产品的年化收益以实际到期为准。',
    lang: 'zh',
    industry: 'finance',
    disclaimer: '投资有风险',
  },
  {
    text: '您可以在App中申购或赎回该基金。',
    lang: 'zh',
    industry: 'finance',
    disclaimer: '投资有风险',
  },
  { text: '股票账户开通后即可交易。', lang: 'zh', industry: 'finance', disclaimer: '投资有风险' },
  {
    text: '债券型基金的波动通常小于股票型基金。',
    lang: 'zh',
    industry: 'finance',
    disclaimer: '投资有风险',
  },
  {
    text: '定投是一种分散买入时点的投资方式。',
    lang: 'zh',
    industry: 'finance',
    disclaimer: '投资有风险',
  },
  {
    text: 'This fund returned 4.8% last year.',
    lang: 'en',
    industry: 'finance',
    disclaimer: 'Investment involves risk',
  },
  {
    text: 'You can invest from as little as 100 yuan.',
    lang: 'en',
    industry: 'finance',
    disclaimer: 'Investment involves risk',
  },
  {
    text: 'The portfolio holds bonds and equities.',
    lang: 'en',
    industry: 'finance',
    disclaimer: 'Investment involves risk',
  },
  {
    text: 'Stock trading opens at 9:30 on weekdays.',
    lang: 'en',
    industry: 'finance',
    disclaimer: 'Investment involves risk',
  },
  {
    text: '发烧超过38.5度可以考虑服用退烧药。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: '头痛可能与睡眠不足有关，建议多休息。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: '布洛芬的常见用法是每次一片，每日不超过三次。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: '咳嗽持续两周以上建议到呼吸科就诊。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: '高血压患者应定期监测血压。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: '过敏症状包括皮疹和打喷嚏。',
    lang: 'zh',
    industry: 'healthcare',
    disclaimer: '仅供参考',
  },
  {
    text: 'A mild fever usually passes in two or three days.',
    lang: 'en',
    industry: 'healthcare',
    disclaimer: 'for reference only',
  },
  {
    text: 'The usual dose is one tablet twice a day.',
    lang: 'en',
    industry: 'healthcare',
    disclaimer: 'for reference only',
  },
  {
    text: 'Headaches can be caused by dehydration.',
    lang: 'en',
    industry: 'healthcare',
    disclaimer: 'for reference only',
  },
  {
    text: 'Common flu symptoms include cough and fatigue.',
    lang: 'en',
    industry: 'healthcare',
    disclaimer: 'for reference only',
  },
]
for (const d of needDisclaimer) add({ ...d, category: 'disclaimer' })

const file = join(projectRoot, 'test', 'fixtures', 'compliance', 'dev-replies.jsonl')
writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
process.stdout.write(`${lines.length} lines written to ${file}\n`)
