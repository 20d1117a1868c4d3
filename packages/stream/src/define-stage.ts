import type { z } from 'zod'
import type { Stage } from './types.ts'

/**
 * Declares a stage with its handler typed by its schemas (`event` is the input schema's type, the
 * outputs must match the output schema's), and returns it as the runner takes it.
 */
export function defineStage<I extends z.ZodType, O extends z.ZodType>(stage: Stage<I, O>): Stage {
  return stage as unknown as Stage
}
