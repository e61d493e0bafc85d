/**
 * A labelled, required password input. `autoComplete` tells the browser's password manager
 * whether to fill a saved password (`current-password`) or offer a new one (`new-password`).
 */
export function PasswordField(props: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  autoComplete: 'current-password' | 'new-password'
}) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="password"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        required
      />
    </>
  )
}
