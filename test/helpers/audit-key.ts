// The record's key for tests: every test that writes or verifies the record uses this secret, so
// events written by the test itself, by an in-process worker and by a worker process all verify.
import { auditKeyring } from '../../config/audit-key';

export const TEST_SECRET = 'test-secret-for-the-record-of-shuzhi-tests';
export const TEST_AUDIT_KEYRING = auditKeyring(TEST_SECRET);
export const TEST_AUDIT_KEY = TEST_AUDIT_KEYRING.current;
