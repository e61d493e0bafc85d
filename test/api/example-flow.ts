import { readFileSync } from 'node:fs'
import { type Flow, flowSchema } from '../../shared/index.ts'

/** The shipped example: 星河商城's order status and returns flow, parsed as a flow. */
export function loadExampleFlow(): Flow {
  const url = new URL('../../examples/flows/ecommerce-order-service.json', import.meta.url)
  return flowSchema.parse(JSON.parse(readFileSync(url, 'utf8')))
}
