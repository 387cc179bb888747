// `shuzhi doctor`: prints app/doctor.ts's findings, one line each with what to do, and exits 1 when
// any part has a problem (a warning alone exits 0).
import type { Command } from 'commander';
import { runDoctor, type DoctorFinding } from '../app/doctor';
import { loadConfig } from '../config/env';
import { cliLocale, msg, print } from './cli-context';

const MARK: Record<DoctorFinding['status'], string> = { ok: '✓', warning: '!', problem: '✗' };

export function addDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(msg.help.doctor)
    .option('--json', msg.help.json)
    .action(async (options: { json?: boolean }) => {
      const findings = await runDoctor(loadConfig());
      const locale = cliLocale();
      const problems = findings.filter((f) => f.status === 'problem').length;
      const warnings = findings.filter((f) => f.status === 'warning').length;
      const lines = findings.map((f) => `${MARK[f.status]} ${f.part[locale]}: ${f.found[locale]}${f.fix ? `\n    → ${f.fix[locale]}` : ''}`);
      print(options.json, { ok: problems === 0, findings }, [...lines, '', msg.help.doctorSummary(problems, warnings)].join('\n'));
      if (problems) process.exitCode = 1;
    });
}
