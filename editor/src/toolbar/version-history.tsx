import { useEffect, useState } from 'react'
import { z } from 'zod'
import { apiRequest, errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useLocaleStore, useT } from '../i18n.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'

const versionsSchema = z.object({
  versions: z.array(z.object({ version: z.number(), note: z.string(), publishedAt: z.string() })),
})
type Version = z.infer<typeof versionsSchema>['versions'][number]

/** The published versions of the flow, newest first, with their notes. */
export function VersionHistory(props: { onClose(): void }) {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const flowId = useFlowDraftStore((s) => s.flowId)
  const latestVersion = useFlowDraftStore((s) => s.latestVersion)
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [error, setError] = useState('')

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a version is published
  useEffect(() => {
    if (!flowId) return
    apiRequest('GET', `/api/flows/${encodeURIComponent(flowId)}/versions`)
      .then((body) => setVersions(versionsSchema.parse(body).versions))
      .catch((caught: unknown) => setError(errorMessage(caught)))
  }, [flowId, latestVersion])

  return (
    <Modal title={t('versions.title')} onClose={props.onClose}>
      {error && <p role="alert">{t('common.error', { message: error })}</p>}
      {versions === null && !error && <p>{t('common.loading')}</p>}
      {versions?.length === 0 && <p>{t('versions.none')}</p>}
      <ol className="version-list">
        {versions?.map((v) => (
          <li key={v.version}>
            <strong>
              {t('versions.item', {
                version: v.version,
                time: new Date(v.publishedAt).toLocaleString(locale),
              })}
            </strong>
            {v.note && <p>{v.note}</p>}
          </li>
        ))}
      </ol>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
