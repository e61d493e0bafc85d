import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'

/** The keyboard shortcuts of the canvas. */
export function ShortcutsHelp(props: { onClose(): void }) {
  const t = useT()
  const rows = [
    ['Ctrl/⌘ + Z', t('shortcuts.undo')],
    ['Ctrl/⌘ + Shift + Z, Ctrl + Y', t('shortcuts.redo')],
    ['Ctrl/⌘ + D', t('shortcuts.duplicate')],
    ['Delete, Backspace', t('shortcuts.delete')],
    ['Tab, ← ↑ → ↓', t('shortcuts.move')],
    ['Ctrl/⌘ + click, Shift + drag', t('shortcuts.select')],
  ]
  return (
    <Modal title={t('shortcuts.title')} onClose={props.onClose}>
      <table className="shortcuts">
        <tbody>
          {rows.map(([keys, meaning]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
