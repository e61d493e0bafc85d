import type { JsonObject, JsonValue } from '../../shared/index.ts'

/** One entity found in a message: the value a variable gets and where it was said. */
export interface EntityMatch {
  value: JsonValue
  text: string
  start: number
  end: number
  /** More about the value for the node's output, e.g. `{ currency: 'CNY' }`. */
  detail?: JsonObject
}
