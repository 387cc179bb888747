// One workflow per branch per season: carries the branch's report from assignment onwards.
import { workflowInfo } from '@temporalio/workflow';
import { formatInZone } from '../domain/time';
import { mailActivities, recordActivities } from './activity-stubs';

export interface BranchReportInput {
  seasonId: string;
  branchId: string;
  seasonTitle: string;
  branchName: string;
  timeZone: string;
}

export async function branchReportWorkflow(input: BranchReportInput): Promise<{ reportId: string }> {
  const { seasonId, branchId } = input;
  const startedAt = new Date(workflowInfo().startTime).toISOString();
  const assignment = await recordActivities.recordAssignment({
    seasonId,
    branchId,
    occurredAt: startedAt,
    auditKey: `${workflowInfo().workflowId}/assigned`,
  });
  await mailActivities.sendMail({
    idempotencyKey: `${workflowInfo().workflowId}/assignment-mail/${assignment.secretaryEmail}`,
    kind: 'assignment',
    toEmail: assignment.secretaryEmail,
    seasonId,
    reportId: assignment.reportId,
    values: {
      seasonTitle: input.seasonTitle,
      branchName: input.branchName,
      dueDate: formatInZone(new Date(assignment.dueAt), input.timeZone),
      timeZone: input.timeZone,
      linkPath: `/reports/${encodeURIComponent(assignment.reportId)}`,
    },
  });
  return { reportId: assignment.reportId };
}
