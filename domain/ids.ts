// Deterministic ids: the same season and branch always give the same report and workflow ids,
// which is what makes a repeated `season start` or a retried activity harmless.

export const reportId = (seasonId: string, branchId: string) => `${seasonId}/${branchId}`;
export const seasonWorkflowId = (seasonId: string) => `season/${seasonId}`;
export const reportWorkflowId = (seasonId: string, branchId: string) => `report/${seasonId}/${branchId}`;
