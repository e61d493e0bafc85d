import { useT } from '../i18n.ts'
import type { ConnectionTestResult, ProviderView } from './provider-model.ts'

export type TestState = { kind: 'running' } | { kind: 'done'; result: ConnectionTestResult }

/** One provider: default marker, source, models, key hint (never the key), its test result. */
export function ProviderRow(props: {
  provider: ProviderView
  test: TestState | undefined
  onTest(): void
  onMakeDefault(): void
  onEdit(): void
  onDelete(): void
  /** A designer reads the providers (to pick one in a node); only an admin changes or tests them. */
  canManage: boolean
}) {
  const t = useT()
  const { provider, test } = props
  const nameId = `provider-name-${provider.name}`
  const isOffline = provider.source === 'builtin'
  const keyText = provider.hasApiKey
    ? t('settings.keyHint', { hint: provider.apiKeyHint ?? '••••' })
    : t('settings.noKey')
  return (
    <li className="flow-row provider-row" data-provider={provider.name}>
      <div className="flow-row-main">
        <strong id={nameId}>{isOffline ? t('settings.offlineName') : provider.name}</strong>
        {isOffline && <code>{provider.name}</code>}
        {provider.isDefault && <span className="badge published">{t('settings.default')}</span>}
        {isOffline && <span className="badge draft">{t('settings.offline')}</span>}
        {provider.source === 'env' && <span className="badge">{t('settings.fromEnv')}</span>}
        {isOffline ? (
          <p>{t('settings.offlineDescription')}</p>
        ) : (
          <p>
            <code>{provider.baseUrl}</code> · {t('settings.chatModel')}: {provider.chatModel}
            {provider.embeddingModel &&
              ` · ${t('settings.embeddingModel')}: ${provider.embeddingModel}`}{' '}
            · <span className="key-hint">{keyText}</span>
          </p>
        )}
        {provider.problem && (
          <p role="alert" className="notice error">
            {provider.problem}
          </p>
        )}
        {test?.kind === 'running' && <p role="status">{t('settings.testing')}</p>}
        {test?.kind === 'done' && (
          <p
            role={test.result.ok ? 'status' : 'alert'}
            className={`notice ${test.result.ok ? 'info' : 'error'}`}
          >
            {test.result.ok
              ? t('settings.testOk', { latency: test.result.latencyMs, model: test.result.model })
              : t('settings.testFailed', { message: test.result.error?.message ?? '' })}
          </p>
        )}
      </div>
      {props.canManage && (
        <div className="flow-row-actions">
          <button
            type="button"
            aria-describedby={nameId}
            disabled={test?.kind === 'running'}
            onClick={props.onTest}
          >
            {t('settings.test')}
          </button>
          {!provider.isDefault && (
            <button type="button" aria-describedby={nameId} onClick={props.onMakeDefault}>
              {t('settings.makeDefault')}
            </button>
          )}
          {!provider.isReadOnly && (
            <>
              <button type="button" aria-describedby={nameId} onClick={props.onEdit}>
                {t('settings.edit')}
              </button>
              <button
                type="button"
                className="danger-text"
                aria-describedby={nameId}
                onClick={props.onDelete}
              >
                {t('common.delete')}
              </button>
            </>
          )}
        </div>
      )}
    </li>
  )
}
