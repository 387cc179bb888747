// Failures as Temporal stores them: the message and stack trace travel as an encoded payload, so
// the payload codec (payload-codec.ts) encrypts them too; by default they would be plain text in
// the history, and a refusal's message can name a person or quote a report. This module is loaded
// by path (the SDK's failureConverterPath), by every client and worker and inside the workflow
// bundle: it must stay workflow-safe.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
