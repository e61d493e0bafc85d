import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'sqlite',
  schema: './runtime/storage/schema.ts',
  out: './runtime/storage/migrations',
})
