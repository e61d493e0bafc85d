import { z } from 'zod'
import { defineNode } from '../../shared/index.ts'

export default defineNode({
  type: 'start',
  version: 1,
  category: 'basic',
  titles: { 'zh-CN': '开始', en: 'Start' },
  descriptions: {
    'zh-CN': '对话的入口，每个流程恰好一个。',
    en: 'Where every conversation enters the flow; a flow has exactly one.',
  },
  config: z.object({}),
  outputs: () => ['next'],
  run: () => ({ port: 'next' }),
})
