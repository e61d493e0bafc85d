export const projectRoot: string
export const serverBundle: string
/** Node flags the server runs with. */
export const serverNodeFlags: string[]
/** Builds dist/editor when missing or older than its sources; true when it built. */
export function buildEditorIfStale(): boolean
/** Builds dist/server/main.mjs when missing or older than its sources; true when it built. */
export function buildServerIfStale(): Promise<boolean>
