// The workflows the worker registers. Only workflow-safe code may be imported from here on
// (enforced by eslint): no Node built-ins, no Prisma, no nodemailer, activities as types only.
export { seasonWorkflow } from './season';
export { branchReportWorkflow } from './branch-report';
