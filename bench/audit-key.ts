// The record's key and Temporal's payload key for benches: from a fixed secret, since a bench's
// scratch stack keeps nothing. Payloads are encrypted as the product's are, so its cost is timed.
import { auditKeyring } from '../config/audit-key';
import { payloadKeyring } from '../config/payload-keys';
import { encryptedDataConverter } from '../temporal/payload-codec';

const BENCH_SECRET = 'bench-secret-for-scratch-stacks-only-000';

export const BENCH_AUDIT_KEY = auditKeyring(BENCH_SECRET).current;
export const BENCH_DATA_CONVERTER = encryptedDataConverter(payloadKeyring([], BENCH_SECRET));
