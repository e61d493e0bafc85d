import { buildEditorIfStale, buildServerIfStale } from '../scripts/build.mjs'

/**
 * Builds the editor and the server bundle once, before any test file runs: browser tests load
 * the built editor and process tests start the bundle, exactly as `npm start` does.
 */
export default async function setup(): Promise<void> {
  buildEditorIfStale()
  await buildServerIfStale()
}
