export * from './conversation-store.ts'
export * from './database.ts'
export * from './flow-store.ts'
