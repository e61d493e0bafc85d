export { numberPattern, parseChineseNumber, toHalfWidth } from './chinese-number.ts'
export { type FakeLlmAnswer, fakeLlm } from './fake-llm.ts'
export { askModelForJson, type ModelJsonRequest } from './model-json.ts'
