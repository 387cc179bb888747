import { ConfigError, loadConfig, temporalUiOrigins } from '../../config/env';

describe('configuration', () => {
  test('defaults run the embedded stack', () => {
    const config = loadConfig({}, '/srv/shuzhi');
    expect(config.DATABASE_URL).toBe('file:/srv/shuzhi/data/shuzhi.db');
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(config.SMTP_URL).toBe('smtp://127.0.0.1:2525');
    expect(config.SHUZHI_LOCALE).toBe('zh-CN');
  });

  test('accepts a PostgreSQL DATABASE_URL and a remote Temporal', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:p@db.internal:5432/shuzhi',
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_NAMESPACE: 'party-building',
    });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db.internal:5432/shuzhi');
    expect(config.TEMPORAL_NAMESPACE).toBe('party-building');
  });

  test("keeps 500 workflows in the worker's cache unless told a size", () => {
    expect(loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '200' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(200);
  });

  test("keeps the SDK's workflow stack traces off unless turned on", () => {
    expect(loadConfig({}).WORKER_WORKFLOW_STACK_TRACES).toBe('off');
    expect(loadConfig({ WORKER_WORKFLOW_STACK_TRACES: 'on' }).WORKER_WORKFLOW_STACK_TRACES).toBe('on');
  });

  test('a browser session lasts twelve hours unless told otherwise', () => {
    expect(loadConfig({}).SESSION_TTL).toBe('12h');
    expect(loadConfig({ SESSION_TTL: '30s' }).SESSION_TTL).toBe('30s');
  });

  test("Temporal's payload keys: none listed by default (derived from the secret), else each id with its 32 bytes, in order", () => {
    expect(loadConfig({}).SHUZHI_PAYLOAD_KEYS).toEqual([]);
    const [first, second] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const keys = loadConfig({ SHUZHI_PAYLOAD_KEYS: `2026-07:${first.toString('base64')}, 2026-01:${second.toString('base64url')}` }).SHUZHI_PAYLOAD_KEYS;
    expect(keys).toEqual([
      { id: '2026-07', key: first },
      { id: '2026-01', key: second },
    ]);
  });

  test("the codec endpoint answers the embedded dev server's UI unless told its origins", () => {
    expect(temporalUiOrigins(loadConfig({}))).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(temporalUiOrigins(loadConfig({ TEMPORAL_UI_ORIGIN: 'https://temporal.example.org' }))).toEqual(['https://temporal.example.org']);
  });

  test('treats an empty variable as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });

  test.each([
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['DATABASE_URL', 'mysql://x'],
    ['SMTP_URL', 'http://mail'],
    ['PUBLIC_BASE_URL', 'not a url'],
    ['SHUZHI_LOCALE', 'fr'],
    ['TEMPORAL_UI_PORT', '70000'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '1'],
    ['WORKER_MAX_CACHED_WORKFLOWS', 'many'],
    ['WORKER_WORKFLOW_STACK_TRACES', 'yes'],
    ['SESSION_TTL', '12 hours'],
    ['SESSION_TTL', '0h'],
    ['SHUZHI_PAYLOAD_KEYS', `k1:${Buffer.alloc(16).toString('base64')}`],
    ['SHUZHI_PAYLOAD_KEYS', Buffer.alloc(32).toString('base64')],
    ['SHUZHI_PAYLOAD_KEYS', `k1:${Buffer.alloc(32).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`],
    ['TEMPORAL_UI_ORIGIN', 'https://temporal.example.org/ui'],
  ])('names the bad variable %s', (variable, value) => {
    let caught: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).problems.map((p) => p.variable)).toEqual([variable]);
    expect((caught as Error).message).toContain(`${variable}:`);
  });

  test('reports every bad variable at once', () => {
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'x', SMTP_URL: 'y' })).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ variable: 'TEMPORAL_ADDRESS' }), expect.objectContaining({ variable: 'SMTP_URL' })],
      }),
    );
  });
});
