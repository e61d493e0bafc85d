import { expect } from 'vitest'
import { z } from 'zod'
import type { ErrorBody } from '../../runtime/http/on-error.ts'
import { type ErrorCode, errorCodes } from '../../shared/index.ts'

const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
})

/** What invalid_request and flow_invalid errors list in `details.problems`. */
const problemsSchema = z.object({
  problems: z.array(
    z.looseObject({
      path: z.array(z.union([z.string(), z.number()])),
      message: z.string().min(1),
      code: z.string().optional(),
      severity: z.string().optional(),
    }),
  ),
})
export type ListedProblem = z.infer<typeof problemsSchema>['problems'][number]

/**
 * Asserts that `response` has this status and the API's error body with this code, and returns
 * the error for further checks. Status and code are compared together so a failure shows both.
 */
export async function expectError(
  response: Response,
  status: number,
  code: ErrorCode,
): Promise<ErrorBody['error']> {
  const text = await response.text()
  const parsed = errorBodySchema.safeParse(safeJson(text))
  expect(
    { status: response.status, code: parsed.data?.error.code },
    `response body: ${text.slice(0, 500)}`,
  ).toEqual({ status, code })
  return errorBodySchema.parse(safeJson(text)).error
}

/** The problems an invalid_request or flow_invalid error lists. */
export function problemsOf(error: ErrorBody['error']): ListedProblem[] {
  return problemsSchema.parse(error.details).problems
}

/** The paths of the problems an invalid_request or flow_invalid error lists. */
export function problemPaths(error: ErrorBody['error']): (string | number)[][] {
  return problemsOf(error).map((problem) => problem.path)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
