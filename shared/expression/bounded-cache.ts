/**
 * A Map that forgets its least recently used entry past `capacity`. Parse results and compiled
 * regexes live in these, so flows with endless distinct templates cannot grow memory forever.
 */
export class BoundedCache<Key, Value> {
  readonly #entries = new Map<Key, Value>()

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#entries.size
  }

  get(key: Key): Value | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      // A Map iterates in insertion order: re-inserting marks the entry as most recently used.
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  set(key: Key, value: Value): void {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next()
      if (!oldest.done) this.#entries.delete(oldest.value)
    }
  }
}
