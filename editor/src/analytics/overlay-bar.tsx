import { useEffect } from 'react'
import { useT } from '../i18n.ts'
import { useOverlayStore } from './overlay-store.ts'
import './analytics.css'

const dayChoices = [7, 30, 90, 365]

/** Above the canvas: the overlay toggle and, while on, its period or experiment. */
export function OverlayBar(props: { flowId: string }) {
  const t = useT()
  const isOn = useOverlayStore((s) => s.isOn)
  const days = useOverlayStore((s) => s.days)
  const experiments = useOverlayStore((s) => s.experiments)
  const experimentId = useOverlayStore((s) => s.experimentId)
  const variants = useOverlayStore((s) => s.shownVariants)
  const status = useOverlayStore((s) => s.status)
  const error = useOverlayStore((s) => s.error)
  const store = useOverlayStore.getState()

  useEffect(() => () => useOverlayStore.getState().reset(), [])

  return (
    <div className="overlay-bar" role="toolbar" aria-label={t('overlay.label')}>
      <button type="button" aria-pressed={isOn} onClick={() => store.toggle(props.flowId)}>
        {t('overlay.toggle')}
      </button>
      {isOn && (
        <>
          <label>
            {t('overlay.experiment')}{' '}
            <select value={experimentId} onChange={(e) => store.setExperiment(e.target.value)}>
              <option value="">{t('overlay.noExperiment')}</option>
              {experiments.map((experiment) => (
                <option key={experiment.id} value={experiment.id}>
                  {experiment.name}
                </option>
              ))}
            </select>
          </label>
          {experimentId === '' && (
            <label>
              {t('analytics.period')}{' '}
              <select value={days} onChange={(e) => store.setDays(Number(e.target.value))}>
                {dayChoices.map((choice) => (
                  <option key={choice} value={choice}>
                    {t('analytics.lastDays', { days: choice })}
                  </option>
                ))}
              </select>
            </label>
          )}
          {variants.length > 1 && (
            <span className="overlay-legend">
              {t('overlay.sideBySide', { a: variants[0] ?? '', b: variants[1] ?? '' })}
            </span>
          )}
          {status === 'loading' && <span className="hint">{t('common.loading')}</span>}
          {status === 'error' && (
            <span role="alert" className="notice error">
              {t('common.error', { message: error })}
            </span>
          )}
          <a href={`#/analytics/${encodeURIComponent(props.flowId)}`}>{t('overlay.dashboard')}</a>
        </>
      )}
    </div>
  )
}
