export * from './sandbox-service.ts'
