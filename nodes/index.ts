import type { AnyNodeType } from '../shared/index.ts'
import ask from './ask/index.ts'
import condition from './condition/index.ts'
import end from './end/index.ts'
import reply from './reply/index.ts'
import setVariable from './set-variable/index.ts'
import start from './start/index.ts'

/** The node types every deployment has, in palette order. */
export const builtinNodeTypes: AnyNodeType[] = [start, reply, ask, condition, setVariable, end]
