import { useT } from '../i18n.ts'
import { usePreviewStore } from './preview-store.ts'
import { parseProfile } from './simulated-customer.ts'

/** Who the test chat pretends to be; applies when the conversation starts or is reset. */
export function CustomerForm() {
  const t = useT()
  const customer = usePreviewStore((s) => s.customer)
  const setCustomer = usePreviewStore((s) => s.setCustomer)
  const parsed = parseProfile(customer.profileText)
  return (
    <details className="customer-form">
      <summary>{t('chat.customerHeading')}</summary>
      <div className="customer-fields">
        <p className="hint">{t('chat.customerHint')}</p>
        <label htmlFor="chat-customer-id">{t('chat.customerId')}</label>
        <input
          id="chat-customer-id"
          className="customer-field"
          value={customer.customerId}
          onChange={(e) => setCustomer({ ...customer, customerId: e.target.value })}
        />
        <label htmlFor="chat-channel">{t('chat.channel')}</label>
        <input
          id="chat-channel"
          className="customer-field"
          value={customer.channel}
          onChange={(e) => setCustomer({ ...customer, channel: e.target.value })}
        />
        <label htmlFor="chat-profile">{t('chat.profileJson')}</label>
        <textarea
          id="chat-profile"
          className="customer-field json"
          rows={3}
          spellCheck={false}
          placeholder='{"name": "王女士"}'
          aria-invalid={!parsed.ok}
          aria-describedby={parsed.ok ? undefined : 'chat-profile-error'}
          value={customer.profileText}
          onChange={(e) => setCustomer({ ...customer, profileText: e.target.value })}
        />
        {!parsed.ok && (
          <p id="chat-profile-error" role="alert" className="field-error">
            {t(parsed.reason === 'json' ? 'chat.profileNotJson' : 'chat.profileNotObject')}
          </p>
        )}
      </div>
    </details>
  )
}
