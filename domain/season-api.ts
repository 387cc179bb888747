// The season workflow's signal and query, shared with the CLI. Workflow-safe.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { Actor } from './report-api';

export interface SeasonProgress {
  /** Report workflows started by this season (across continue-as-new runs). */
  started: number;
  /** Branches whose report workflow already existed (a repeated start). */
  alreadyRunning: number;
  fanOutDone: boolean;
  /** Set once the season is closing: how many report workflows were told. */
  closing?: { told: number; done: boolean };
}

export const seasonProgressQuery = defineQuery<SeasonProgress>('progress');
export const closeSeasonSignal = defineSignal<[{ actor: Actor }]>('closeSeason');
