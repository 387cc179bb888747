// What Temporal stores, encrypted in tests as in the product: with the key derived from TEST_SECRET,
// the default when SHUZHI_PAYLOAD_KEYS is unset, so an in-process worker, a worker process, the CLI
// and the test's own client (all given that secret) read each other's payloads.
import { payloadKeyring } from '../../config/payload-keys';
import { encryptedDataConverter } from '../../temporal/payload-codec';
import { TEST_SECRET } from './audit-key';

export const TEST_PAYLOAD_KEYRING = payloadKeyring([], TEST_SECRET);
export const TEST_DATA_CONVERTER = encryptedDataConverter(TEST_PAYLOAD_KEYRING);
