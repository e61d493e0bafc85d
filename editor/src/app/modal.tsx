import { type ReactNode, useEffect, useId, useRef } from 'react'

/** A dialog over the page: labelled by its title, Escape closes it, focus moves into it. */
export function Modal(props: {
  title: string
  onClose(): void
  children: ReactNode
  /** Extra class for a wider dialog (the version compare view). */
  className?: string
}) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const { onClose } = props

  useEffect(() => {
    const previous = document.activeElement
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, select, button')
    first?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('keydown', onKey)
      if (previous instanceof HTMLElement) previous.focus()
    }
  }, [onClose])

  return (
    <div className="modal-backdrop">
      <div
        className={props.className ? `modal ${props.className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ref={ref}
      >
        <h2 id={titleId}>{props.title}</h2>
        {props.children}
      </div>
    </div>
  )
}
