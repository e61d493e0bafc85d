export * from './address-policy.ts'
export * from './guarded-lookup.ts'
export * from './http-service.ts'
