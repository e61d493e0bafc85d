import { describe, expect, it } from 'vitest'
import {
  formatBytes,
  isIngesting,
  type KnowledgeDocumentView,
  progressPercent,
  uploadProblem,
} from './knowledge-model.ts'

function doc(status: KnowledgeDocumentView['status'], progress = 0): KnowledgeDocumentView {
  return {
    id: 'd',
    name: 'a.md',
    status,
    progress,
    error: null,
    byteSize: 1,
    chunkCount: 0,
    updatedAt: '',
  }
}

describe('document progress', () => {
  it('keeps polling while any document is queued or processing', () => {
    expect(isIngesting([doc('ready', 1), doc('processing', 0.3)])).toBe(true)
    expect(isIngesting([doc('queued')])).toBe(true)
    expect(isIngesting([doc('ready', 1), doc('failed')])).toBe(false)
    expect(isIngesting([])).toBe(false)
  })

  it('shows progress as a clamped whole percentage, 100 once ready', () => {
    expect(progressPercent(doc('processing', 0.456))).toBe(46)
    expect(progressPercent(doc('processing', 1.7))).toBe(100)
    expect(progressPercent(doc('queued', -1))).toBe(0)
    expect(progressPercent(doc('processing', Number.NaN))).toBe(0)
    expect(progressPercent(doc('ready', 0))).toBe(100)
  })
})

describe('formatBytes', () => {
  it('uses B, KB, MB with one decimal below ten', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(3500)).toBe('3.4 KB')
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB')
  })
})

describe('uploadProblem', () => {
  it('refuses a file type the server does not index, naming its extension', () => {
    expect(uploadProblem({ name: 'setup.EXE', size: 10 })).toEqual({
      kind: 'type',
      extension: '.exe',
    })
    expect(uploadProblem({ name: 'README', size: 10 })).toEqual({ kind: 'type', extension: '' })
  })

  it('refuses a file over 50 MB before sending it', () => {
    expect(uploadProblem({ name: 'faq.csv', size: 50 * 1024 * 1024 + 1 })).toEqual({ kind: 'size' })
  })

  it('lets an FAQ sheet or a Markdown page through', () => {
    expect(uploadProblem({ name: '会员FAQ.csv', size: 282 })).toBeUndefined()
    expect(uploadProblem({ name: '会员权益.md', size: 320 })).toBeUndefined()
  })
})
