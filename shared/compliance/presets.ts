import {
  type CompliancePolicy,
  type CompliancePolicyInput,
  type ComplianceRuleInput,
  compliancePolicySchema,
  type Industry,
} from './policy-schema.ts'
import { ecommerceRules } from './preset-ecommerce.ts'
import { financeRules } from './preset-finance.ts'
import { healthcareRules } from './preset-healthcare.ts'

// Rules every preset starts from: personal data is masked, abuse of the customer is blocked,
// and a chat reply longer than a screenful is cut.
const baseRules: ComplianceRuleInput[] = [
  {
    id: 'pii',
    kind: 'pii',
    description: '手机号、身份证号、银行卡号、邮箱、地址打码 / mask personal data',
    types: ['mobile', 'idCard', 'bankCard', 'email', 'address'],
    action: 'mask',
  },
  {
    id: 'abuse',
    kind: 'terms',
    description: '辱骂客户 / insults',
    terms: [
      '傻逼',
      '傻B',
      '煞笔',
      '蠢货',
      '白痴',
      '智障',
      '脑残',
      '滚开',
      '去死',
      '废物',
      '你妈的',
      '神经病',
      '你是不是傻',
      '你傻吗',
      '你有病',
      '有病吧',
      '少废话',
      '爱买不买',
      '爱要不要',
      '爱退不退',
      '关我屁事',
      '不买就滚',
      'idiot',
      'moron',
      'stupid',
      'shut up',
      'dumbass',
      'go to hell',
      'screw you',
      'are you dumb',
      'dumb question',
      'not my problem',
      'figure it out yourself',
    ],
    action: 'block',
    isNegationAware: false,
  },
  {
    id: 'max-length',
    kind: 'maxLength',
    description: '单条回复不超过 1000 字 / at most 1000 characters',
    maxChars: 1000,
    action: 'truncate',
  },
]

const generalRules = baseRules

// Promises no customer-service reply may make, whatever the business: the general default
// blocks them too. Words that are harmless elsewhere ("无风险退货", "risk-free trial") stay in
// the industry presets.
const falsePromises: ComplianceRuleInput[] = [
  {
    id: 'false-promises',
    kind: 'terms',
    description: '绝对化收益与疗效承诺 / promised profits and cures',
    terms: [
      '稳赚不赔',
      '只赚不赔',
      '包赚不赔',
      '保本保息',
      '包治百病',
      '药到病除',
      '100%治愈',
      'guaranteed returns',
      'guaranteed return',
      'guaranteed profit',
      'guaranteed profits',
      'miracle cure',
      'cures all',
    ],
    action: 'block',
  },
]

const presetInputs: Record<Industry, CompliancePolicyInput> = {
  general: {
    id: 'general',
    name: '通用 / General',
    description: '未选择策略的流程使用此默认策略：个人信息打码、辱骂拦截、长度限制。',
    industry: 'general',
    rules: [...generalRules, ...falsePromises],
  },
  finance: {
    id: 'finance',
    name: '金融 / Finance',
    description: '禁止保本、稳赚等承诺收益的说法；谈及投资时附“投资有风险”。',
    industry: 'finance',
    rules: [...generalRules, ...financeRules],
  },
  healthcare: {
    id: 'healthcare',
    name: '医疗健康 / Healthcare',
    description: '禁止包治、根治等疗效承诺；涉及病情用药的回复附免责声明。',
    industry: 'healthcare',
    rules: [...generalRules, ...healthcareRules],
  },
  ecommerce: {
    id: 'ecommerce',
    name: '电商 / E-commerce',
    description: '禁止广告法绝对化用语与引导站外交易。',
    industry: 'ecommerce',
    rules: [...generalRules, ...ecommerceRules],
  },
}

/** The built-in, read-only policies, by id. A copy of one can be edited. */
export const compliancePresets: ReadonlyMap<string, CompliancePolicy> = new Map(
  Object.values(presetInputs).map((input) => {
    const policy = compliancePolicySchema.parse(input)
    return [policy.id, policy]
  }),
)

export const defaultPolicyId = 'general'

/** The preset for an industry; the general default for any other value. */
export function presetFor(industry: string | undefined): CompliancePolicy {
  const preset =
    compliancePresets.get(industry ?? defaultPolicyId) ?? compliancePresets.get(defaultPolicyId)
  if (!preset) throw new Error('the general compliance preset is missing')
  return preset
}

export function isPresetId(policyId: string): boolean {
  return compliancePresets.has(policyId)
}
