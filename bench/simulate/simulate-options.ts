import { z } from 'zod'

export const simulateUsage = `npm run simulate -- (--flow ID | --experiment ID | --demo) --conversations N [options]

Drives synthetic customers through the real HTTP API: each starts a conversation (the flow's
running experiment assigns the variant), answers solved or not, and may post a conversion,
with probabilities set per variant. Prints the experiment's results at the end.

  --flow ID            customers talk to this flow (its running experiment assigns them)
  --experiment ID      the same, for the experiment's flow
  --demo               create a two-version demo flow and a 50/50 experiment first
  --conversations N    how many customers (default 1000)
  --resolve A=0.7,B=0.75   chance per variant that the customer says it is solved (default 0.7)
  --convert A=0.1      chance per variant of posting a conversion (default 0)
  --abandon A=0.05     chance per variant of leaving without answering (default 0)
  --solved TEXT        what a satisfied customer says (default "解决了，谢谢")
  --unsolved TEXT      what an unsatisfied one says (default "没解决")
  --url URL            a running server (default: start one in a temporary data dir)
  --token TOKEN        its admin token (default: SWITCHBOARD_ADMIN_TOKEN)
  --concurrency N      customers at once (default 8)
  --seed N             random seed (default 1)
  --json               print the results as one JSON line only`

const rateMap = z
  .string()
  .regex(/^[\w\-\u4e00-\u9fff]+=(0(\.\d+)?|1(\.0+)?)(,[\w\-\u4e00-\u9fff]+=(0(\.\d+)?|1(\.0+)?))*$/)
  .transform((text) =>
    Object.fromEntries(
      text.split(',').map((pair) => {
        const [name = '', rate = '0'] = pair.split('=')
        return [name, Number(rate)]
      }),
    ),
  )

export const simulateOptionsSchema = z
  .object({
    flow: z.string().min(1).optional(),
    experiment: z.string().min(1).optional(),
    demo: z.boolean().default(false),
    conversations: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    resolve: rateMap.default({}),
    convert: rateMap.default({}),
    abandon: rateMap.default({}),
    solved: z.string().min(1).default('解决了，谢谢'),
    unsolved: z.string().min(1).default('没解决'),
    url: z.url().optional(),
    token: z.string().min(1).optional(),
    concurrency: z.coerce.number().int().min(1).max(256).default(8),
    seed: z.coerce.number().int().default(1),
    json: z.boolean().default(false),
  })
  .refine((o) => [o.flow, o.experiment, o.demo || undefined].filter(Boolean).length === 1, {
    message: 'give exactly one of --flow, --experiment or --demo',
  })
export type SimulateOptions = z.infer<typeof simulateOptionsSchema>

const flags = new Set(['demo', 'json'])

/** `--name value` pairs and bare flags → options; 'help' for --help. */
export function parseSimulateOptions(args: string[]): SimulateOptions | 'help' {
  const raw: Record<string, string | boolean> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg === '--help' || arg === '-h') return 'help'
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}\n\n${simulateUsage}`)
    const name = arg.slice(2)
    if (flags.has(name)) raw[name] = true
    else {
      const value = args[i + 1]
      if (value === undefined) throw new Error(`--${name} needs a value`)
      raw[name] = value
      i++
    }
  }
  const parsed = simulateOptionsSchema.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`)
    throw new Error(`${problems.join('\n')}\n\n${simulateUsage}`)
  }
  return parsed.data
}
