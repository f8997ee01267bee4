import { requireFunction } from '../function-records.ts';
import type { LambdaContext } from '../service.ts';

/**
 * In process only; drops the function's queued events and ends its environments.
 * https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunction.html
 */
export async function deleteFunction(ctx: LambdaContext, name: string): Promise<void> {
  const record = requireFunction(ctx, name);
  ctx.store.delete(record.config.name);
  ctx.queue.dropFunction(record.config.name);
  await ctx.retireRuntime(record.config.name);
}
