// The web app's Prometheus metrics (prom-client): the process's own (memory, event loop, GC),
// every request's duration by route pattern and status, and the product's state read from the
// database at each scrape: reports by season and state, mail by kind and status, the outbox. The
// worker's Temporal metrics (task latencies, activity failures, among them mail that SMTP refused)
// come from the SDK's own exporter on WORKER_METRICS_PORT.
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { mailCountsByStatus, reportCountsByState } from '../db/metric-counts';
import type { Db } from '../db/client';

export interface WebMetrics {
  registry: Registry;
  /** One answered request: its route's pattern (never the URL, whose ids would have no end), method and status. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
}

export function createWebMetrics(db: Db): WebMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'shuzhi_web_' });
  const requests = new Histogram({
    name: 'shuzhi_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'shuzhi_reports',
    help: 'Reports by season and state',
    labelNames: ['season', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { seasonId, state, count } of await reportCountsByState(db)) this.set({ season: seasonId, state }, count);
    },
  });
  const mailByStatus = async () => mailCountsByStatus(db);
  new Gauge({
    name: 'shuzhi_mails',
    help: 'Mail by kind and status: sent, or sending (asked for, not yet taken by SMTP)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { kind, status, count } of await mailByStatus()) this.set({ kind, status }, count);
    },
  });
  new Gauge({
    name: 'shuzhi_mail_outbox',
    help: 'Mail asked for and not yet taken by SMTP (being retried while SMTP is down)',
    registers: [registry],
    async collect() {
      this.set((await mailByStatus()).filter((group) => group.status === 'sending').reduce((sum, group) => sum + group.count, 0));
    },
  });
  return {
    registry,
    observeRequest: (route, method, status, seconds) => requests.observe({ route, method, status: String(status) }, seconds),
  };
}
