// Validates the OpenAPI document read from standard input against the OpenAPI specification's own
// schema; prints the errors and exits 1 when it is not valid. Run as its own Node process: the
// validator is an ES module, which jest's CommonJS runtime cannot load.
import { Validator } from '@seriousme/openapi-schema-validator';

let text = '';
for await (const chunk of process.stdin) text += chunk;
const result = await new Validator().validate(JSON.parse(text));
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
