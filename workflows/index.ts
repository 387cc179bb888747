// The workflows the worker registers. Only workflow-safe code may be imported from here on
// (enforced by eslint): no Node built-ins, no Prisma, no nodemailer, activities as types only.
// The worker loads these modules once for all the workflows it runs (worker/workflow-bundle.ts):
// state belongs in the workflow, never at module level (eslint refuses the usual forms).
export { seasonWorkflow } from './season';
export { branchReportWorkflow } from './branch-report';
export { evaluationMeetingWorkflow } from './evaluation-meeting';
export { rectificationWorkflow } from './rectification';
