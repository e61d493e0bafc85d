import { useT } from '../i18n.ts'

/** Marks a designer's test chat, so that no agent takes it for a customer. */
export function TestBadge() {
  const t = useT()
  return (
    <span className="badge test-chat" title={t('console.testBadgeTitle')}>
      {t('console.testBadge')}
    </span>
  )
}
