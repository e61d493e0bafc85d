import { afterEach, describe, expect, it } from 'vitest'
import { errorCodes, type Problem } from '../../shared/index.ts'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { ApiError } from './api-client.ts'
import { errorText } from './error-text.ts'
import { useLocaleStore } from './i18n.ts'

afterEach(() => useLocaleStore.setState({ locale: 'zh-CN' }))

const catalogs = { 'zh-CN': zhCN as Record<string, string>, en: en as Record<string, string> }
const serverSentence = 'An English sentence from the server'
const zh = (code: string, details?: unknown, role?: string) =>
  errorText(new ApiError(400, code, serverSentence, details), 'zh-CN', role)

describe('error text', () => {
  // errorCodes is what runtime/http/on-error.ts statusByCode must cover (`satisfies Record`).
  it.each(Object.entries(catalogs))(
    'has a %s text for every code the server sends',
    (_, catalog) => {
      expect(errorCodes.filter((code) => !(`apiError.${code}` in catalog))).toEqual([])
    },
  )

  it.each(errorCodes.map((code) => [code]))('says %s without the server’s English', (code) => {
    const text = zh(code, { flowId: 'after-sales', name: 'KEY', retryAfterSeconds: 30 })

    expect(text).not.toContain(serverSentence)
    expect(text).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('names the refused file and the file types that can be uploaded', () => {
    const details = {
      fileName: 'price.exe',
      reason: 'unsupported file type .exe (supported: .pdf, .docx, .txt)',
    }

    expect(zh('document_invalid', details)).toBe(
      '无法导入「price.exe」：不支持这种文件类型，可以上传 .pdf, .docx, .txt。',
    )
  })

  it('says a scanned PDF without text needs text recognition', () => {
    const details = {
      fileName: 'scan.pdf',
      reason: 'the document contains no text (a scanned PDF needs OCR first)',
    }

    expect(zh('document_invalid', details)).toBe(
      '无法导入「scan.pdf」：文件里没有可读取的文字（扫描版 PDF 需先做文字识别）。',
    )
  })

  it.each([
    ['unsupported_type', '不支持这种文件类型，可以上传 .pdf, .csv。'],
    ['corrupt', '文件已损坏或无法读取，请检查后重新上传。'],
    ['no_text', '文件里没有可读取的文字（扫描版 PDF 需先做文字识别）。'],
    ['empty', '表格里没有问答行。'],
    ['columns_missing', '表格第一行要写明问题列和答案列（如“问题”和“答案”）。'],
    ['send_as_file', '这种文件请用“上传文件”导入。'],
  ])('says a refused upload’s reason %s from its code, not the English', (reasonCode, text) => {
    const details = {
      fileName: 'a.pdf',
      reason: 'Worded differently by a newer server',
      reasonCode,
      supported: ['.pdf', '.csv'],
    }

    expect(zh('document_invalid', details)).toBe(`无法导入「a.pdf」：${text}`)
  })

  it('names the user’s role when it may not do something', () => {
    expect(zh('forbidden', undefined, 'analyst')).toBe(
      '你的角色（分析员）无权进行此操作：如需权限，请联系管理员。',
    )
  })

  it('says when to try again after a rate limit or a lock-out', () => {
    expect(zh('rate_limited', { retryAfterSeconds: 30 })).toBe('操作太频繁：请 30 秒后再试。')
    expect(zh('account_locked', { retryAfterSeconds: 900 })).toContain('900 秒后再试')
  })

  it('gives a size limit in MB or KB', () => {
    expect(zh('payload_too_large', { limitBytes: 5 * 1024 * 1024 })).toContain('上限是 5 MB')
    expect(zh('payload_too_large', { limitBytes: 64 * 1024 })).toContain('上限是 64 KB')
  })

  it('tells who saved a conflicting revision', () => {
    const details = { flowId: 'after-sales', expectedRevision: 7, currentRevision: 9 }

    expect(zh('revision_conflict', details)).toBe(
      '其他人已保存了流程 after-sales（修订号 9）：请重新加载后再修改。',
    )
  })

  it('names the first problem of a refused publish in the operator’s language', () => {
    const problem: Problem = {
      severity: 'error',
      code: 'compliance_policy_unknown',
      message: 'Compliance policy "strict" does not exist',
      path: ['settings', 'compliancePolicy'],
    }

    expect(zh('flow_invalid', { flowId: 'f', problems: [problem, problem] })).toBe(
      '流程有 2 个错误，请先修复。第一个：合规策略「strict」不存在：请选择一个已有的策略。',
    )
  })

  it('names the refused field of an invalid request with zod’s reason in Chinese', () => {
    const details = {
      problems: [{ path: ['name'], message: 'Too small: expected string to have >=1 characters' }],
    }

    expect(zh('invalid_request', details)).toBe('「名称」至少需要 1 个字符：请修改后重试。')
  })

  it('takes the refused field’s reason from the issue params, not zod’s wording', () => {
    const details = {
      problems: [
        {
          path: ['name'],
          message: 'Worded differently by a newer zod',
          params: { issue: 'too_small', origin: 'string', minimum: 1 },
        },
      ],
    }

    expect(zh('invalid_request', details)).toBe('「名称」至少需要 1 个字符：请修改后重试。')
  })

  it('says in English what a refusal means when the editor is in English', () => {
    const error = new ApiError(404, 'knowledge_base_not_found', serverSentence, {
      knowledgeBaseId: 'faq',
    })

    expect(errorText(error, 'en')).toBe('Knowledge base faq does not exist (any more).')
  })

  it('keeps the server’s message for a code this editor does not know', () => {
    expect(zh('brand_new_code')).toBe(serverSentence)
  })

  it('says the HTTP status when the answer has no error code', () => {
    expect(errorText(new ApiError(502, 'unknown', 'Bad Gateway'), 'zh-CN')).toBe(
      '服务器返回了错误（HTTP 502）：请稍后重试。',
    )
  })
})
