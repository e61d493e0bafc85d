import { tokenPricesSchema } from './routes/analytics.ts'

const cuts = '`from`, `to` (YYYY-MM-DD, inclusive, UTC start day), `versions=1,2`'

/** Analytics operations (docs/analytics.md), listed in openapi.ts `apiOperations`. */
export function analyticsOperations() {
  const tag = 'analytics' as const
  return [
    {
      method: 'get' as const,
      path: '/api/analytics/kpis',
      summary: `KPIs (DESIGN §10) per group: \`groupBy\` day|variant|channel|locale|intent|version; filters \`flowId\`, ${cuts}, \`variant\`, \`channel\`, \`locale\`, \`intent\`; \`format=csv\` to export`,
      tag,
      success: { status: 200, description: '{ groups, targets, currency } or text/csv' },
      errors: [401, 403, 404, 422],
    },
    {
      method: 'get' as const,
      path: '/api/analytics/unanswered',
      summary: `Top unanswered questions (intent fallbacks, empty retrievals), most asked first; \`flowId\`, \`from\`, \`to\`, \`reason\`, \`limit\`, \`format=csv\``,
      tag,
      success: { status: 200, description: '{ questions } or text/csv' },
      errors: [401, 403, 404, 422],
    },
    {
      method: 'get' as const,
      path: '/api/analytics/flows/{id}/nodes',
      summary: `Per node of a flow: entries, exits per port, errors, drop-offs, p95 duration, per variant; ${cuts}, \`variant\``,
      tag,
      success: { status: 200, description: '{ flowId, variants: [{ variant, nodes }] }' },
      errors: [401, 403, 404, 422],
    },
    {
      method: 'get' as const,
      path: '/api/analytics/prices',
      summary: 'Token prices used for cost (per 1,000 prompt and completion tokens)',
      tag,
      success: { status: 200, description: '{ promptPer1k, completionPer1k, currency }' },
      errors: [401, 403],
    },
    {
      method: 'put' as const,
      path: '/api/analytics/prices',
      summary: 'Set the token prices (admins); cost is computed when read, so history re-prices',
      tag,
      body: tokenPricesSchema,
      success: { status: 200, description: 'The prices' },
      errors: [400, 401, 403, 413, 422],
    },
  ]
}
