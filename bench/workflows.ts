// The bench's workflow bundle: the product's workflows plus the empty one the baseline starts.
export * from '../workflows';

/** Does nothing: what starting a workflow costs on this server, with no product work in it. */
export async function emptyWorkflow(): Promise<void> {}
