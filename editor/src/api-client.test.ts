import { afterEach, describe, expect, it } from 'vitest'
import { ApiError, errorMessage } from './api-client.ts'
import { useLocaleStore } from './i18n.ts'

afterEach(() => useLocaleStore.setState({ locale: 'zh-CN' }))

describe('errorMessage', () => {
  it('says in the operator’s language that the server cannot be reached', () => {
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      '无法连接服务器：请检查网络或服务器是否在运行，然后重试。',
    )
    useLocaleStore.setState({ locale: 'en' })
    expect(errorMessage(new TypeError('Load failed'))).toMatch(/^Cannot reach the server/)
  })

  it('says an API error by its code in the operator’s language', () => {
    const error = new ApiError(404, 'flow_not_found', 'Flow f does not exist', { flowId: 'f' })

    expect(errorMessage(error)).toBe('流程 f 不存在，可能已被删除。')
  })

  it('keeps the message of an error that is not the API’s', () => {
    expect(errorMessage(new TypeError('x is not a function'))).toBe('x is not a function')
  })
})
