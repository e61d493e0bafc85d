// Runs validateFlow off the main thread: on a 500-node flow it takes ~100 ms, which would
// otherwise freeze typing and dragging whenever the operator pauses.
import { type Flow, validateFlow } from '../../../shared/index.ts'
import { buildEditorRegistry } from '../model/editor-registry.ts'
import type { NodeTypeInfo } from '../model/node-type-info.ts'

export type ValidateRequest =
  | { kind: 'node-types'; infos: NodeTypeInfo[] }
  | { kind: 'validate'; requestId: number; flow: Flow }

// The DOM lib types `self` as a Window, whose postMessage needs a target origin; a worker's
// does not. This is the one place that knows it runs in a worker.
interface WorkerScope {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ValidateRequest>) => void): void
}
const scope = self as unknown as WorkerScope

let registry = buildEditorRegistry([])

scope.addEventListener('message', (event) => {
  const request = event.data
  if (request.kind === 'node-types') {
    registry = buildEditorRegistry(request.infos)
    return
  }
  const { problems } = validateFlow(request.flow, registry)
  scope.postMessage({ requestId: request.requestId, problems })
})
