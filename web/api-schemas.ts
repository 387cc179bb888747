// The API's JSON Schemas: Fastify validates each request by them, and @fastify/swagger writes the
// OpenAPI document (/api/v1/openapi.json) from the same definitions, so the two cannot drift.
import { MAX_BALLOTS } from '../app/meeting-file';
import { RATINGS, REPORT_STATES } from '../domain/vocabulary';

const text = { type: 'string' } as const;
const when = { type: 'string', format: 'date-time' } as const;
const words = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': text, en: text } } as const;

export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: text, message: words } } },
} as const;

/** Every answer a refusal can take; each route lists the ones it gives besides 401. */
const refusals = (...codes: (400 | 403 | 404 | 409 | 422 | 503)[]) => ({
  401: { description: 'Missing, malformed, unknown, expired or revoked token', ...errorSchema },
  ...Object.fromEntries(codes.map((code) => [code, { description: REFUSAL_WORDS[code], ...errorSchema }])),
});
const REFUSAL_WORDS = {
  400: 'The request is not of the documented form',
  403: 'The act is refused to this person',
  404: 'No such report, or not one this person may see',
  409: 'The report is not in a state for this act',
  422: 'The text did not pass the submission check',
  503: 'No worker is running, or it did not answer in time; nothing was changed, or a retry records it once',
};

const reportParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'The report id, season/branch, URL-encoded (demo-2026%2Fno1-middle-school)' } },
} as const;
const seasonParams = { type: 'object', required: ['id'], properties: { id: text } } as const;

const reportSummary = {
  type: 'object',
  properties: {
    id: text,
    seasonId: text,
    branchId: text,
    branchName: text,
    state: { type: 'string', enum: [...REPORT_STATES] },
    dueAt: when,
    rating: { type: ['string', 'null'] },
  },
} as const;

const versionSaved = { type: 'object', properties: { versionNumber: { type: 'integer' } } } as const;
const finding = { type: 'object', properties: { severity: text, message: words }, additionalProperties: true } as const;

const tags = ['shuzhi'];

export const API_SCHEMAS = {
  me: {
    summary: 'Who the token is, and when it expires',
    tags,
    security: [{ bearer: [] }],
    response: {
      200: {
        type: 'object',
        properties: {
          email: text,
          name: { type: ['string', 'null'] },
          token: { type: 'object', properties: { id: text, name: text, expiresAt: when } },
        },
      },
      ...refusals(),
    },
  },
  reports: {
    summary: 'The reports this person may see',
    tags,
    security: [{ bearer: [] }],
    response: { 200: { type: 'object', properties: { reports: { type: 'array', items: reportSummary } } }, ...refusals() },
  },
  report: {
    summary: 'One report: its state, due date, versions and latest text',
    tags,
    security: [{ bearer: [] }],
    params: reportParams,
    response: {
      200: {
        type: 'object',
        properties: {
          ...reportSummary.properties,
          seasonTitle: text,
          timeZone: { type: 'string', description: "The season's time zone, e.g. Asia/Shanghai" },
          secretaryEmail: text,
          reviewerEmail: { type: ['string', 'null'] },
          versions: {
            type: 'array',
            items: { type: 'object', properties: { number: { type: 'integer' }, kind: text, authorEmail: text, createdAt: when } },
          },
          latestText: { type: ['string', 'null'] },
        },
      },
      ...refusals(404),
    },
  },
  draft: {
    summary: 'Save a draft (a new version)',
    tags,
    security: [{ bearer: [] }],
    params: reportParams,
    body: { type: 'object', required: ['text'], additionalProperties: false, properties: { text } },
    response: { 200: versionSaved, ...refusals(400, 403, 404, 422, 503) },
  },
  submit: {
    summary: 'Submit the report for review',
    tags,
    security: [{ bearer: [] }],
    params: reportParams,
    body: { type: 'object', required: ['text'], additionalProperties: false, properties: { text, acceptWarnings: { type: 'boolean' } } },
    response: {
      200: { type: 'object', properties: { versionNumber: { type: 'integer' }, warningsAccepted: { type: 'integer' } } },
      ...refusals(400, 403, 404, 503),
      422: {
        description: 'The text did not pass the submission check, or has warnings not accepted',
        type: 'object',
        properties: { error: errorSchema.properties.error, findings: { type: 'array', items: finding } },
      },
    },
  },
  review: {
    summary: 'Pass or approve the report, or send it back',
    tags,
    security: [{ bearer: [] }],
    params: reportParams,
    body: {
      type: 'object',
      required: ['decision'],
      additionalProperties: false,
      properties: {
        decision: { type: 'string', enum: ['approve', 'request_revision'] },
        comment: text,
        rating: { type: 'string', enum: [...RATINGS] },
        revisionDueAt: { type: 'string', format: 'date-time', description: 'When sending back: the revision is due then' },
        reason: text,
      },
    },
    response: { 200: { type: 'object', properties: { state: { type: 'string', enum: [...REPORT_STATES] } } }, ...refusals(400, 403, 404, 503) },
  },
  approvals: {
    summary: 'Approve many reports, each with its rating; a result per report',
    tags,
    security: [{ bearer: [] }],
    body: {
      type: 'object',
      required: ['items'],
      additionalProperties: false,
      properties: {
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: {
            type: 'object',
            required: ['reportId', 'rating'],
            additionalProperties: false,
            properties: { reportId: text, rating: { type: 'string', enum: [...RATINGS] } },
          },
        },
        comment: text,
        reason: { type: 'string', description: 'Why reports that have not passed review are approved, where the season allows it' },
      },
    },
    response: {
      200: {
        type: 'object',
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                reportId: text,
                outcome: { type: 'string', enum: ['approved', 'skipped', 'not_permitted', 'failed'] },
                code: text,
                reason: words,
              },
            },
          },
        },
      },
      ...refusals(400),
    },
  },
  seasonStatus: {
    summary: "A season at a glance (the season's admins)",
    tags,
    security: [{ bearer: [] }],
    params: seasonParams,
    response: { 200: { type: 'object', additionalProperties: true, properties: { seasonId: text, title: text, status: text } }, ...refusals(403) },
  },
  seasonExport: {
    summary: "A season's export as CSV or Markdown (the season's admins)",
    tags,
    security: [{ bearer: [] }],
    params: seasonParams,
    querystring: { type: 'object', required: ['format'], properties: { format: { type: 'string', enum: ['csv', 'md'] } } },
    response: {
      200: { description: 'The export', content: { 'text/csv': { schema: text }, 'text/markdown': { schema: text } } },
      ...refusals(400, 403),
    },
  },
} as const;

const meetingParams = { type: 'object', required: ['id', 'meetingId'], properties: { id: text, meetingId: text } } as const;
const meetingCount = {
  type: 'object',
  properties: { issued: { type: 'integer' }, cast: { type: 'integer' }, void: { type: 'integer' }, closed: { type: 'boolean' }, closesAt: when },
} as const;
const group = {
  type: 'object',
  required: ['id', 'name', 'weight'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' },
    name: text,
    weight: { type: 'number', description: 'Share of the weighted score, above 0 and at most 100' },
    evaluators: { type: 'array', items: { type: 'string', format: 'email' }, description: 'Named evaluators, each mailed a ballot' },
    ballots: { type: 'integer', minimum: 1, maximum: MAX_BALLOTS, description: 'Or a number of anonymous ballots' },
  },
} as const;

/** 民主测评 (web/routes/api-meetings.ts), for the season's admins. */
export const MEETING_API_SCHEMAS = {
  schedule: {
    summary: 'Schedule an evaluation meeting (民主测评), as a meeting file would; named evaluators are mailed their ballots',
    tags,
    security: [{ bearer: [] }],
    params: seasonParams,
    body: {
      type: 'object',
      required: ['id', 'title', 'closesAt', 'groups'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' },
        title: text,
        closesAt: { type: 'string', description: "2026-12-20 17:00 in the season's zone, or with an offset" },
        reporters: { type: 'array', items: text, description: 'Branch ids; without it, every report of the season' },
        groups: { type: 'array', minItems: 1, items: group },
      },
    },
    response: {
      200: { description: 'Scheduled before: nothing issued again', type: 'object', additionalProperties: true },
      201: { description: 'Scheduled', type: 'object', additionalProperties: true },
      ...refusals(400, 403),
    },
  },
  status: {
    summary: 'The live count while the vote is open; the results once it has closed',
    tags,
    security: [{ bearer: [] }],
    params: meetingParams,
    response: { 200: { type: 'object', additionalProperties: true, properties: { count: meetingCount } }, ...refusals(403, 404, 503) },
  },
  ballots: {
    summary: 'The anonymous ballots not yet cast, as links to hand out (QR codes, slips)',
    tags,
    security: [{ bearer: [] }],
    params: meetingParams,
    response: {
      200: {
        type: 'object',
        properties: { ballots: { type: 'array', items: { type: 'object', properties: { ballotId: text, groupId: text, link: text } } } },
      },
      ...refusals(403, 404),
    },
  },
  close: {
    summary: 'Close the vote before its time; answers once the votes and results are recorded',
    tags,
    security: [{ bearer: [] }],
    params: meetingParams,
    response: { 200: meetingCount, ...refusals(403, 404, 409, 503) },
  },
  grades: {
    summary: "Set each reporter's final grade (综合评价) by the season's rule, from this closed meeting and leadership's rating",
    tags,
    security: [{ bearer: [] }],
    params: meetingParams,
    response: {
      200: {
        type: 'object',
        properties: {
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                reportId: text,
                branchName: text,
                outcome: { type: 'string', enum: ['graded', 'not_approved'] },
                grade: { type: 'string', enum: [...RATINGS] },
                rule: { type: 'integer' },
                because: words,
              },
            },
          },
        },
      },
      ...refusals(403, 409),
    },
  },
  void: {
    summary: 'Void a ballot not yet cast',
    tags,
    security: [{ bearer: [] }],
    params: { type: 'object', required: ['id', 'meetingId', 'ballotId'], properties: { id: text, meetingId: text, ballotId: text } },
    body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } },
    response: { 200: meetingCount, ...refusals(400, 403, 404, 409, 503) },
  },
} as const;

const itemParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', description: 'The item id, season/branch/n, URL-encoded' } },
} as const;
const itemSnapshot = {
  type: 'object',
  properties: {
    itemId: text,
    state: { type: 'string', enum: ['open', 'progress_reported', 'accepted'] },
    dueAt: when,
    progressReports: { type: 'integer' },
    sentBack: { type: 'integer' },
    overdue: { type: 'boolean' },
    escalated: { type: 'boolean' },
  },
} as const;

/** 点评与整改 (web/routes/api-rectification.ts). */
export const RECTIFICATION_API_SCHEMAS = {
  feedback: {
    summary: "Leadership's 点评 on an approved report; each problem becomes a rectification item",
    tags,
    security: [{ bearer: [] }],
    params: reportParams,
    body: {
      type: 'object',
      required: ['comment', 'problems'],
      additionalProperties: false,
      properties: {
        comment: text,
        problems: {
          type: 'array',
          maxItems: 20,
          items: {
            type: 'object',
            required: ['text'],
            additionalProperties: false,
            properties: {
              text: text,
              dueDate: { type: 'string', description: "2027-03-31, in the season's zone; the season's period when not given" },
              measure: text,
            },
          },
        },
      },
    },
    response: { 201: { type: 'object', properties: { items: { type: 'array', items: text } } }, ...refusals(400, 403, 404, 409, 503) },
  },
  item: {
    summary: 'A rectification item with its progress reports',
    tags,
    security: [{ bearer: [] }],
    params: itemParams,
    response: { 200: { type: 'object', additionalProperties: true, properties: { id: text, state: text, dueAt: when } }, ...refusals(404) },
  },
  progress: {
    summary: "The owner reports progress (text; evidence files through the item's page)",
    tags,
    security: [{ bearer: [] }],
    params: itemParams,
    body: { type: 'object', required: ['text'], additionalProperties: false, properties: { text: text } },
    response: { 200: itemSnapshot, ...refusals(400, 403, 404, 409, 503) },
  },
  verdict: {
    summary: 'A reviewer accepts the progress (销号) or sends it back with a comment',
    tags,
    security: [{ bearer: [] }],
    params: itemParams,
    body: {
      type: 'object',
      required: ['decision'],
      additionalProperties: false,
      properties: { decision: { type: 'string', enum: ['accept', 'send_back'] }, comment: text },
    },
    response: { 200: itemSnapshot, ...refusals(400, 403, 404, 409, 503) },
  },
} as const;
