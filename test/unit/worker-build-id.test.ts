// A worker build is named after the workflow code it runs: the same code in two places shares a
// name, and a change to a workflow, or to the words the workflows share, makes a new one.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../config/env';
import { workflowBuildId } from '../../worker/build-id';

function copyOfTheCode(): string {
  const root = mkdtempSync(join(tmpdir(), 'shuzhi-build-id-'));
  for (const path of ['workflows', 'domain', 'temporal', 'package.json', 'node_modules/@temporalio/workflow/package.json']) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    cpSync(join(PROJECT_ROOT, path), join(root, path), { recursive: true });
  }
  return root;
}

test('the same workflow code in another folder is the same build', () => {
  expect(workflowBuildId(copyOfTheCode())).toBe(workflowBuildId());
  expect(workflowBuildId()).toMatch(/^\d+\.\d+\.\d+-[0-9a-f]{12}$/);
});

test('a changed workflow, shared word or failure converter makes a new build; other files do not', () => {
  const root = copyOfTheCode();
  const before = workflowBuildId(root);
  writeFileSync(join(root, 'README.md'), 'not workflow code');
  writeFileSync(join(root, 'workflows', 'notes.txt'), 'not a module');
  expect(workflowBuildId(root)).toBe(before);

  const changes = ['workflows/season.ts', 'domain/vocabulary.ts', 'temporal/failure-converter.ts'];
  const seen = new Set([before]);
  for (const file of changes) {
    writeFileSync(join(root, file), `// changed\n`, { flag: 'a' });
    const after = workflowBuildId(root);
    expect({ file, changed: !seen.has(after) }).toEqual({ file, changed: true });
    seen.add(after);
  }
});

test('another SDK version is another build', () => {
  const root = copyOfTheCode();
  const before = workflowBuildId(root);
  writeFileSync(join(root, 'node_modules/@temporalio/workflow/package.json'), JSON.stringify({ version: '9.9.9' }));
  expect(workflowBuildId(root)).not.toBe(before);
});
