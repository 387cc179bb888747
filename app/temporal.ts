import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config/env';
import { loadPayloadKeyring } from '../config/secret';
import { encryptedDataConverter } from '../temporal/payload-codec';

export async function connectTemporal(config: Config): Promise<Client> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryptedDataConverter(loadPayloadKeyring(config)) });
}
