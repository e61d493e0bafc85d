import { useT } from '../i18n.ts'

/**
 * The foot of a dialog's form: the error of the last attempt (announced), Cancel, and the submit
 * button, disabled while the form is busy or incomplete.
 */
export function FormActions(props: {
  error: string
  submitLabel: string
  isDisabled: boolean
  onCancel(): void
}) {
  const t = useT()
  return (
    <>
      {props.error && (
        <p role="alert" className="notice error">
          {props.error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={props.isDisabled}>
          {props.submitLabel}
        </button>
      </div>
    </>
  )
}
