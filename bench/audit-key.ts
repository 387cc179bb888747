// The record's key for benches: a fixed secret, since a bench's scratch stack keeps nothing.
import { auditKeyring } from '../config/audit-key';

export const BENCH_AUDIT_KEY = auditKeyring('bench-secret-for-scratch-stacks-only-000').current;
