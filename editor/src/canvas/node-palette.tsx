import { useReactFlow } from '@xyflow/react'
import { type DragEvent, useState } from 'react'
import { nodeCategories } from '../../../shared/index.ts'
import { findMessageKey, useLocaleStore, useT } from '../i18n.ts'
import { freeSpotNear } from '../model/free-spot.ts'
import { categoryOf, titleOf } from '../model/node-type-info.ts'
import { useFlowDraftStore } from '../stores/flow-draft-store.ts'
import { useNodeTypesStore } from '../stores/node-types-store.ts'
import { addNodeAt, paletteDragType } from './flow-canvas.tsx'

/** Node types by category, searchable; drag one onto the canvas, or focus it and press Enter. */
export function NodePalette() {
  const t = useT()
  const locale = useLocaleStore((s) => s.locale)
  const infos = useNodeTypesStore((s) => s.infos)
  const [query, setQuery] = useState('')
  const { screenToFlowPosition } = useReactFlow()
  const needle = query.trim().toLowerCase()

  const entries = [...infos.values()]
    .map((info) => ({
      info,
      title: titleOf(info, locale),
      description: info.descriptions?.[locale] ?? info.descriptions?.['zh-CN'] ?? '',
    }))
    .filter(
      ({ info, title }) =>
        needle === '' ||
        title.toLowerCase().includes(needle) ||
        info.type.toLowerCase().includes(needle),
    )

  const addAtCenter = (type: string) => {
    const canvas = document.querySelector('.canvas')?.getBoundingClientRect()
    const center = canvas
      ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 }
      : { x: 400, y: 300 }
    const flow = useFlowDraftStore.getState().flow
    const middle = screenToFlowPosition(center)
    addNodeAt(type, flow ? freeSpotNear(flow, middle) : middle)
  }

  const onDragStart = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(paletteDragType, type)
    event.dataTransfer.effectAllowed = 'move'
  }

  return (
    <aside className="palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading">{t('palette.heading')}</h2>
      <input
        type="search"
        aria-label={t('palette.search')}
        placeholder={t('palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p className="hint">{t('palette.hint')}</p>
      {entries.length === 0 && <p>{t('palette.empty')}</p>}
      {nodeCategories.map((category) => {
        const inCategory = entries.filter((e) => categoryOf(e.info) === category)
        if (inCategory.length === 0) return null
        const key = findMessageKey(`category.${category}`)
        return (
          <section key={category} className="palette-group">
            <h3>{key ? t(key) : category}</h3>
            <ul>
              {inCategory.map(({ info, title, description }) => (
                <li key={info.type}>
                  <button
                    type="button"
                    className={`palette-item category-${category}`}
                    draggable
                    data-node-type={info.type}
                    title={description}
                    onDragStart={(e) => onDragStart(e, info.type)}
                    onClick={() => addAtCenter(info.type)}
                  >
                    {title}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )
      })}
    </aside>
  )
}
