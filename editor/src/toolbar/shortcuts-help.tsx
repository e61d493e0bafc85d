import { Modal } from '../app/modal.tsx'
import { useT } from '../i18n.ts'

/** The keyboard shortcuts of the canvas. */
export function ShortcutsHelp(props: { onClose(): void }) {
  const t = useT()
  const rows = [
    ['Ctrl/⌘ + Z', t('shortcuts.undo')],
    ['Ctrl/⌘ + Shift + Z, Ctrl + Y', t('shortcuts.redo')],
    ['Ctrl/⌘ + C', t('shortcuts.copy')],
    ['Ctrl/⌘ + V', t('shortcuts.paste')],
    ['Ctrl/⌘ + D', t('shortcuts.duplicate')],
    ['Shift + L', t('shortcuts.autoLayout')],
    ['Delete, Backspace', t('shortcuts.delete')],
    ['Tab, ← ↑ → ↓', t('shortcuts.move')],
    ['Ctrl/⌘ + click, Shift + drag', t('shortcuts.select')],
    ['Tab, Shift + Tab', t('shortcuts.tab')],
    ['Esc', t('shortcuts.escape')],
    ['?', t('shortcuts.help')],
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
