import { useEffect, useState } from 'react'
import { z } from 'zod'
import { apiRequest, errorMessage } from '../api-client.ts'
import { Modal } from '../app/modal.tsx'
import { useLocaleStore, useT } from '../i18n.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { RestoreDialog } from '../versions/restore-dialog.tsx'
import { VersionCompare } from '../versions/version-compare.tsx'

const versionsSchema = z.object({
  versions: z.array(z.object({ version: z.number(), note: z.string(), publishedAt: z.string() })),
})
type Version = z.infer<typeof versionsSchema>['versions'][number]

/** The published versions of the flow, newest first, with their notes; compare and restore. */
export function VersionHistory(props: { onClose(): void; onRestored(version: number): void }) {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const flowId = useFlowDraftStore((s) => s.flowId)
  const latestVersion = useFlowDraftStore((s) => s.latestVersion)
  const isReadOnly = useFlowDraftStore((s) => s.isReadOnly)
  const [versions, setVersions] = useState<Version[] | null>(null)
  const [error, setError] = useState('')
  const [comparing, setComparing] = useState<{ before: number; after: number } | null>(null)
  const [restoring, setRestoring] = useState<number | null>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when a version is published
  useEffect(() => {
    if (!flowId) return
    apiRequest('GET', `/api/flows/${encodeURIComponent(flowId)}/versions`)
      .then((body) => setVersions(versionsSchema.parse(body).versions))
      .catch((caught: unknown) => setError(errorMessage(caught)))
  }, [flowId, latestVersion])

  if (flowId && versions && comparing) {
    return (
      <VersionCompare
        flowId={flowId}
        versions={versions.map((v) => v.version)}
        initial={comparing}
        onClose={() => setComparing(null)}
      />
    )
  }
  if (flowId && restoring !== null) {
    return (
      <RestoreDialog
        flowId={flowId}
        version={restoring}
        onClose={() => setRestoring(null)}
        onRestored={props.onRestored}
      />
    )
  }
  // Newest first: the one after an item in the list is the version before it.
  const previousOf = (index: number) => versions?.[index + 1]?.version

  return (
    <Modal title={t('versions.title')} onClose={props.onClose}>
      {error && <p role="alert">{t('common.error', { message: error })}</p>}
      {versions === null && !error && <p>{t('common.loading')}</p>}
      {versions?.length === 0 && <p>{t('versions.none')}</p>}
      <ol className="version-list">
        {versions?.map((v, index) => (
          <li key={v.version}>
            <strong>
              {t('versions.item', {
                version: v.version,
                time: new Date(v.publishedAt).toLocaleString(locale),
              })}
            </strong>
            {v.note && <p>{v.note}</p>}
            <div className="version-actions">
              {previousOf(index) !== undefined && (
                <button
                  type="button"
                  onClick={() =>
                    setComparing({ before: previousOf(index) ?? v.version, after: v.version })
                  }
                >
                  {t('versions.compare', { version: v.version })}
                </button>
              )}
              {!isReadOnly && (
                <button type="button" onClick={() => setRestoring(v.version)}>
                  {t('versions.restore', { version: v.version })}
                </button>
              )}
            </div>
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
