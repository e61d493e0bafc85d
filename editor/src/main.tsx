import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { FlowListPage } from './flow-list-page.tsx'
import './styles.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <FlowListPage />
    </StrictMode>,
  )
}
